import { describe, expect, it } from 'vitest';
import { MODELS_BY_KIND } from '../receivables/contracts/check-contract-lines.ts';
import { parseCharge } from '../receivables/rating/charge-model-factory.ts';
import { addMonths, zonedStartOfDay } from '../receivables/schedule/local-dates.ts';
import { DEMO_BILLING_MONTH, DEMO_BILLING_PERIOD, DEMO_CONTRACT_STARTS, DEMO_TODAY } from './demo-calendar.ts';
import { buildDemoEntities } from './demo-company.ts';
import { DEMO_METRICS } from './demo-metrics.ts';
import { localPrice } from './demo-price-book.ts';
import { buildDemoProducts } from './demo-products.ts';
import { generateDemoContracts, type DemoContract } from './generate-contracts.ts';
import { generateDemoCustomers } from './generate-customers.ts';
import { caseSafeSuffix, crmAccountId, generateDemoCrmIds } from './generate-external-ids.ts';
import { DEMO_FX_WINDOW } from './generate-fx-rates.ts';
import { generateDemoUsageEvents, type DemoUsageEvent } from './generate-usage-events.ts';
import { MAX_USAGE_EVENTS_PER_CUSTOMER, planDemoContracts, type DemoCustomerRef } from './plan-demo-contracts.ts';

function customersOf(seed: number, count: number): DemoCustomerRef[] {
  return Array.from(generateDemoCustomers(seed, count, buildDemoEntities(seed)), (c) => ({
    id: c.id, number: c.number, entityId: c.entityId, billingCurrency: c.billingCurrency,
    poRequired: c.poRequired, timeZone: c.timeZone, segment: c.segment, country: c.billingAddress.country,
  }));
}

function billingDataOf(seed: number, count: number): { customers: DemoCustomerRef[]; contracts: DemoContract[]; events: DemoUsageEvent[] } {
  const customers = customersOf(seed, count);
  const plans = planDemoContracts(seed, customers);
  const products = new Map(buildDemoProducts(seed).map((p) => [p.sku, p.id]));
  const crmIds = generateDemoCrmIds(seed, customers.map((c) => c.id));
  return {
    customers,
    contracts: Array.from(generateDemoContracts(seed, plans, products)),
    events: Array.from(generateDemoUsageEvents(seed, plans, new Map(crmIds.map((x) => [x.objectId, x.externalId])))),
  };
}

const share = (part: number, whole: number): number => part / whole;

describe('demo contracts and usage', () => {
  const { customers, contracts, events } = billingDataOf(42, 2_000);
  const customerById = new Map(customers.map((c) => [c.id, c]));
  const lines = contracts.flatMap((c) => c.lines);

  it('bills a month inside the FX window, before "today"', () => {
    expect(DEMO_BILLING_MONTH).toEqual({ first: '2026-10-01', next: '2026-11-01' });
    expect(DEMO_BILLING_PERIOD.localeCompare(DEMO_FX_WINDOW.to.slice(0, 7))).toBeLessThanOrEqual(0);
    expect(DEMO_BILLING_MONTH.next <= DEMO_TODAY).toBe(true);
    expect(DEMO_CONTRACT_STARTS).toEqual({ from: '2025-11-15', through: '2026-10-31' });
  });

  it('gives most customers one contract in their billing currency and entity, in force in the billed month', () => {
    expect(share(contracts.length, customers.length)).toBeGreaterThan(0.88);
    expect(new Set(contracts.map((c) => c.customerId)).size).toBe(contracts.length);
    expect(new Set(contracts.map((c) => c.number)).size).toBe(contracts.length);
    for (const c of contracts) {
      const customer = customerById.get(c.customerId)!;
      expect([c.currency, c.entityId], c.number).toEqual([customer.billingCurrency, customer.entityId]);
      expect(c.startDate >= DEMO_CONTRACT_STARTS.from && c.startDate <= DEMO_CONTRACT_STARTS.through, c.number).toBe(true);
      expect(c.endDate, c.number).toBe(addMonths(c.startDate, c.termMonths));
      expect(c.endDate > DEMO_BILLING_MONTH.next, c.number).toBe(true);
      if (customer.poRequired) expect(c.poNumber, c.number).toBeTruthy();
      const uplift = Number(c.renewalUpliftPercent);
      expect(uplift >= 0 && uplift <= 7 && (c.autoRenew || uplift === 0), c.number).toBe(true);
    }
  });

  it('mixes plans like a SaaS book: monthly seats, prepaid years, quarters, metered API calls, services', () => {
    const count = (predicate: (c: DemoContract) => boolean): number => contracts.filter(predicate).length;
    expect(share(count((c) => c.billingFrequency === 'monthly'), contracts.length)).toBeGreaterThan(0.4);
    expect(share(count((c) => c.billingFrequency === 'annual' && c.billingTiming === 'in_advance'), contracts.length)).toBeGreaterThan(0.12);
    expect(count((c) => c.billingFrequency === 'quarterly')).toBeGreaterThan(50);
    expect(count((c) => c.billingTiming === 'in_arrears')).toBeGreaterThan(20);
    expect(share(count((c) => c.alignment === 'calendar'), contracts.length)).toBeGreaterThan(0.08);
    expect(share(count((c) => c.alignment === 'anniversary'), contracts.length)).toBeGreaterThan(0.7);
    expect(count((c) => c.lines.some((l) => l.kind === 'one_time'))).toBeGreaterThan(20);
    expect(count((c) => c.lines.some((l) => l.kind === 'milestone'))).toBeGreaterThan(10);
    expect(count((c) => c.milestones.length > 0)).toBeGreaterThan(10);
    expect(new Set(contracts.map((c) => c.renewalUpliftPercent)).size).toBeGreaterThan(4);
    const models = new Set(lines.map((l) => `${l.kind}:${l.charge.model}`));
    expect([...models].sort()).toEqual([
      'milestone:milestone', 'one_time:one_time', 'recurring:flat', 'recurring:per_unit',
      'usage:graduated', 'usage:included_allowance', 'usage:per_unit',
    ]);
  });

  it('builds only charges that parse and fit their line, with unique keys, inside the term', () => {
    for (const c of contracts) {
      expect(new Set(c.lines.map((l) => l.lineKey)).size, c.number).toBe(c.lines.length);
      for (const line of c.lines) {
        const where = `${c.number} ${line.lineKey}`;
        expect(parseCharge(line.charge), where).toEqual(line.charge);
        expect(MODELS_BY_KIND[line.kind], where).toContain(line.charge.model);
        expect(line.metricCode !== null, where).toBe(line.kind === 'usage');
        expect(line.startDate >= c.startDate && line.startDate < c.endDate && line.endDate === c.endDate, where).toBe(true);
      }
      const milestoneKeys = c.lines.filter((l) => l.kind === 'milestone').flatMap((l) => (l.charge.model === 'milestone' ? l.charge.params.milestones.map((m) => m.key) : []));
      for (const m of c.milestones) expect(milestoneKeys, c.number).toContain(m.milestoneKey);
    }
  });

  it('prices per period in the contract currency: a quarter is three months, a prepaid year ten', () => {
    expect([localPrice('65', 'USD'), localPrice('65', 'EUR', 10), localPrice('39', 'GBP', 3), localPrice('0.002', 'AUD'), localPrice('0.25', 'GBP')]).toEqual(['65', '598', '92', '0.00304', '0.1975']);
    const seats = (frequency: string) => lines.find((l) => l.lineKey === 'seats' && l.charge.name === 'Platform seats, Enterprise' && contracts.find((c) => c.id === l.contractId)!.currency === 'USD' && contracts.find((c) => c.id === l.contractId)!.billingFrequency === frequency);
    expect(seats('monthly')!.charge).toMatchObject({ params: { unitPrice: '65' } });
    expect(seats('quarterly')!.charge).toMatchObject({ params: { unitPrice: '195' } });
    expect(seats('annual')!.charge).toMatchObject({ params: { unitPrice: '650' } });
  });

  it('meters a month of usage: at most 30 events per customer, only for its usage lines, inside the billed month in its time zone', () => {
    expect(events.length).toBeGreaterThan(contracts.length * 5);
    const perCustomer = new Map<string, number>();
    for (const e of events) perCustomer.set(e.customerId, (perCustomer.get(e.customerId) ?? 0) + 1);
    expect(Math.max(...perCustomer.values())).toBeLessThanOrEqual(MAX_USAGE_EVENTS_PER_CUSTOMER);
    const contractOf = new Map(contracts.map((c) => [c.customerId, c]));
    for (const e of events) {
      const contract = contractOf.get(e.customerId)!;
      const customer = customerById.get(e.customerId)!;
      expect(contract.lines.some((l) => l.kind === 'usage' && l.metricCode === e.metricCode), e.eventId).toBe(true);
      const from = contract.startDate > DEMO_BILLING_MONTH.first ? contract.startDate : DEMO_BILLING_MONTH.first;
      expect(e.occurredAt >= zonedStartOfDay(from, customer.timeZone) && e.occurredAt < zonedStartOfDay(DEMO_BILLING_MONTH.next, customer.timeZone), e.eventId).toBe(true);
    }
    expect(new Set(events.map((e) => e.eventId)).size).toBe(events.length);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    expect(new Set(events.map((e) => e.metricCode))).toEqual(new Set([DEMO_METRICS.apiCalls, DEMO_METRICS.storage, DEMO_METRICS.activeUsers]));
    // Every contract with an API line whose customer started before the month ends has usage.
    const metered = contracts.filter((c) => c.lines.some((l) => l.metricCode === DEMO_METRICS.apiCalls));
    expect(metered.every((c) => perCustomer.has(c.customerId))).toBe(true);
  });

  it('writes Salesforce-style CRM account ids: 18 characters, unique, with the case-safe suffix', () => {
    expect(caseSafeSuffix('001D000000IqhSL')).toBe('IAZ'); // Salesforce's documented example
    expect(crmAccountId(0)).toBe('0015g0000000000AAA');
    const ids = generateDemoCrmIds(42, customers.map((c) => c.id));
    expect(new Set(ids.map((x) => x.externalId)).size).toBe(customers.length);
    for (const x of ids) expect(x.externalId).toMatch(/^0015g00000[0-9A-Za-z]{5}[A-Z0-5]{3}$/);
  });

  it('is deterministic, differs by seed, and keeps the first customers\' contracts when more are asked for', () => {
    const small = billingDataOf(42, 300);
    expect(JSON.stringify(billingDataOf(42, 300))).toBe(JSON.stringify(small));
    expect(JSON.stringify(billingDataOf(43, 300).contracts)).not.toBe(JSON.stringify(small.contracts));
    expect(contracts.slice(0, small.contracts.length)).toEqual(small.contracts);
    expect(events.slice(0, small.events.length)).toEqual(small.events);
  });
});

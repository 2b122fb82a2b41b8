import { describe, expect, it } from 'vitest';
import { validateTaxId } from '../reference-data/tax-ids.ts';
import { zonedStartOfDay } from '../receivables/schedule/local-dates.ts';
import { DEMO_BILLING_PERIOD, DEMO_PILOT_ENTITY, demoFirstBilledPeriod } from './demo-calendar.ts';
import { buildDemoEntities } from './demo-company.ts';
import { buildDemoProducts } from './demo-products.ts';
import { generateDemoContracts, migratedBilledThrough } from './generate-contracts.ts';
import { generateDemoCustomers } from './generate-customers.ts';
import { generateDemoCrmIds } from './generate-external-ids.ts';
import { generateDemoUsageEvents } from './generate-usage-events.ts';
import { planDemoContracts, type DemoCustomerRef } from './plan-demo-contracts.ts';
import { API_SPIKE_FACTOR, PO_MISSING_ONE_IN, customerDefects, oneDigitOff, planContractDefects } from './plan-demo-defects.ts';

const entities = buildDemoEntities(42);
const codeOf = new Map(entities.map((e) => [e.id, e.code]));
const pilot = entities.find((e) => e.code === DEMO_PILOT_ENTITY)!;
const customers = Array.from(generateDemoCustomers(42, 2_000, entities));
const refs: DemoCustomerRef[] = customers.map((c) => ({
  id: c.id, number: c.number, entityId: c.entityId, billingCurrency: c.billingCurrency,
  poRequired: c.poRequired, timeZone: c.timeZone, segment: c.segment, country: c.billingAddress.country,
}));
const plansOf = (history: boolean) => planDemoContracts(42, refs, (c) => demoFirstBilledPeriod(codeOf.get(c.entityId)!, history));

describe('planted demo flaws', () => {
  it('puts a typo in the VAT ids of every 25th cross-border EU customer: one digit off, so the check digits fail', () => {
    const flaws = customerDefects(new Map(entities.map((e) => [e.id, e.country])));
    const flawed = customers.map(flaws.apply);
    expect(flaws.typos).toEqual(['C-000004', 'C-000409', 'C-000773', 'C-001114', 'C-001559']);
    flawed.forEach((c, i) => {
      const typo = flaws.typos.includes(c.number);
      expect(c.taxId === customers[i]!.taxId, c.number).toBe(!typo);
      if (!typo) return;
      const differing = [...c.taxId!].filter((ch, k) => ch !== customers[i]!.taxId![k]);
      expect(differing, c.number).toHaveLength(1);
      expect(validateTaxId('eu_vat', c.taxId!, c.billingAddress.country).ok, c.number).toBe(false);
    });
    expect(oneDigitOff('NL004495445B01', 'eu_vat', 'NL')).toMatch(/^NL\d{9}B\d{2}$/);
    expect(oneDigitOff('no digits', 'not_a_type', 'NL')).toBeNull();
  });

  it('drops the PO of every 15th monthly contract of a customer who requires one, and spikes API calls and plans a retired-account training only with history', () => {
    const requiresPo = new Set(refs.filter((c) => c.poRequired).map((c) => c.id));
    const plain = plansOf(false);
    const without = planContractDefects(plain, refs, null);
    expect([without.apiSpike, without.septemberTraining]).toEqual([[], []]);
    const eligible = plain.filter((p) => requiresPo.has(p.customerId) && p.frequency === 'monthly');
    expect(without.poMissing).toHaveLength(Math.ceil(eligible.length / PO_MISSING_ONE_IN));
    for (const p of plain) expect(p.poNumber === null && requiresPo.has(p.customerId), p.number).toBe(without.poMissing.includes(p.number));

    const plans = plansOf(true);
    const withHistory = planContractDefects(plans, refs, pilot.id);
    expect(withHistory.poMissing).toEqual(without.poMissing);
    expect(withHistory.apiSpike.length).toBeGreaterThan(0);
    for (const p of plans.filter((x) => withHistory.apiSpike.includes(x.number))) {
      // Billed for July, August and September before the spike: the anomaly rule needs three earlier invoices.
      expect([p.entityId, p.frequency, p.api !== 'none', p.startDate < '2026-07-01', p.apiSpike], p.number).toEqual([pilot.id, 'monthly', true, true, API_SPIKE_FACTOR]);
    }
    expect(withHistory.septemberTraining.length).toBeGreaterThan(0);
    for (const p of plans.filter((x) => withHistory.septemberTraining.includes(x.number))) {
      // Billed by the go-live run: on 25 September, after what the previous system billed.
      const training = new Date(Date.parse(`${p.startDate}T00:00:00Z`) + p.trainingAfterDays * 86_400_000).toISOString().slice(0, 10);
      expect([training, (migratedBilledThrough(p) ?? p.startDate) <= training], p.number).toEqual(['2026-09-25', true]);
    }
    expect(plans.every((p) => p.apiSpike === 1 || withHistory.apiSpike.includes(p.number))).toBe(true);
  });

  it('meters every month billed through invoiceops — the pilot from July, the others from September — and leaves the demo month as it was without history', () => {
    const products = new Map(buildDemoProducts(42).map((p) => [p.sku, p.id]));
    const subjects = new Map(generateDemoCrmIds(42, refs.map((c) => c.id)).map((x) => [x.objectId, x.externalId]));
    const plain = plansOf(false);
    planContractDefects(plain, refs, null);
    const plans = plansOf(true);
    planContractDefects(plans, refs, pilot.id);
    const before = Array.from(generateDemoUsageEvents(42, plain, subjects));
    const after = Array.from(generateDemoUsageEvents(42, plans, subjects));
    const demoMonth = after.filter((e) => /^gw-\d{6}-/.test(e.eventId));
    const spiked = new Set(plans.filter((p) => p.apiSpike > 1).map((p) => p.customerId));
    // Same events in the demo month, but the spiked customers' API calls.
    expect(demoMonth.filter((e) => !spiked.has(e.customerId))).toEqual(before.filter((e) => !spiked.has(e.customerId)));
    expect(new Set(after.map((e) => e.eventId)).size).toBe(after.length);
    expect(new Set(after.map((e) => e.id)).size).toBe(after.length);
    const months = (entityCode: string) => new Set(after.filter((e) => codeOf.get(refs.find((c) => c.id === e.customerId)!.entityId) === entityCode).map((e) => /^gw-(\d{4})-/.exec(e.eventId)?.[1] ?? DEMO_BILLING_PERIOD));
    expect(months(DEMO_PILOT_ENTITY)).toEqual(new Set(['2607', '2608', '2609', DEMO_BILLING_PERIOD]));
    expect(months('US01')).toEqual(new Set(['2609', DEMO_BILLING_PERIOD]));
    // Each month's events fall inside it, in the customer's time zone, from the contract's start.
    const planOf = new Map(plans.map((p) => [p.customerId, p]));
    for (const e of after.filter((x) => x.eventId.startsWith('gw-2609-'))) {
      const plan = planOf.get(e.customerId)!;
      const from = plan.startDate > '2026-09-01' ? plan.startDate : '2026-09-01';
      expect(e.occurredAt >= zonedStartOfDay(from, plan.timeZone) && e.occurredAt < zonedStartOfDay('2026-10-01', plan.timeZone), e.eventId).toBe(true);
    }
    // Contracts migrated to a history start their billing earlier, so none is billed twice.
    const contracts = Array.from(generateDemoContracts(42, plans, products));
    expect(contracts.filter((c) => c.entityId !== pilot.id && c.startDate < '2026-09-01' && c.billingFrequency === 'monthly').every((c) => c.billedThrough! <= '2026-10-01')).toBe(true);
  });
});

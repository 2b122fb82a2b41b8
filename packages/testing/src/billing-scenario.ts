import { expect } from 'vitest';
import {
  ALL_ENTITIES,
  SYSTEM_CONTEXT,
  amendContract,
  amendContractSchema,
  billableMetricResource,
  billingMonth,
  createBillRun,
  executeBillRun,
  ingestUsageEvents,
  listInvoices,
  listUsageEvents,
  listUsageEventsQuery,
  type BillRun,
  type Contract,
  type Db,
  type IngestUsageResult,
  type Invoice,
  type TaxEngine,
} from '@invoiceops/core';
import { createTaxEngine } from '@invoiceops/connectors';
import { createCustomer, createGlAccount, createLegalEntity, createProduct, createThrough, unique } from './factories.ts';
import type { BillingFixture } from './receivables-factories.ts';

/**
 * Helpers for end-to-end billing scenarios (packages/core/test/scenarios): parties in
 * several countries, contract lines, a bill run per month, usage with the clock the test
 * chooses, and read-backs of what a finance user checks (invoice rows, GL, revenue schedule).
 */

/** The built-in tax engine, as the bill run uses it in production. */
export const scenarioTaxEngine: TaxEngine = createTaxEngine({ kind: 'builtin' });

/** Seller presets (legal entity overrides); the default entity is German, EUR, Europe/Berlin. */
export const SELLERS = {
  germany: {},
  unitedStates: {
    country: 'US',
    legalName: 'Invoiceops Test Inc.',
    functionalCurrency: 'USD',
    taxRegistrations: [{ country: 'US', type: 'us_ein', number: '12-3456789' }],
    address: { line1: '350 Fifth Avenue', city: 'New York', region: 'NY', postalCode: '10118', country: 'US' },
    timeZone: 'America/New_York',
  },
  australia: {
    country: 'AU',
    legalName: 'Invoiceops Test Pty Ltd',
    functionalCurrency: 'AUD',
    // The ATO's published example ABN (valid checksum).
    taxRegistrations: [{ country: 'AU', type: 'au_abn', number: '51824753556' }],
    address: { line1: '1 Martin Place', city: 'Sydney', region: 'NSW', postalCode: '2000', country: 'AU' },
    timeZone: 'Australia/Sydney',
  },
} satisfies Record<string, Record<string, unknown>>;

/** Customer presets (customer overrides); the default customer is a French business with a valid VAT id. */
export const CUSTOMERS = {
  frenchBusiness: {},
  germanDomestic: {
    name: 'Berliner Daten GmbH',
    taxId: null,
    billingAddress: { line1: 'Unter den Linden 5', city: 'Berlin', postalCode: '10117', country: 'DE' },
    timeZone: 'Europe/Berlin',
  },
  newYork: {
    name: 'Hudson Analytics LLC',
    billingCurrency: 'USD',
    taxId: null,
    billingAddress: { line1: '1 Liberty Plaza', city: 'New York', region: 'NY', postalCode: '10006', country: 'US' },
    timeZone: 'America/New_York',
  },
  losAngeles: {
    name: 'Sunset Metrics Inc.',
    billingCurrency: 'USD',
    taxId: null,
    billingAddress: { line1: '200 N Spring St', city: 'Los Angeles', region: 'CA', postalCode: '90012', country: 'US' },
    timeZone: 'America/Los_Angeles',
  },
  sydney: {
    name: 'Harbour Insights Pty Ltd',
    billingCurrency: 'AUD',
    taxId: null,
    billingAddress: { line1: '10 George St', city: 'Sydney', region: 'NSW', postalCode: '2000', country: 'AU' },
    timeZone: 'Australia/Sydney',
  },
  tokyo: {
    name: 'Kanda Systems KK',
    billingCurrency: 'JPY',
    taxId: null,
    billingAddress: { line1: '1-1 Marunouchi', city: 'Tokyo', postalCode: '100-0005', country: 'JP' },
    timeZone: 'Asia/Tokyo',
  },
  kuwait: {
    name: 'Gulf Data Co.',
    billingCurrency: 'KWD',
    taxId: null,
    billingAddress: { line1: 'Arabian Gulf St', city: 'Kuwait City', country: 'KW' },
    timeZone: 'Asia/Kuwait',
  },
} satisfies Record<string, Record<string, unknown>>;

/** A billing fixture plus a second metric, for "metric not in the contract" and two-metric cases. */
export interface ScenarioFixture extends BillingFixture {
  otherMetricCode: string;
}

/** Entity, customer, two products and two sum metrics; override the entity and the customer. */
export async function createScenarioFixture(
  db: Db,
  parties: { entity?: Record<string, unknown>; customer?: Record<string, unknown> } = {},
): Promise<ScenarioFixture> {
  const entity = await createLegalEntity(db, parties.entity ?? {});
  const customer = await createCustomer(db, entity.id, parties.customer ?? {});
  const account = await createGlAccount(db, { type: 'revenue' });
  const seatProduct = await createProduct(db, account.code as string, { unit: 'seat' });
  const usageProduct = await createProduct(db, account.code as string, { unit: 'call' });
  const metricCode = unique('api.calls.').toLowerCase();
  const otherMetricCode = unique('storage.gb.').toLowerCase();
  await createThrough(db, billableMetricResource, { code: metricCode, name: 'API calls', aggregation: 'sum', unit: 'call' });
  await createThrough(db, billableMetricResource, { code: otherMetricCode, name: 'Storage', aggregation: 'sum', unit: 'GB' });
  return { entity, customer, seatProduct, usageProduct, metricCode, otherMetricCode };
}

/** A recurring seat line: `quantity` × `unitPrice` per period. */
export function seatLine(f: BillingFixture, unitPrice: string, quantity: string, key = 'seats'): Record<string, unknown> {
  return { key, productId: f.seatProduct.id, kind: 'recurring', charge: { model: 'per_unit', kind: 'recurring', params: { unitPrice } }, quantity };
}

/** A recurring flat plan line: `amount` per period. */
export function flatLine(f: BillingFixture, amount: string, key = 'plan', name?: string): Record<string, unknown> {
  return { key, productId: f.seatProduct.id, kind: 'recurring', charge: { model: 'flat', ...(name ? { name } : {}), params: { amount } } };
}

/** A usage line rated from `metricCode` (default: the fixture's API calls) with `charge`. */
export function usageLine(f: BillingFixture, charge: Record<string, unknown>, key = 'api', metricCode = f.metricCode): Record<string, unknown> {
  return { key, productId: f.usageProduct.id, kind: 'usage', metricCode, charge };
}

/** Amends a contract through the API schema, as the system actor. */
export function amend(db: Db, contractId: string, input: Record<string, unknown>): Promise<Contract> {
  return amendContract(db, SYSTEM_CONTEXT, contractId, amendContractSchema.parse(input), ALL_ENTITIES);
}

/**
 * Creates and executes a bill run for one customer and month, as run on the 2nd of the
 * month after (the test's clock: every usage window of the month has closed everywhere).
 */
export function runBill(db: Db, period: string, customerId: string, taxEngine: TaxEngine = scenarioTaxEngine): Promise<BillRun> {
  return runBillAt(db, { period, customerId }, new Date(Date.parse(`${billingMonth(period).next}T00:00:00Z`) + 86_400_000), taxEngine);
}

/** Creates a bill run (a draft run unless `finalize`) and executes it at `now`, the run's clock. */
export async function runBillAt(
  db: Db,
  input: { period: string; entityId?: string; customerId?: string; finalize?: boolean },
  now: Date,
  taxEngine: TaxEngine = scenarioTaxEngine,
): Promise<BillRun> {
  const run = await createBillRun(db, SYSTEM_CONTEXT, { finalize: false, ...input }, ALL_ENTITIES, { enqueue: false });
  return executeBillRun(db, SYSTEM_CONTEXT, run.id, { taxEngine, now });
}

/** The customer's live (not void) invoices for `period`. */
export async function invoicesFor(db: Db, customerId: string, period: string): Promise<Invoice[]> {
  const page = await listInvoices(db, { limit: 500, customerId, billingPeriod: period, kind: 'invoice' }, ALL_ENTITIES);
  return page.data.filter((i) => i.status !== 'void');
}

/**
 * Bills one month for one customer and returns its invoice for that month, or undefined
 * when nothing was owed. The run must finish without errors.
 */
export async function billMonth(db: Db, period: string, customerId: string): Promise<Invoice | undefined> {
  const run = await runBill(db, period, customerId);
  expect(run.errors).toEqual([]);
  expect(run.status).toBe('completed');
  const invoices = await invoicesFor(db, customerId, period);
  expect(invoices.length).toBeLessThanOrEqual(1);
  return invoices[0];
}

/** Like {@link billMonth}, but the month must produce an invoice. */
export async function billMonthExpectingInvoice(db: Db, period: string, customerId: string): Promise<Invoice> {
  const invoice = await billMonth(db, period, customerId);
  if (!invoice) throw new Error(`expected an invoice for ${period}, but the bill run drafted none`);
  return invoice;
}

/** The months `from` to `to` inclusive, written YYYY-MM. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.split('-').map(Number) as [number, number];
  for (;;) {
    const period = `${year}-${String(month).padStart(2, '0')}`;
    months.push(period);
    if (period >= to) return months;
    month += 1;
    if (month === 13) {
      month = 1;
      year += 1;
    }
  }
}

/** A CloudEvents usage event; `extra` adds attributes such as `corrects`. */
export function usageEvent(
  subject: string,
  metric: string,
  id: string,
  time: string,
  quantity: number | string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { specversion: '1.0', id, source: '/scenario', type: metric, subject, time, data: { quantity }, ...extra };
}

/** Ingests usage events as if it were `now` (the test's clock). */
export function sendUsage(db: Db, events: Record<string, unknown>[], now: string): Promise<IngestUsageResult> {
  return ingestUsageEvents(db, SYSTEM_CONTEXT, { events, scope: ALL_ENTITIES, now: new Date(now) });
}

/** Where each of a customer's usage events stands in billing (GET usage events), by event id. */
export async function usageBillingStates(db: Db, customerId: string): Promise<Record<string, string>> {
  const page = await listUsageEvents(db, listUsageEventsQuery.parse({ customerId, limit: 500 }), ALL_ENTITIES);
  return Object.fromEntries(page.data.map((e) => [e.eventId, e.billing]));
}

/** A customer's `usage_billed_until` as an ISO instant, or null while no usage was billed. */
export async function usageBilledUntil(db: Db, customerId: string): Promise<string | null> {
  const row = await db.selectFrom('customers').select('usageBilledUntil').where('id', '=', customerId).executeTakeFirstOrThrow();
  return row.usageBilledUntil ? new Date(row.usageBilledUntil).toISOString() : null;
}

/** Lines as `[kind, amount]` pairs, the way a reviewer reads an invoice. */
export function kindsAndAmounts(invoice: Invoice): [string, string][] {
  return invoice.lines.map((l) => [l.kind, l.amount]);
}

/** Rows in `invoices` (any status) for a customer, optionally one billing period. */
export async function countInvoiceRows(db: Db, customerId: string, period?: string): Promise<number> {
  let query = db.selectFrom('invoices').select((eb) => eb.fn.countAll<string>().as('n')).where('customerId', '=', customerId).where('kind', '=', 'invoice');
  if (period) query = query.where('billingPeriod', '=', period);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}

/** An invoice's GL entries, and their debit and credit totals per account, in minor units. */
export async function glOf(db: Db, invoiceId: string): Promise<{ debit: bigint; credit: bigint; byAccount: Record<string, { debit: bigint; credit: bigint }> }> {
  const rows = await db.selectFrom('invoiceGlEntries').select(['accountCode', 'debitMinor', 'creditMinor']).where('invoiceId', '=', invoiceId).execute();
  const byAccount: Record<string, { debit: bigint; credit: bigint }> = {};
  let debit = 0n;
  let credit = 0n;
  for (const r of rows) {
    const account = (byAccount[r.accountCode] ??= { debit: 0n, credit: 0n });
    account.debit += BigInt(r.debitMinor);
    account.credit += BigInt(r.creditMinor);
    debit += BigInt(r.debitMinor);
    credit += BigInt(r.creditMinor);
  }
  return { debit, credit, byAccount };
}

/** The revenue schedule of an invoice line: `[month, days, amountMinor]`, by month. */
export async function revenueScheduleOf(db: Db, invoiceLineId: string): Promise<[string, number, bigint][]> {
  const rows = await db
    .selectFrom('revenueSchedules')
    .select(['recognitionMonth', 'days', 'amountMinor'])
    .where('invoiceLineId', '=', invoiceLineId)
    .orderBy('recognitionMonth')
    .execute();
  return rows.map((r) => [r.recognitionMonth, r.days, BigInt(r.amountMinor)]);
}

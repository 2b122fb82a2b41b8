import { describe, expect, it } from 'vitest';
import { ALL_ENTITIES, billableMetricResource, summarizeUsage, type AppError } from '@invoiceops/core';
import {
  billMonthExpectingInvoice,
  createScenarioFixture,
  createTestContract,
  createThrough,
  sendUsage,
  testDatabaseKinds,
  unique,
  usageEvent,
  usageLine,
  useTestDatabase,
  withRollback,
} from '@invoiceops/testing';

const allowance = (overage?: 'review') => ({
  model: 'included_allowance',
  params: { includedQuantity: '10000', charge: { model: 'per_unit', params: { unitPrice: '0.002' } }, ...(overage ? { overage } : {}) },
});
const errorOf = (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e as AppError);

describe.each(testDatabaseKinds())('usage summary on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('shows each metric against the hard entitlement, with the held events counted apart', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createScenarioFixture(trx);
      const customerId = f.customer.id;
      const contract = await createTestContract(trx, f, { startDate: '2026-01-01', alignment: 'calendar', lines: [usageLine(f, allowance('review'))] });
      const sent = await sendUsage(trx, [
        usageEvent(customerId, f.metricCode, 'a', '2026-01-05T09:00:00Z', 6000),
        usageEvent(customerId, f.metricCode, 'b', '2026-01-10T09:00:00Z', 3000),
        usageEvent(customerId, f.metricCode, 'c', '2026-01-11T09:00:00Z', 2000), // beyond 10,000: held
        usageEvent(customerId, f.metricCode, 'd', '2026-01-12T09:00:00Z', 1000),
        usageEvent(customerId, f.otherMetricCode, 'e', '2026-01-13T09:00:00Z', 5), // not in the contract: held
        usageEvent(customerId, f.metricCode, 'feb', '2026-02-03T09:00:00Z', 700),
      ], '2026-02-05T00:00:00Z');
      expect(sent.results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'flagged', 'accepted', 'flagged', 'accepted']);

      const january = await summarizeUsage(trx, { customerId, period: '2026-01' }, ALL_ENTITIES);
      expect(january).toMatchObject({
        customerId, period: '2026-01', timeZone: 'Europe/Paris', flaggedEvents: 2, periodStart: '2026-01-01', periodEnd: '2026-02-01', from: '2025-12-31T23:00:00.000Z', to: '2026-01-31T23:00:00.000Z',
      });
      expect(january.metrics).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            metricCode: f.metricCode, metricName: 'API calls', aggregation: 'sum', periodStart: '2026-01-01', periodEnd: '2026-02-01',
            quantity: '10000', included: '10000', overage: '0', entitlement: 'hard', contractId: contract.id, lineKey: 'api', acceptedEvents: 3, flaggedEvents: 1,
          }),
          expect.objectContaining({ metricCode: f.otherMetricCode, quantity: '0', included: null, overage: null, entitlement: null, contractId: null, acceptedEvents: 0, flaggedEvents: 1 }),
        ]),
      );
      expect(january.metrics).toHaveLength(2);
      const february = await summarizeUsage(trx, { customerId, period: '2026-02' }, ALL_ENTITIES);
      expect(february.metrics).toEqual([expect.objectContaining({ metricCode: f.metricCode, quantity: '700', overage: '0', flaggedEvents: 0 })]);
    });
  });

  it('reports the overage of a priced allowance as the bill run bills it', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createScenarioFixture(trx);
      const customerId = f.customer.id;
      await createTestContract(trx, f, { startDate: '2026-01-01', alignment: 'calendar', lines: [usageLine(f, allowance())] });
      await sendUsage(trx, [usageEvent(customerId, f.metricCode, 'a', '2026-01-05T09:00:00Z', 7000), usageEvent(customerId, f.metricCode, 'b', '2026-01-25T09:00:00Z', 5250.5)], '2026-02-01T00:01:00Z');
      const summary = await summarizeUsage(trx, { customerId, period: '2026-01' }, ALL_ENTITIES);
      expect(summary.metrics).toEqual([expect.objectContaining({ quantity: '12250.5', included: '10000', overage: '2250.5', entitlement: 'soft', flaggedEvents: 0 })]);
      const invoice = await billMonthExpectingInvoice(trx, '2026-01', customerId);
      // The invoice bills the period's quantity, and only the overage is priced: 2,250.5 × 0.002 = 4.50.
      expect(invoice.lines.map((l) => [l.kind, l.quantity, l.amount])).toEqual([['usage', summary.metrics[0]!.quantity, '4.50']]);
    });
  });

  it("measures a metric over the contract's billing period for the month, with the metric's aggregation", async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createScenarioFixture(trx);
      const customerId = f.customer.id;
      const peak = unique('peak.gb.').toLowerCase();
      await createThrough(trx, billableMetricResource, { code: peak, name: 'Peak storage', aggregation: 'max', unit: 'GB' });
      // Monthly from the 15th: "February" is 15 February to 15 March.
      await createTestContract(trx, f, { startDate: '2026-01-15', lines: [usageLine(f, { model: 'per_unit', params: { unitPrice: '1' } }, 'storage', peak)] });
      await sendUsage(trx, [
        usageEvent(customerId, peak, 'jan', '2026-02-10T09:00:00Z', 40), // period 15 Jan to 15 Feb
        usageEvent(customerId, peak, 'p1', '2026-02-20T09:00:00Z', 9),
        usageEvent(customerId, peak, 'p2', '2026-03-01T09:00:00Z', 12.25),
        usageEvent(customerId, peak, 'p3', '2026-03-10T09:00:00Z', 7),
      ], '2026-03-11T00:00:00Z');
      const summary = await summarizeUsage(trx, { customerId, period: '2026-02' }, ALL_ENTITIES);
      expect(summary.metrics).toEqual([
        expect.objectContaining({ metricCode: peak, aggregation: 'max', periodStart: '2026-02-15', periodEnd: '2026-03-15', quantity: '12.25', included: null, acceptedEvents: 3 }),
      ]);
      // The month is widened to the period measured, so a list of the same window shows the same events.
      expect(summary).toMatchObject({ from: '2026-01-31T23:00:00.000Z', to: '2026-03-14T23:00:00.000Z' });
    });
  });

  it('measures a line only while it is in force: a term ending mid-quarter is measured up to its end', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createScenarioFixture(trx);
      const customerId = f.customer.id;
      await createTestContract(trx, f, { startDate: '2026-01-01', termMonths: 2, billingFrequency: 'quarterly', alignment: 'calendar', autoRenew: false, lines: [usageLine(f, allowance())] });
      await sendUsage(trx, [usageEvent(customerId, f.metricCode, 'a', '2026-02-10T09:00:00Z', 300)], '2026-02-11T00:00:00Z');
      const summary = await summarizeUsage(trx, { customerId, period: '2026-02' }, ALL_ENTITIES);
      expect(summary).toMatchObject({ periodStart: '2026-01-01', periodEnd: '2026-03-01' });
      expect(summary.metrics).toEqual([expect.objectContaining({ periodStart: '2026-01-01', periodEnd: '2026-03-01', quantity: '300', included: '10000' })]);
    });
  });

  it('answers 404 for an unknown customer, 403 outside the caller’s entities, and names a bad period', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createScenarioFixture(trx);
      const unknown = await errorOf(summarizeUsage(trx, { customerId: 'cus_00000000000000000000000000', period: '2026-01' }, ALL_ENTITIES));
      expect(unknown?.code).toBe('not_found');
      const outside = await errorOf(summarizeUsage(trx, { customerId: f.customer.id, period: '2026-01' }, { all: false, entityIds: [] }));
      expect(outside?.code).toBe('forbidden');
      const bad = await errorOf(summarizeUsage(trx, { customerId: f.customer.id, period: '2026-13' }, ALL_ENTITIES));
      expect(bad?.issues[0]?.path).toBe('/period');
    });
  });
});

import { describe, expect, it } from 'vitest';
import {
  billMonthExpectingInvoice,
  createScenarioFixture,
  createTestContract,
  sendUsage,
  testDatabaseKinds,
  usageBillingStates,
  usageEvent,
  usageLine,
  useTestDatabase,
  withRollback,
} from '@invoiceops/testing';

// Usage beyond entitlement (issue #3, section 3): a contract includes 10,000 API calls a
// month as a hard entitlement (`overage: 'review'`). Usage beyond it is stored, flagged for
// review at ingestion with a reason, and not billed — never silently billed or dropped.

const entitlement = (overage?: 'review' | 'bill') => ({
  model: 'included_allowance',
  params: { includedQuantity: '10000', charge: { model: 'per_unit', params: { unitPrice: '0.002' } }, ...(overage ? { overage } : {}) },
});

describe.each(testDatabaseKinds())('usage beyond entitlement on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('flags the events that go beyond the entitlement, keeps them out of the bill, and starts afresh next period', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createScenarioFixture(trx);
      const customerId = f.customer.id;
      await createTestContract(trx, f, { startDate: '2026-01-01', alignment: 'calendar', lines: [usageLine(f, entitlement('review'))] });
      expect(await sendUsage(trx, [usageEvent(customerId, f.metricCode, 'a', '2026-01-05T09:00:00Z', 6000)], '2026-01-06T00:00:00Z')).toMatchObject({ accepted: 1, flagged: 0 });
      // One batch: 3,000 fit (9,000), 2,000 would make 11,000 → held, 1,000 fits (10,000), 1 more → held.
      const batch = await sendUsage(trx, [
        usageEvent(customerId, f.metricCode, 'b', '2026-01-10T09:00:00Z', 3000),
        usageEvent(customerId, f.metricCode, 'c', '2026-01-11T09:00:00Z', 2000),
        usageEvent(customerId, f.metricCode, 'd', '2026-01-12T09:00:00Z', 1000),
        usageEvent(customerId, f.metricCode, 'e', '2026-01-31T22:00:00Z', 1),
        usageEvent(customerId, f.metricCode, 'feb', '2026-02-03T09:00:00Z', 9000),
      ], '2026-02-05T00:00:00Z');
      expect(batch.results.map((r) => r.status)).toEqual(['accepted', 'flagged', 'accepted', 'flagged', 'accepted']);
      expect(batch.results[1]!.reason).toBe('usage beyond the entitlement of 10000 per period (2026-01-01 to 2026-02-01); held for review');
      const rows = await trx.selectFrom('usageEvents').select(['eventId', 'status', 'flagReason']).where('customerId', '=', customerId).where('eventId', 'in', ['c', 'e']).execute();
      expect(rows.map((r) => r.status)).toEqual(['flagged', 'flagged']);

      const january = await billMonthExpectingInvoice(trx, '2026-01', customerId);
      // The 10,000 accepted calls are the allowance; the 2,001 held calls are not billed.
      expect(january.lines.map((l) => [l.kind, l.quantity, l.amount])).toEqual([['usage', '10000', '0.00']]);
      expect(await usageBillingStates(trx, customerId)).toMatchObject({ a: 'billed', c: 'held', e: 'held', feb: 'unbilled' });
    });
  });

  it('bills usage beyond an allowance that prices its overage (the default), without flagging it', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createScenarioFixture(trx);
      const customerId = f.customer.id;
      await createTestContract(trx, f, { startDate: '2026-01-01', alignment: 'calendar', lines: [usageLine(f, entitlement())] });
      const result = await sendUsage(trx, [usageEvent(customerId, f.metricCode, 'a', '2026-01-05T09:00:00Z', 12000)], '2026-02-01T00:01:00Z');
      expect(result).toMatchObject({ accepted: 1, flagged: 0 });
      expect((await billMonthExpectingInvoice(trx, '2026-01', customerId)).total).toBe('4.00'); // 2,000 × 0.002
    });
  });

  it('accepts a correction that brings usage back within the entitlement', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createScenarioFixture(trx);
      const customerId = f.customer.id;
      await createTestContract(trx, f, { startDate: '2026-01-01', alignment: 'calendar', lines: [usageLine(f, entitlement('review'))] });
      await sendUsage(trx, [usageEvent(customerId, f.metricCode, 'a', '2026-01-05T09:00:00Z', 9000)], '2026-01-06T00:00:00Z');
      // a is corrected from 9,000 to 5,000; the 4,000 freed are then used by b.
      const result = await sendUsage(trx, [
        usageEvent(customerId, f.metricCode, 'a-fix', '2026-01-05T09:00:00Z', 5000, { corrects: 'a' }),
        usageEvent(customerId, f.metricCode, 'b', '2026-01-20T09:00:00Z', 5000),
      ], '2026-01-21T00:00:00Z');
      expect(result.results.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    });
  });

  it('checks a full batch of 1,000 events in request order', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createScenarioFixture(trx);
      const customerId = f.customer.id;
      await createTestContract(trx, f, { startDate: '2026-01-01', alignment: 'calendar', lines: [usageLine(f, entitlement('review'))] });
      const events = Array.from({ length: 1000 }, (_, i) => usageEvent(customerId, f.metricCode, `e${i}`, '2026-01-15T09:00:00Z', 20));
      const result = await sendUsage(trx, events, '2026-01-16T00:00:00Z');
      // 500 × 20 = 10,000 fit; the other 500 are held.
      expect(result).toMatchObject({ accepted: 500, flagged: 500 });
      expect(result.results[499]!.status).toBe('accepted');
      expect(result.results[500]!.status).toBe('flagged');
    });
  });
});

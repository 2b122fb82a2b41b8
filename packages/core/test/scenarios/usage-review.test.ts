import { describe, expect, it } from 'vitest';
import { ALL_ENTITIES, reviewHeldUsage, reviewHeldUsageSchema, type Db } from '@invoiceops/core';
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

// Reviewing held usage (issue #3, section 3: flagged for review, never silently billed or
// dropped): a reviewer releases a held event, which is then billed — late, on the next
// invoice, when its month was invoiced meanwhile — or rejects it, which keeps it unbilled.

const REVIEWER = { actor: 'user:usr_reviewer' };
const hardEntitlement = { model: 'included_allowance', params: { includedQuantity: '10000', charge: { model: 'per_unit', params: { unitPrice: '0.002' } }, overage: 'review' } };

async function idsByEventId(db: Db, customerId: string): Promise<Record<string, string>> {
  const rows = await db.selectFrom('usageEvents').select(['id', 'eventId']).where('customerId', '=', customerId).execute();
  return Object.fromEntries(rows.map((r) => [r.eventId, r.id]));
}

describe.each(testDatabaseKinds())('reviewing held usage on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('releases an event held beyond the entitlement into the next invoice as late usage, rejects another, and keeps who, when and why', async () => {
    await withRollback(t.db, async (db) => {
      const f = await createScenarioFixture(db);
      const customerId = f.customer.id;
      await createTestContract(db, f, { startDate: '2026-01-01', alignment: 'calendar', lines: [usageLine(f, hardEntitlement)] });
      const sent = await sendUsage(db, [
        usageEvent(customerId, f.metricCode, 'a', '2026-01-05T09:00:00Z', 10000),
        usageEvent(customerId, f.metricCode, 'over', '2026-01-20T09:00:00Z', 2000),
        usageEvent(customerId, f.metricCode, 'typo', '2026-01-21T09:00:00Z', 500000),
      ], '2026-01-22T00:00:00Z');
      expect(sent).toMatchObject({ accepted: 1, flagged: 2 });
      const january = await billMonthExpectingInvoice(db, '2026-01', customerId);
      expect(january.lines.map((l) => [l.kind, l.quantity, l.amount])).toEqual([['usage', '10000', '0.00']]);

      const id = await idsByEventId(db, customerId);
      const released = await reviewHeldUsage(db, REVIEWER, reviewHeldUsageSchema.parse({ events: [{ customerId, id: id.over }], decision: 'release', reason: 'customer confirmed the burst; bill at the overage price' }), ALL_ENTITIES);
      expect(released).toEqual({ released: 1, rejected: 0, refused: 0, results: [{ customerId, id: id.over, outcome: 'released', billing: 'late' }] });
      const rejected = await reviewHeldUsage(db, REVIEWER, reviewHeldUsageSchema.parse({ events: [{ customerId, id: id.typo }], decision: 'reject', reason: 'meter glitch: duplicate counter reset' }), ALL_ENTITIES);
      expect(rejected).toMatchObject({ released: 0, rejected: 1, refused: 0 });
      expect(await usageBillingStates(db, customerId)).toMatchObject({ a: 'billed', over: 'late', typo: 'rejected' });

      // February's invoice carries January's released 2,000 calls beyond the allowance, priced at 0.002; the rejected ones never.
      const february = await billMonthExpectingInvoice(db, '2026-02', customerId);
      const late = february.lines.filter((l) => l.kind === 'late_usage');
      expect(late.map((l) => [l.quantity, l.amount])).toEqual([['2000', '4.00']]);
      expect(late[0]!.description).toContain('2026-01');
      expect(await usageBillingStates(db, customerId)).toMatchObject({ over: 'billed', typo: 'rejected' });

      const kept = await db.selectFrom('usageEvents').select(['eventId', 'status', 'reviewedBy', 'reviewReason', 'flagReason']).where('customerId', '=', customerId).where('eventId', 'in', ['over', 'typo']).orderBy('eventId').execute();
      expect(kept).toEqual([
        { eventId: 'over', status: 'accepted', reviewedBy: 'user:usr_reviewer', reviewReason: 'customer confirmed the burst; bill at the overage price', flagReason: expect.stringContaining('beyond the entitlement') },
        { eventId: 'typo', status: 'rejected', reviewedBy: 'user:usr_reviewer', reviewReason: 'meter glitch: duplicate counter reset', flagReason: expect.stringContaining('beyond the entitlement') },
      ]);
      const audit = await db.selectFrom('auditLog').select(['action', 'objectId', 'reason']).where('objectType', '=', 'usage_event').orderBy('seq').execute();
      expect(audit).toEqual([
        { action: 'usage_event.released', objectId: id.over, reason: 'customer confirmed the burst; bill at the overage price' },
        { action: 'usage_event.rejected', objectId: id.typo, reason: 'meter glitch: duplicate counter reset' },
      ]);
    });
  });

  it('releases an event held in an open month into that month\'s own invoice', async () => {
    await withRollback(t.db, async (db) => {
      const f = await createScenarioFixture(db);
      const customerId = f.customer.id;
      await createTestContract(db, f, { startDate: '2026-01-01', alignment: 'calendar', lines: [usageLine(f, hardEntitlement)] });
      await sendUsage(db, [usageEvent(customerId, f.metricCode, 'a', '2026-01-05T09:00:00Z', 10500)], '2026-01-06T00:00:00Z');
      const id = await idsByEventId(db, customerId);
      const released = await reviewHeldUsage(db, REVIEWER, reviewHeldUsageSchema.parse({ events: [{ customerId, id: id.a }], decision: 'release', reason: 'approved by the account owner' }), ALL_ENTITIES);
      expect(released.results[0]).toMatchObject({ outcome: 'released', billing: 'unbilled' });
      const january = await billMonthExpectingInvoice(db, '2026-01', customerId);
      expect(january.total).toBe('1.00'); // 500 × 0.002 beyond the 10,000 included
    });
  });

  it('refuses, each with its reason, what cannot be reviewed, and reviews the rest of the request', async () => {
    await withRollback(t.db, async (db) => {
      const f = await createScenarioFixture(db);
      const customerId = f.customer.id;
      await createTestContract(db, f, { startDate: '2026-01-01', alignment: 'calendar', lines: [usageLine(f, hardEntitlement)] });
      await sendUsage(db, [
        usageEvent(customerId, f.metricCode, 'ok', '2026-01-05T09:00:00Z', 100),
        usageEvent(customerId, f.otherMetricCode, 'storage', '2026-01-06T09:00:00Z', 5),
        usageEvent(customerId, f.metricCode, 'over', '2026-01-07T09:00:00Z', 20000),
      ], '2026-01-08T00:00:00Z');
      const id = await idsByEventId(db, customerId);
      const result = await reviewHeldUsage(db, REVIEWER, reviewHeldUsageSchema.parse({
        events: [{ customerId, id: id.ok }, { customerId, id: id.storage }, { customerId, id: 'use_nope' }, { customerId, id: id.over }],
        decision: 'release',
        reason: 'reviewed',
      }), ALL_ENTITIES);
      expect(result.results).toEqual([
        { customerId, id: id.ok, outcome: 'refused', reason: 'it is not held for review (it is billed as it came)' },
        { customerId, id: id.storage, outcome: 'refused', reason: `no contract line of the customer rates ${f.otherMetricCode} on 2026-01-06, so it would never be billed: amend the contract first, or reject the event` },
        { customerId, id: 'use_nope', outcome: 'refused', reason: 'no usage event with this id for this customer' },
        { customerId, id: id.over, outcome: 'released', billing: 'unbilled' },
      ]);
      // Outside the reviewer's entities the event is not found; a rejected event cannot be rejected twice.
      const elsewhere = await reviewHeldUsage(db, REVIEWER, reviewHeldUsageSchema.parse({ events: [{ customerId, id: id.storage }], decision: 'reject', reason: 'x' }), { all: false, entityIds: ['ent_other'] });
      expect(elsewhere.results[0]).toMatchObject({ outcome: 'refused', reason: 'no usage event with this id for this customer' });
      await reviewHeldUsage(db, REVIEWER, reviewHeldUsageSchema.parse({ events: [{ customerId, id: id.storage }], decision: 'reject', reason: 'not sold to this customer' }), ALL_ENTITIES);
      const twice = await reviewHeldUsage(db, REVIEWER, reviewHeldUsageSchema.parse({ events: [{ customerId, id: id.storage }], decision: 'reject', reason: 'again' }), ALL_ENTITIES);
      expect(twice.results[0]).toMatchObject({ outcome: 'refused', reason: 'it was rejected already' });
      // A review needs a reason.
      expect(reviewHeldUsageSchema.safeParse({ events: [{ customerId, id: id.storage }], decision: 'reject', reason: '  ' }).success).toBe(false);
    });
  });
});

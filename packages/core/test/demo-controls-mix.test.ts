import { describe, expect, it } from 'vitest';
import {
  ALL_ENTITIES,
  DEMO_AMENDMENT_DATE,
  DEMO_BILLING_PERIOD,
  DEMO_GO_LIVE_PERIOD,
  DEMO_HISTORY_RUNS,
  DEMO_PARTNER_SOURCE,
  EXCEPTION_CATEGORIES,
  RETIRED_TRAINING_ACCOUNT,
  SYSTEM_CONTEXT,
  billDemoHistory,
  builtinLedger,
  createBillRun,
  executeBillRun,
  postDocument,
  processApprovalDeadlines,
  seedDemoData,
  type Db,
} from '@invoiceops/core';
import { createTaxEngine } from '@invoiceops/connectors';
import { testDatabaseKinds, useTestDatabase, withRollback } from '@invoiceops/testing';

const DAY_MS = 86_400_000;

/** Documents per billing period ('credit_memo' for memos) and lifecycle. */
async function lifecycles(db: Db): Promise<Record<string, Record<string, number>>> {
  const rows = await db.selectFrom('invoices').select(['billingPeriod', 'kind', 'lifecycle']).select((eb) => eb.fn.countAll<string>().as('n')).groupBy(['billingPeriod', 'kind', 'lifecycle']).execute();
  const out: Record<string, Record<string, number>> = {};
  for (const r of rows) (out[r.kind === 'credit_memo' ? 'credit_memo' : r.billingPeriod!] ??= {})[r.lifecycle] = Number(r.n);
  return out;
}

/** Open exceptions by category, then by rule (or source, for exceptions no rule raised). */
async function openExceptions(db: Db): Promise<Record<string, Record<string, number>>> {
  const rows = await db.selectFrom('exceptions').select(['category', 'ruleId', 'sourceSystem']).select((eb) => eb.fn.countAll<string>().as('n')).where('status', '=', 'open').groupBy(['category', 'ruleId', 'sourceSystem']).execute();
  const out: Record<string, Record<string, number>> = {};
  for (const r of rows) (out[r.category] ??= {})[r.ruleId ?? r.sourceSystem] = Number(r.n);
  return out;
}

describe.each(testDatabaseKinds())('demo controls mix on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('bills a 300-customer demo and its history through the real pipeline: most invoices straight through, every receivables category of exception, approvals pending and overdue', async () => {
    await withRollback(t.db, async (db) => {
      const taxEngine = createTaxEngine({ kind: 'builtin' });
      const seeded = await seedDemoData(db, { customers: 300, suppliers: 5, history: true });
      const seededAt = new Date(seeded.seededAt);
      // The flaws planted for the controls, by customer and contract number (same seed, same flaws).
      expect(seeded.defects).toEqual({
        taxIdTypos: ['C-000004'],
        poMissing: ['CTR-2026-000032', 'CTR-2026-000274'],
        apiSpike: ['CTR-2026-000052', 'CTR-2026-000232'],
        septemberTraining: ['CTR-2026-000071'],
      });

      const history = await billDemoHistory(db, { taxEngine, seededAt });
      expect(history).toEqual({
        billRuns: 3,
        invoices: 241,
        approvals: { approved: 5, leftPending: 2, stuck: 2 },
        credits: { creditMemos: 5, enteredTwice: 1 },
        // Most of July and August paid around their due dates, a few in part, some overdue; a third of September paid early.
        payments: { payments: 96, paidInFull: 93, paidInPart: 3, unpaid: 127 },
        // A partner's gateway sent storage snapshots for 6 customers without storage in their contracts: held, not billed.
        heldUsageEvents: 12,
        contractAmendments: 13,
        demoMonthBillRunId: null,
      });
      // The stray storage snapshots wait for review, each saying why; none is billed.
      const stray = await db.selectFrom('usageEvents').select(['status', 'flagReason']).where('source', '=', DEMO_PARTNER_SOURCE).execute();
      expect(stray).toHaveLength(history.heldUsageEvents);
      expect(stray.every((e) => e.status === 'flagged' && /^metric storage\.gb is not in the customer's contract on \d{4}-\d{2}-\d{2}$/.test(e.flagReason ?? ''))).toBe(true);
      // The amended contracts show two versions of their seats line: the second from mid next month, by the controller.
      const seatVersions = await db.selectFrom('contractLines').select(['contractId', 'startDate', 'amendmentId']).where('lineKey', '=', 'seats').where('amendmentId', 'is not', null).execute();
      expect(seatVersions).toHaveLength(history.contractAmendments);
      expect(seatVersions.every((v) => v.startDate === DEMO_AMENDMENT_DATE)).toBe(true);
      // Each month was billed and decided on its own clock, days before seeding; nothing was back-dated afterwards.
      const runs = await db.selectFrom('billRuns').select(['period', 'startedAt', 'finishedAt']).orderBy('period').execute();
      expect(runs.map((r) => [r.period, Math.round((seededAt.getTime() - r.startedAt.getTime()) / DAY_MS)])).toEqual(DEMO_HISTORY_RUNS.map((h) => [h.period, h.daysAgo]));
      const goLive = await db.selectFrom('invoices').select(['createdAt', 'finalizedAt']).where('billingPeriod', '=', DEMO_GO_LIVE_PERIOD).where('status', '=', 'finalized').execute();
      expect(goLive.every((i) => Math.round((seededAt.getTime() - i.finalizedAt!.getTime()) / DAY_MS) === 10 && i.createdAt <= i.finalizedAt!)).toBe(true);

      // The demo month, as `invoiceops start` bills it; then what the worker does first: escalations, postings.
      const now = new Date();
      const run = await createBillRun(db, SYSTEM_CONTEXT, { period: DEMO_BILLING_PERIOD, finalize: true }, ALL_ENTITIES, { enqueue: false });
      const october = await executeBillRun(db, SYSTEM_CONTEXT, run.id, { taxEngine, now });
      expect([october.invoicesCreated, october.errors]).toEqual([210, []]);
      expect(await processApprovalDeadlines(db, SYSTEM_CONTEXT, now)).toMatchObject({ escalated: [] });
      const onRetiredAccount = await db.selectFrom('invoices as i')
        .select('i.id').distinct()
        .innerJoin('invoiceLines as l', 'l.invoiceId', 'i.id')
        .where('l.revenueAccountCode', '=', RETIRED_TRAINING_ACCOUNT).where('i.lifecycle', 'in', ['approved', 'paid'])
        .execute();
      expect(onRetiredAccount).toHaveLength(2);
      for (const { id } of onRetiredAccount) {
        const posted = await postDocument(db, SYSTEM_CONTEXT, id, builtinLedger, { now });
        expect(posted).toMatchObject({ outcome: 'failed', lifecycle: 'on_hold', error: expect.stringMatching(/account 4210 Training revenue is closed for posting/) });
      }

      expect(await lifecycles(db)).toEqual({
        '2026-07': { approved: 5, paid: 18 },
        '2026-08': { approved: 8, on_hold: 1, paid: 15 },
        '2026-09': { approved: 121, on_hold: 10, paid: 59, pending_approval: 4 },
        [DEMO_BILLING_PERIOD]: { approved: 188, on_hold: 10, pending_approval: 12 },
        credit_memo: { approved: 2, on_hold: 2, pending_approval: 1 },
      });
      // Most of the demo month goes straight through: no hold, no approval.
      const octoberStraight = 188 / october.invoicesCreated;
      expect(octoberStraight).toBeGreaterThanOrEqual(0.85);
      expect(octoberStraight).toBeLessThanOrEqual(0.92);

      expect(await openExceptions(db)).toEqual({
        master_data: { 'builtin.tax_id_missing_or_invalid': 4, 'builtin.erp_mapping_missing': 8, 'builtin.currency_not_allowed': 3 },
        po_reference: { 'builtin.po_missing': 4 },
        entitlement: { 'builtin.usage_above_entitlement': 46 },
        duplicate: { 'builtin.duplicate_suspected': 2 },
        anomaly: { 'builtin.total_outside_history': 2 },
        approval_delay: { 'invoiceops.approvals': 4 },
        posting_failure: { 'erp.builtin_ledger': 2 },
      });
      // Not on receivables in the demo, and why: `pricing` needs a price to differ from the
      // contract's, and a bill run prices every line from it (there is no price book yet);
      // `tax`, a document stored without a tax decision, which no bill run writes (a customer
      // whose tax cannot be decided is listed in the run's errors); `match_variance`, a credit
      // memo above what is creditable, which createCreditMemo refuses (supplier bills bring more).
      expect(EXCEPTION_CATEGORIES.filter((c) => !['pricing', 'tax', 'match_variance'].includes(c)).sort()).toEqual(Object.keys(await openExceptions(db)).sort());

      // Approvals: the demo month's wait within their SLA; the go-live month's left in the queue
      // or stuck are days overdue, escalated to the controllers when they fell due.
      const steps = await db.selectFrom('approvalSteps as s').innerJoin('approvalRequests as r', 'r.id', 's.requestId')
        .select(['s.dueAt', 's.escalatedAt', 'r.createdAt']).where('s.status', '=', 'pending').where('r.status', '=', 'pending').execute();
      const overdue = steps.filter((s) => s.dueAt! < now);
      expect([steps.length, overdue.length]).toEqual([17, 4]);
      expect(overdue.every((s) => s.escalatedAt !== null && s.escalatedAt < seededAt && seededAt.getTime() - s.createdAt.getTime() > 9 * DAY_MS)).toBe(true);
      expect(steps.filter((s) => s.dueAt! >= now).every((s) => s.escalatedAt === null)).toBe(true);
      const delays = await db.selectFrom('exceptions').select(['createdAt', 'dueAt']).where('category', '=', 'approval_delay').where('status', '=', 'open').execute();
      expect(delays.every((d) => d.createdAt < seededAt && d.dueAt < now)).toBe(true);
    });
  }, 120_000);
});

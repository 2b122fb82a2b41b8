import { describe, expect, it } from 'vitest';
import {
  ALL_ENTITIES,
  finalizeInvoice,
  getMetricSeries,
  getMetricsSummary,
  metricSeriesQuery,
  metricsSummaryQuery,
  recordDuplicateChecks,
  type Db,
  type EntityScope,
  type MetricName,
} from '@invoiceops/core';
import {
  createCustomer,
  createFinalizedInvoice,
  createLegalEntity,
  createScenarioFixture,
  createTestContract,
  runBillAt,
  seatLine,
  sendUsage,
  testDatabaseKinds,
  usageEvent,
  useTestDatabase,
  withRollback,
} from '@invoiceops/testing';
import { approvalRequest, approvalStep, documentCreatedAt, exceptionOn, straightThroughDecision, trail, type Party } from './metrics-dataset.ts';

const SYS = 'system';
const RULES = 'rule:builtin@1';
const ALICE = 'user:usr_alice';

async function party(db: Db): Promise<Party> {
  const entity = await createLegalEntity(db);
  const customer = await createCustomer(db, entity.id);
  return { entityId: entity.id, customerId: customer.id };
}

const summary = (db: Db, q: Record<string, unknown>, scope: EntityScope = ALL_ENTITIES, now = new Date('2026-07-15T00:00:00Z')) =>
  getMetricsSummary(db, metricsSummaryQuery.parse(q), scope, now);
const series = <N extends MetricName>(db: Db, name: N, q: Record<string, unknown>, now = new Date('2026-07-15T00:00:00Z')) =>
  getMetricSeries(db, name, metricSeriesQuery.parse(q), ALL_ENTITIES, now);

const MARCH = { from: '2026-03-01', to: '2026-03-31' };

/**
 * March 2026, entity A (times UTC; seconds in brackets):
 * d1 created 03-02 08:00, system validates and approves at 09:00            → straight through; to approved 3600
 * d2 created 03-02 10:00, rules route it to approval at 11:00, Alice approves 03-03 11:00 → touched; 90000
 * d3 created 03-09 00:00, on hold 01:00, Alice revalidates 05:00, system approves 06:00  → touched; 21600
 * d4 created 03-10 00:00, validated 01:00, Alice edits it back to draft 01:30, system approves 02:00 → touched; 7200
 * d5 created 02-20 09:00, approved 10:00, posting 03-03 00:00, posted 00:10 → posted in March; 918600
 * d6 created 03-16 00:00, approved 01:00 (straight), posting fails 02:05, Alice retries 03-17 02:05, posted 02:06
 * d7 created 03-31 20:00, approved 22:00 (straight), posting 23:00, no answer yet
 * Entity B: d8 created 03-05 00:00, Alice submits it at 01:00 and the controls approve it in that run
 * (a straight_through decision at 01:00) → straight through.
 */
async function marchTrails(db: Db): Promise<{ a: Party; b: Party }> {
  const a = await party(db);
  const b = await party(db);
  const d1 = await documentCreatedAt(db, a, '2026-03-02T08:00:00Z');
  await trail(db, a, d1, [['draft', 'validated', SYS, '2026-03-02T09:00:00Z'], ['validated', 'approved', SYS, '2026-03-02T09:00:00Z']]);
  const d2 = await documentCreatedAt(db, a, '2026-03-02T10:00:00Z');
  await trail(db, a, d2, [
    ['draft', 'validated', RULES, '2026-03-02T11:00:00Z'],
    ['validated', 'pending_approval', RULES, '2026-03-02T11:00:00Z'],
    ['pending_approval', 'approved', ALICE, '2026-03-03T11:00:00Z'],
  ]);
  const d3 = await documentCreatedAt(db, a, '2026-03-09T00:00:00Z');
  await trail(db, a, d3, [
    ['draft', 'on_hold', RULES, '2026-03-09T01:00:00Z'],
    ['on_hold', 'validated', ALICE, '2026-03-09T05:00:00Z'],
    ['validated', 'approved', SYS, '2026-03-09T06:00:00Z'],
  ]);
  const d4 = await documentCreatedAt(db, a, '2026-03-10T00:00:00Z');
  await trail(db, a, d4, [
    ['draft', 'validated', SYS, '2026-03-10T01:00:00Z'],
    ['validated', 'draft', ALICE, '2026-03-10T01:30:00Z'],
    ['draft', 'validated', SYS, '2026-03-10T02:00:00Z'],
    ['validated', 'approved', SYS, '2026-03-10T02:00:00Z'],
  ]);
  const d5 = await documentCreatedAt(db, a, '2026-02-20T09:00:00Z');
  await trail(db, a, d5, [
    ['draft', 'validated', SYS, '2026-02-20T10:00:00Z'],
    ['validated', 'approved', SYS, '2026-02-20T10:00:00Z'],
    ['approved', 'posting', SYS, '2026-03-03T00:00:00Z'],
    ['posting', 'posted', SYS, '2026-03-03T00:10:00Z'],
  ]);
  const d6 = await documentCreatedAt(db, a, '2026-03-16T00:00:00Z');
  await trail(db, a, d6, [
    ['draft', 'validated', SYS, '2026-03-16T01:00:00Z'],
    ['validated', 'approved', SYS, '2026-03-16T01:00:00Z'],
    ['approved', 'posting', SYS, '2026-03-16T02:00:00Z'],
    ['posting', 'on_hold', SYS, '2026-03-16T02:05:00Z'],
    ['on_hold', 'posting', ALICE, '2026-03-17T02:05:00Z'],
    ['posting', 'posted', SYS, '2026-03-17T02:06:00Z'],
  ]);
  await exceptionOn(db, a, d6, { category: 'posting_failure', source: 'erp.netsuite', createdAt: '2026-03-16T02:05:00Z' });
  const d7 = await documentCreatedAt(db, a, '2026-03-31T20:00:00Z');
  await trail(db, a, d7, [
    ['draft', 'validated', SYS, '2026-03-31T22:00:00Z'],
    ['validated', 'approved', SYS, '2026-03-31T22:00:00Z'],
    ['approved', 'posting', SYS, '2026-03-31T23:00:00Z'],
  ]);
  const d8 = await documentCreatedAt(db, b, '2026-03-05T00:00:00Z');
  await trail(db, b, d8, [['draft', 'validated', ALICE, '2026-03-05T01:00:00Z'], ['validated', 'approved', ALICE, '2026-03-05T01:00:00Z']]);
  await straightThroughDecision(db, b, d8, '2026-03-05T01:00:00Z');
  // The same run without a straight_through decision: a person approved it.
  const d9 = await documentCreatedAt(db, b, '2026-03-05T00:00:00Z');
  await trail(db, b, d9, [['draft', 'validated', ALICE, '2026-03-05T01:00:00Z'], ['validated', 'approved', ALICE, '2026-03-05T01:00:00Z']]);
  return { a, b };
}

const stage = (documents: number, medianSeconds: number | null, p90Seconds: number | null) => ({ documents, medianSeconds, p90Seconds });
const none = stage(0, null, null);

describe.each(testDatabaseKinds())('finance-operations metrics on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('computes the straight-through rate from the trail, per entity and per week', async () => {
    await withRollback(t.db, async (trx) => {
      const { a } = await marchTrails(trx);
      // Entity A: d1, d6, d7 untouched of d1, d2, d3, d4, d6, d7 (d5 was approved in February).
      expect((await summary(trx, { ...MARCH, entityId: a.entityId })).straightThrough).toEqual({ reachedApproved: 6, straightThrough: 3, rate: '0.5000' });
      // All entities: d8 (user-submitted, approved by the controls) and d9 (approved by a person) too → 4 / 8.
      expect((await summary(trx, MARCH)).straightThrough).toEqual({ reachedApproved: 8, straightThrough: 4, rate: '0.5000' });
      // Nobody's entities: nothing counts, and a zero denominator is null, never NaN.
      expect((await summary(trx, MARCH, { all: false, entityIds: [] })).straightThrough).toEqual({ reachedApproved: 0, straightThrough: 0, rate: null });

      const weekly = await series(trx, 'straight-through-rate', { ...MARCH, entityId: a.entityId, interval: 'week' });
      expect(weekly.points).toEqual([
        { start: '2026-03-01', end: '2026-03-01', reachedApproved: 0, straightThrough: 0, rate: null },
        { start: '2026-03-02', end: '2026-03-08', reachedApproved: 2, straightThrough: 1, rate: '0.5000' },
        { start: '2026-03-09', end: '2026-03-15', reachedApproved: 2, straightThrough: 0, rate: '0.0000' },
        { start: '2026-03-16', end: '2026-03-22', reachedApproved: 1, straightThrough: 1, rate: '1.0000' },
        { start: '2026-03-23', end: '2026-03-29', reachedApproved: 0, straightThrough: 0, rate: null },
        { start: '2026-03-30', end: '2026-03-31', reachedApproved: 1, straightThrough: 1, rate: '1.0000' },
      ]);
      const daily = await series(trx, 'straight-through-rate', { from: '2026-03-02', to: '2026-03-03', entityId: a.entityId, interval: 'day' });
      expect(daily.points.map((p) => [p.start, p.rate])).toEqual([['2026-03-02', '1.0000'], ['2026-03-03', '0.0000']]);
    });
  });

  it('sees a draft a person finalizes, approved by the controls in that run, as straight through', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createScenarioFixture(trx);
      await createTestContract(trx, f, { startDate: '2026-01-01', alignment: 'calendar', lines: [seatLine(f, '30.00', '10')] });
      const run = await runBillAt(trx, { period: '2026-01', entityId: f.entity.id }, new Date('2026-02-02T00:00:00Z'));
      const [draft] = await trx.selectFrom('invoices').select('id').where('billRunId', '=', run.id).execute();
      await trx.updateTable('invoices').set({ createdAt: new Date('2026-02-02T00:00:00Z') }).where('id', '=', draft!.id).execute();
      await finalizeInvoice(trx, { actor: ALICE }, draft!.id, ALL_ENTITIES, new Date('2026-02-02T10:00:00Z'));
      const february = await summary(trx, { from: '2026-02-01', to: '2026-02-28', entityId: f.entity.id });
      expect(february.straightThrough).toEqual({ reachedApproved: 1, straightThrough: 1, rate: '1.0000' });
      expect(february.cycleTime.toApproved).toMatchObject({ documents: 1, medianSeconds: 36000, stages: { draft: stage(1, 36000, 36000) } });
      expect(february.exceptionRate).toMatchObject({ validated: 1, withExceptions: 0, rate: '0.0000' });
    });
  });

  it('computes cycle time to approved and to posted with the time spent in each stage', async () => {
    await withRollback(t.db, async (trx) => {
      const { a } = await marchTrails(trx);
      const { cycleTime } = await summary(trx, { ...MARCH, entityId: a.entityId });
      // To approved: 3600, 90000, 21600, 7200, 3600, 7200 → median 7200; p90 = 21600 + 0.5 × (90000 − 21600).
      expect(cycleTime.toApproved).toEqual({
        documents: 6,
        medianSeconds: 7200,
        p90Seconds: 55800,
        stages: {
          draft: stage(6, 3600, 6300),
          validated: stage(6, 0, 2700),
          on_hold: stage(1, 14400, 14400),
          pending_approval: stage(1, 86400, 86400),
          approved: none,
          posting: none,
        },
      });
      // To posted: d5 (3600 draft + 914400 approved + 600 posting = 918600) and d6 (93960).
      expect(cycleTime.toPosted).toEqual({
        documents: 2,
        medianSeconds: 506280,
        p90Seconds: 836136,
        stages: {
          draft: stage(2, 3600, 3600),
          validated: stage(2, 0, 0),
          on_hold: stage(1, 86400, 86400),
          pending_approval: none,
          approved: stage(2, 459000, 823320),
          posting: stage(2, 480, 576),
        },
      });
      const weekly = await series(trx, 'cycle-time', { from: '2026-03-16', to: '2026-03-22', entityId: a.entityId, interval: 'week' });
      expect(weekly.points[0]).toMatchObject({ toApproved: { documents: 1, medianSeconds: 3600 }, toPosted: { documents: 1, medianSeconds: 93960 } });
    });
  });

  it('computes the posting failure rate over attempts, with in-flight attempts and posting_failure exceptions', async () => {
    await withRollback(t.db, async (trx) => {
      const { a, b } = await marchTrails(trx);
      // Attempts: d5 (posted), d6 (refused), d6 again (posted), d7 (no answer).
      expect((await summary(trx, { ...MARCH, entityId: a.entityId })).postingFailures).toEqual({
        attempts: 4, failed: 1, succeeded: 2, inFlight: 1, rate: '0.2500', postingFailureExceptions: 1,
      });
      expect((await summary(trx, { ...MARCH, entityId: b.entityId })).postingFailures).toEqual({
        attempts: 0, failed: 0, succeeded: 0, inFlight: 0, rate: null, postingFailureExceptions: 0,
      });
    });
  });

  /**
   * April 2026, entity A — first validated: e1 04-01, e2 04-02 (on hold), e3 04-03, e4 04-06,
   * e5 04-07, e6 04-08; e7 was first validated in March (validated again in April: not counted).
   * Exceptions: e2 tax + master_data, e3 pricing (rules); e4 posting_failure (ERP); e5 duplicate
   * resolved by voiding; e6 duplicate overridden; e7 tax. Entity B: f1 validated 04-02 with tax.
   */
  async function aprilExceptions(db: Db): Promise<{ a: Party; b: Party }> {
    const a = await party(db);
    const b = await party(db);
    const validated = async (p: Party, day: string, to = 'validated') => {
      const id = await documentCreatedAt(db, p, `${day}T08:00:00Z`);
      await trail(db, p, id, [['draft', to, RULES, `${day}T09:00:00Z`]]);
      return id;
    };
    const rules = 'invoiceops.rules';
    await validated(a, '2026-04-01');
    const e2 = await validated(a, '2026-04-02', 'on_hold');
    await exceptionOn(db, a, e2, { category: 'tax', source: rules, createdAt: '2026-04-02T09:00:00Z' });
    await exceptionOn(db, a, e2, { category: 'master_data', source: rules, createdAt: '2026-04-02T09:00:00Z' });
    const e3 = await validated(a, '2026-04-03');
    await exceptionOn(db, a, e3, { category: 'pricing', source: rules, createdAt: '2026-04-03T09:00:00Z' });
    const e4 = await validated(a, '2026-04-06');
    await exceptionOn(db, a, e4, { category: 'posting_failure', source: 'erp.netsuite', createdAt: '2026-04-09T09:00:00Z' });
    const e5 = await validated(a, '2026-04-07');
    await exceptionOn(db, a, e5, { category: 'duplicate', source: rules, createdAt: '2026-04-07T09:00:00Z', resolution: 'voided' });
    const e6 = await validated(a, '2026-04-08');
    await exceptionOn(db, a, e6, { category: 'duplicate', source: rules, createdAt: '2026-04-08T09:00:00Z', resolution: 'overridden' });
    const e7 = await validated(a, '2026-03-31');
    await trail(db, a, e7, [['validated', 'draft', ALICE, '2026-04-02T10:00:00Z'], ['draft', 'validated', RULES, '2026-04-02T11:00:00Z']]);
    await exceptionOn(db, a, e7, { category: 'tax', source: rules, createdAt: '2026-03-31T09:00:00Z' });
    const f1 = await validated(b, '2026-04-02');
    await exceptionOn(db, b, f1, { category: 'tax', source: rules, createdAt: '2026-04-02T09:00:00Z' });
    return { a, b };
  }

  const APRIL = { from: '2026-04-01', to: '2026-04-30' };

  it('computes the exception rate by category and source system over the validated cohort', async () => {
    await withRollback(t.db, async (trx) => {
      const { a } = await aprilExceptions(trx);
      const one = (documents: number, exceptions: number, rate: string) => ({ documents, exceptions, rate });
      expect((await summary(trx, { ...APRIL, entityId: a.entityId })).exceptionRate).toEqual({
        validated: 6,
        withExceptions: 5,
        exceptions: 6,
        rate: '0.8333',
        byCategory: {
          tax: one(1, 1, '0.1667'),
          master_data: one(1, 1, '0.1667'),
          pricing: one(1, 1, '0.1667'),
          posting_failure: one(1, 1, '0.1667'),
          duplicate: one(2, 2, '0.3333'),
        },
        bySourceSystem: { 'invoiceops.rules': one(4, 5, '0.6667'), 'erp.netsuite': one(1, 1, '0.1667') },
      });
      // All entities: f1 joins the cohort with its tax exception → 6 of 7.
      const all = (await summary(trx, APRIL)).exceptionRate;
      expect([all.validated, all.withExceptions, all.rate, all.byCategory.tax]).toEqual([7, 6, '0.8571', one(2, 2, '0.2857')]);

      const weekly = await series(trx, 'exception-rate', { ...APRIL, entityId: a.entityId, interval: 'week' });
      expect(weekly.points.map((p) => [p.start, p.end, p.validated, p.withExceptions, p.rate])).toEqual([
        ['2026-04-01', '2026-04-05', 3, 2, '0.6667'],
        ['2026-04-06', '2026-04-12', 3, 3, '1.0000'],
        ['2026-04-13', '2026-04-19', 0, 0, null],
        ['2026-04-20', '2026-04-26', 0, 0, null],
        ['2026-04-27', '2026-04-30', 0, 0, null],
      ]);
    });
  });

  it('counts duplicates prevented: usage events refused at ingestion and duplicate documents voided or credited', async () => {
    await withRollback(t.db, async (trx) => {
      const { a, b } = await aprilExceptions(trx);
      await recordDuplicateChecks(trx, 'usage_event', [
        ...Array.from({ length: 8 }, () => ({ entityId: a.entityId, duplicate: false })),
        { entityId: a.entityId, duplicate: true },
        { entityId: a.entityId, duplicate: true },
        { entityId: b.entityId, duplicate: true },
      ], new Date('2026-04-10T12:00:00Z'));
      await recordDuplicateChecks(trx, 'usage_event', Array.from({ length: 5 }, () => ({ entityId: a.entityId, duplicate: false })), new Date('2026-04-11T12:00:00Z'));
      await recordDuplicateChecks(trx, 'usage_event', [{ entityId: a.entityId, duplicate: true }], new Date('2026-05-01T00:00:00Z'));
      expect((await summary(trx, { ...APRIL, entityId: a.entityId })).duplicatesPrevented).toEqual({
        prevented: 3,
        usageEvents: { received: 15, duplicates: 2, rate: '0.1333' },
        documents: { validated: 6, suspected: 2, prevented: 1, rate: '0.1667' },
      });
      const daily = await series(trx, 'duplicates-prevented', { from: '2026-04-10', to: '2026-04-11', entityId: a.entityId, interval: 'day' });
      expect(daily.points.map((p) => [p.start, p.usageEvents])).toEqual([
        ['2026-04-10', { received: 10, duplicates: 2, rate: '0.2000' }],
        ['2026-04-11', { received: 5, duplicates: 0, rate: '0.0000' }],
      ]);
    });
  });

  it('records usage duplicates where ingestion refuses them, in the batch and against stored events', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createScenarioFixture(trx);
      const event = (id: string) => usageEvent(f.customer.id, f.metricCode, id, '2026-04-10T09:00:00Z', 1);
      const first = await sendUsage(trx, [event('a'), event('b'), event('a')], '2026-04-10T10:00:00Z');
      const second = await sendUsage(trx, [event('a'), event('c')], '2026-04-10T11:00:00Z');
      expect([first.duplicates, second.duplicates]).toEqual([1, 1]);
      const { usageEvents } = (await summary(trx, { from: '2026-04-10', to: '2026-04-10', entityId: f.entity.id })).duplicatesPrevented;
      expect(usageEvents).toEqual({ received: 5, duplicates: 2, rate: '0.4000' });
    });
  });

  it('computes approval turnaround, SLA adherence and overdue steps at each bucket end', async () => {
    await withRollback(t.db, async (trx) => {
      const a = await party(trx);
      const b = await party(trx);
      const A = a.entityId;
      const r1 = await approvalRequest(trx, A, { createdAt: '2026-05-04T09:00:00Z', status: 'approved', decidedAt: '2026-05-04T13:00:00Z' });
      const r2 = await approvalRequest(trx, A, { createdAt: '2026-05-05T09:00:00Z', status: 'rejected', decidedAt: '2026-05-06T09:00:00Z' });
      const r3 = await approvalRequest(trx, A, { createdAt: '2026-05-06T00:00:00Z', status: 'cancelled', decidedAt: '2026-05-07T06:00:00Z' });
      const r4 = await approvalRequest(trx, A, { createdAt: '2026-05-10T00:00:00Z', status: 'pending' });
      const r5 = await approvalRequest(trx, A, { createdAt: '2026-04-29T00:00:00Z', status: 'approved', decidedAt: '2026-05-01T00:00:00Z' });
      await approvalRequest(trx, b.entityId, { createdAt: '2026-05-04T00:00:00Z', status: 'approved', decidedAt: '2026-05-04T01:00:00Z' });
      await approvalStep(trx, A, r1, { status: 'approved', openedAt: '2026-05-04T09:00:00Z', dueAt: '2026-05-05T09:00:00Z', completedAt: '2026-05-04T13:00:00Z' });
      await approvalStep(trx, A, r1, { status: 'approved', openedAt: '2026-05-04T09:00:00Z', dueAt: '2026-05-05T09:00:00Z', completedAt: '2026-05-04T09:00:00Z', carriedOver: true });
      await approvalStep(trx, A, r2, { status: 'rejected', openedAt: '2026-05-05T09:00:00Z', dueAt: '2026-05-06T08:00:00Z', completedAt: '2026-05-06T09:00:00Z' });
      await approvalStep(trx, A, r3, { status: 'cancelled', openedAt: '2026-05-06T00:00:00Z', dueAt: '2026-05-06T12:00:00Z', completedAt: '2026-05-07T06:00:00Z' });
      await approvalStep(trx, A, r4, { status: 'pending', openedAt: '2026-05-10T00:00:00Z', dueAt: '2026-05-11T00:00:00Z' });
      await approvalStep(trx, A, r4, { status: 'waiting' });
      await approvalStep(trx, A, r5, { status: 'approved', openedAt: '2026-04-29T00:00:00Z', dueAt: '2026-04-30T00:00:00Z', completedAt: '2026-05-01T00:00:00Z' });

      const now = new Date('2026-05-20T12:00:00Z');
      const may = { from: '2026-05-01', to: '2026-05-31', entityId: A };
      // Requests 14400, 86400, 172800 (cancelled r3 and pending r4 left out); the same for steps.
      const turnaround = stage(3, 86400, 155520);
      expect((await summary(trx, may, ALL_ENTITIES, now)).approvals).toEqual({
        requests: turnaround, steps: turnaround, stepsDecidedInTime: 1, slaAdherence: '0.3333', overdue: 1,
      });
      expect((await summary(trx, { from: '2026-05-01', to: '2026-05-31' }, ALL_ENTITIES, now)).approvals.requests.documents).toBe(4);

      const daily = await series(trx, 'approval-turnaround', { ...may, interval: 'day' }, now);
      const overdue = Object.fromEntries(daily.points.map((p) => [p.start, p.overdue]));
      // End of 05-06: the cancelled step (due 12:00, closed 05-07 06:00) was overdue; r4's step from 05-11 on,
      // and after `now` the figure stays as of now.
      expect([overdue['2026-05-05'], overdue['2026-05-06'], overdue['2026-05-07'], overdue['2026-05-10'], overdue['2026-05-11'], overdue['2026-05-31']]).toEqual([0, 1, 0, 0, 1, 1]);
      expect(daily.points.find((p) => p.start === '2026-05-06')).toMatchObject({ steps: stage(1, 86400, 86400), stepsDecidedInTime: 0, slaAdherence: '0.0000' });
    });
  });

  /**
   * June 2026, entity A. Invoices finalized: i1 1000.00 (06-01, due 07-01), i2 500.00 (06-10),
   * i3 250.00 (06-20), i4 300.00 (06-25, void later); i5 400.00 in May (due 06-14). Credit memos
   * finalized: c1 billing_error 100.00 (06-05), c2 duplicate 50.00 (06-15), c3 goodwill 10.00
   * (06-16), c4 billing_error 20.00 void, c5 billing_error in July.
   */
  async function juneBilling(db: Db): Promise<Party> {
    const a = await party(db);
    const invoice = (total: string, issueDate: string, dueDate: string, status = 'finalized') => createFinalizedInvoice(db, { ...a, total, issueDate, dueDate, status });
    const memo = async (total: string, issueDate: string, reasonCode: string, status = 'finalized') => {
      const { id } = await createFinalizedInvoice(db, { ...a, total, issueDate, dueDate: issueDate, kind: 'credit_memo', status });
      await db.updateTable('invoices').set({ reasonCode }).where('id', '=', id).execute();
    };
    await invoice('1000.00', '2026-06-01', '2026-07-01');
    await invoice('500.00', '2026-06-10', '2026-07-10');
    await invoice('250.00', '2026-06-20', '2026-07-20');
    await invoice('300.00', '2026-06-25', '2026-07-25', 'void');
    await invoice('400.00', '2026-05-15', '2026-06-14');
    await memo('100.00', '2026-06-05', 'billing_error');
    await memo('50.00', '2026-06-15', 'duplicate');
    await memo('10.00', '2026-06-16', 'goodwill');
    await memo('20.00', '2026-06-17', 'billing_error', 'void');
    await memo('30.00', '2026-07-02', 'billing_error');
    return a;
  }

  it('computes billing accuracy from billing-error credit memos over invoices finalized', async () => {
    await withRollback(t.db, async (trx) => {
      const a = await juneBilling(trx);
      expect((await summary(trx, { from: '2026-06-01', to: '2026-06-30', entityId: a.entityId })).billingAccuracy).toEqual({
        invoicesFinalized: 4, billingErrorCreditMemos: 2, rate: '0.5000',
      });
      const weekly = await series(trx, 'billing-accuracy', { from: '2026-06-01', to: '2026-06-14', entityId: a.entityId, interval: 'week' });
      expect(weekly.points).toEqual([
        { start: '2026-06-01', end: '2026-06-07', invoicesFinalized: 1, billingErrorCreditMemos: 1, rate: '1.0000' },
        { start: '2026-06-08', end: '2026-06-14', invoicesFinalized: 1, billingErrorCreditMemos: 0, rate: '0.0000' },
      ]);
    });
  });

  it('reports DSO per currency with the AR aging on the last day, and per week', async () => {
    await withRollback(t.db, async (trx) => {
      const a = await juneBilling(trx);
      const june = await summary(trx, { from: '2026-06-01', to: '2026-06-30', entityId: a.entityId });
      // Sales 1,750.00 − 160.00 of memos = 1,590.00; receivables 2,150.00; 2150 / 1590 × 30 = 40.57 → 40.6.
      expect(june.dso).toEqual({ days: 30, results: [{ currency: 'EUR', endingReceivables: '2150.00', creditSales: '1590.00', dso: '40.6' }] });
      expect(june.arAging).toEqual({
        asOf: '2026-06-30',
        totals: [{ currency: 'EUR', current: '1750.00', days1To30: '400.00', days31To60: '0.00', days61To90: '0.00', over90: '0.00', total: '2150.00' }],
      });
      const weekly = await series(trx, 'dso', { from: '2026-06-01', to: '2026-06-07', entityId: a.entityId, interval: 'week' });
      // Receivables on 06-07: 1,000.00 + 400.00; sales 1,000.00 − 100.00; 1400 / 900 × 7 = 10.89.
      expect(weekly.points[0]).toEqual({ start: '2026-06-01', end: '2026-06-07', days: 7, results: [{ currency: 'EUR', endingReceivables: '1400.00', creditSales: '900.00', dso: '10.9' }] });
    });
  });

  it('answers an entity with no activity with zero counts and null rates and durations', async () => {
    await withRollback(t.db, async (trx) => {
      await marchTrails(trx);
      const empty = await party(trx);
      const s = await summary(trx, { ...MARCH, entityId: empty.entityId });
      expect(s.straightThrough.rate).toBeNull();
      expect(s.cycleTime.toApproved).toMatchObject({ documents: 0, medianSeconds: null, p90Seconds: null });
      expect(s.exceptionRate).toEqual({ validated: 0, withExceptions: 0, exceptions: 0, rate: null, byCategory: {}, bySourceSystem: {} });
      expect(s.approvals).toEqual({ requests: none, steps: none, stepsDecidedInTime: 0, slaAdherence: null, overdue: 0 });
      expect(s.duplicatesPrevented.usageEvents.rate).toBeNull();
      expect(s.duplicatesPrevented.documents.rate).toBeNull();
      expect(s.postingFailures.rate).toBeNull();
      expect(s.billingAccuracy).toEqual({ invoicesFinalized: 0, billingErrorCreditMemos: 0, rate: null });
      expect(s.dso).toEqual({ days: 31, results: [] });
      expect(JSON.stringify(s)).not.toContain('NaN');
    });
  });
});

describe('metric queries', () => {
  it('refuses a period that ends before it starts, and a series with too many buckets', () => {
    expect(metricsSummaryQuery.safeParse({ from: '2026-03-02', to: '2026-03-01' }).success).toBe(false);
    expect(metricSeriesQuery.safeParse({ from: '2024-01-01', to: '2026-01-01', interval: 'day' }).success).toBe(false);
    expect(metricSeriesQuery.safeParse({ from: '2024-01-01', to: '2026-01-01', interval: 'week' }).success).toBe(true);
    expect(metricSeriesQuery.safeParse({ from: '2026-01-01', to: '2026-01-31', interval: 'month' }).success).toBe(false);
  });
});

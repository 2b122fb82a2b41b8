import { ALL_ENTITIES } from '../access/principal.ts';
import { inTransaction, type Db, type Trx } from '../db/transaction.ts';
import { enqueueJob } from '../jobs/enqueue-job.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { createBillRun, getBillRun, type BillRun } from '../receivables/billing/bill-runs.ts';
import { executeBillRun } from '../receivables/billing/execute-bill-run.ts';
import type { TaxEngine } from '../receivables/tax/tax-engine.ts';
import { SYSTEM_CONTEXT } from '../shared/context.ts';
import { DEMO_BILLING_PERIOD, DEMO_GO_LIVE_PERIOD, DEMO_HISTORY_RUNS } from './demo-calendar.ts';
import { DEMO_EMAIL_DOMAIN } from './demo-users.ts';
import { amendDemoContracts } from './amend-demo-contracts.ts';
import { enterDemoCredits, type DemoCredits } from './enter-demo-credits.ts';
import { receiveDemoPayments, type DemoPayments } from './receive-demo-payments.ts';
import { retireDemoTrainingAccount } from './retire-demo-training-account.ts';
import { sendDemoStrayUsage } from './send-demo-stray-usage.ts';
import { workDemoApprovals, type ApprovalWork } from './work-demo-approvals.ts';

const DAY_MS = 86_400_000;

/** The job `invoiceops start` queues after seeding: bills the demo's history, then queues the demo month. */
export const DEMO_HISTORY_JOB = 'demo.bill_history';

/** What {@link billDemoHistory} did. */
export interface DemoHistorySummary {
  billRuns: number;
  invoices: number;
  approvals: ApprovalWork;
  credits: DemoCredits;
  /** The customers' payments of the history's invoices, entered at seeding time. */
  payments: DemoPayments;
  /** Usage events held for review: storage snapshots for customers without storage in their contracts. */
  heldUsageEvents: number;
  /** Contracts that add seats after the demo month (so contract pages show an amendment history). */
  contractAmendments: number;
  /** The demo month's bill run, when `queueDemoMonth` asked for it. */
  demoMonthBillRunId: string | null;
}

export interface BillDemoHistoryInput {
  taxEngine: TaxEngine;
  /** When the demo was seeded (`DemoSeedSummary.seededAt`): the history's clock counts back from it. */
  seededAt: Date;
  /** Then create the demo month's finalizing bill run, queued for a worker (what `invoiceops start` shows). */
  queueDemoMonth?: boolean;
  /**
   * Aborted when the process stops: the history stops at its next bill-run chunk or step
   * and throws; what it committed stays, and running it again resumes there.
   */
  signal?: AbortSignal;
  /** Called after each step commits: its name (`bill 2026-07 SG01`, `approvals`, `credits`, `payments`, `after the history`), how many are done, of how many. */
  onStep?: (step: string, done: number, total: number) => void;
}

/** Who works the history, by demo user (the AR clerks by the entities they serve). */
const CLERKS: readonly (readonly [local: string, entityCodes: readonly string[]])[] = [
  ['ar.clerk', ['US01', 'UK01']],
  ['ar.clerk.de', ['DE01']],
  ['ar.clerk.apac', ['SG01', 'AU01']],
];

/** The audit action that marks a step of the history done, with what it did (object type `demo_history`, id the step). */
export const DEMO_HISTORY_STEP_ACTION = 'demo.history_step';
const APPROVALS_STEP = 'approvals';
const CREDITS_STEP = 'credits';
const PAYMENTS_STEP = 'payments';
const FINAL_STEP = 'after the history';

/** The ids of the demo users who work the history, by the local part of their e-mail. */
async function demoUserIds(db: Db, locals: readonly string[]): Promise<(local: string) => string> {
  const rows = await db.selectFrom('users').select(['id', 'email']).where('email', 'in', locals.map((l) => `${l}@${DEMO_EMAIL_DOMAIN}`)).execute();
  const ids = new Map(rows.map((r) => [r.email.slice(0, r.email.indexOf('@')), r.id]));
  return (local) => {
    const id = ids.get(local);
    if (id === undefined) throw new Error(`demo history: no demo user ${local}@${DEMO_EMAIL_DOMAIN}`);
    return id;
  };
}

/**
 * Runs `work` once across retries: in one transaction with the audit row that marks
 * `step` done and keeps its result. A step already marked returns the result it kept.
 */
async function onceInTransaction<T extends object>(db: Db, step: string, work: (trx: Trx) => Promise<T>): Promise<T> {
  return inTransaction(db, async (trx) => {
    const done = await trx.selectFrom('auditLog').select('diff')
      .where('objectType', '=', 'demo_history').where('objectId', '=', step).where('action', '=', DEMO_HISTORY_STEP_ACTION)
      .executeTakeFirst();
    if (done) return (done.diff as { result: T }).result;
    const result = await work(trx);
    await recordAudit(trx, SYSTEM_CONTEXT, { action: DEMO_HISTORY_STEP_ACTION, objectType: 'demo_history', objectId: step, diff: { result } });
    return result;
  });
}

/**
 * The history's run for a period (and entity): the one a previous attempt created, or a
 * new one. The demo is billed on a fresh database, so the period and entity name it.
 */
async function historyRun(db: Db, period: string, entityId: string | undefined, at: Date): Promise<BillRun> {
  let existing = db.selectFrom('billRuns').select('id').where('period', '=', period).where('finalize', '=', true);
  existing = entityId === undefined ? existing.where('entityId', 'is', null) : existing.where('entityId', '=', entityId);
  const found = await existing.orderBy('startedAt').executeTakeFirst();
  if (found) return getBillRun(db, found.id);
  return createBillRun(db, SYSTEM_CONTEXT, { period, finalize: true, ...(entityId ? { entityId } : {}) }, ALL_ENTITIES, { enqueue: false, now: at });
}

/**
 * Bills the past of a demo seeded with `history: true`, through the real use cases with the
 * clock of each moment (no row is back-dated afterwards):
 * 1. the bill runs of {@link DEMO_HISTORY_RUNS}, finalizing, each at its own time — the
 *    pilot entity's months before the controls took effect (issued straight away), the
 *    go-live month through them (straight through, on hold, or waiting for approval);
 * 2. the approvers work the go-live month's requests hours later, leaving some; the
 *    deadline job escalates the overdue ones (`approval_delay`) when they fall due — so
 *    now those approvals are days past their SLA (`workDemoApprovals`); and the controller
 *    retires the training revenue account (`retireDemoTrainingAccount`);
 * 3. at seeding time, AR clerks enter service credits on go-live invoices, a few twice
 *    (`enterDemoCredits`), and the bank receipts of the history's invoices: most paid around
 *    their due date, some in part, some still overdue (`receiveDemoPayments`); a partner's
 *    gateway sends storage usage no contract prices, held for review (`sendDemoStrayUsage`);
 *    the controller adds seats to some contracts from mid next month (`amendDemoContracts`);
 *    and, when asked, the demo month's bill run is queued.
 * Each step commits on its own — a bill run a chunk at a time, as any run — so on the
 * embedded database, with its one connection, the API answers between them. Resumable: a
 * retry skips the runs completed, resumes the one in hand, and skips the later steps marked
 * done in the audit log ({@link DEMO_HISTORY_STEP_ACTION}, with what each did). Throws
 * when a run cannot bill a customer: the demo bills cleanly.
 */
export async function billDemoHistory(db: Db, input: BillDemoHistoryInput): Promise<DemoHistorySummary> {
  const { taxEngine, seededAt, signal } = input;
  const total = DEMO_HISTORY_RUNS.length + 4;
  let done = 0;
  const stepDone = (step: string) => input.onStep?.(step, ++done, total);
  const entityIdByCode = new Map((await db.selectFrom('legalEntities').select(['id', 'code']).execute()).map((e) => [e.code, e.id]));
  const userId = await demoUserIds(db, ['approver', 'cfo', 'controller', 'integration', ...CLERKS.map(([local]) => local)]);
  const controller = userId('controller');
  let invoices = 0;
  let approvals: ApprovalWork = { approved: 0, leftPending: 0, stuck: 0 };
  for (const history of DEMO_HISTORY_RUNS) {
    signal?.throwIfAborted();
    const at = new Date(seededAt.getTime() - history.daysAgo * DAY_MS);
    const entityId = history.entityCode === null ? undefined : entityIdByCode.get(history.entityCode)!;
    const run = await historyRun(db, history.period, entityId, at);
    const billed = run.status === 'completed' ? run : await executeBillRun(db, SYSTEM_CONTEXT, run.id, { taxEngine, now: at, signal });
    if (billed.errors.length > 0) throw new Error(`demo history: the ${history.period} run could not bill ${billed.errors.length} customers: ${billed.errors[0]!.message}`);
    invoices += billed.invoicesCreated;
    stepDone(`bill ${history.period}${history.entityCode === null ? '' : ` ${history.entityCode}`}`);
    if (history.period === DEMO_GO_LIVE_PERIOD) {
      signal?.throwIfAborted();
      approvals = await onceInTransaction(db, APPROVALS_STEP, async (trx) => {
        const work = await workDemoApprovals(trx, at, [userId('approver'), userId('cfo')]);
        await retireDemoTrainingAccount(trx, { actor: `user:${controller}` });
        return work;
      });
      stepDone(APPROVALS_STEP);
    }
  }
  signal?.throwIfAborted();
  const byEntity = new Map<string, string>();
  for (const [local, codes] of CLERKS) {
    for (const code of codes) byEntity.set(entityIdByCode.get(code)!, userId(local));
  }
  const credits = await onceInTransaction(db, CREDITS_STEP, (trx) => enterDemoCredits(trx, DEMO_GO_LIVE_PERIOD, { byEntity, controller }, seededAt));
  stepDone(CREDITS_STEP);
  const payments = await receiveDemoPayments(db, DEMO_HISTORY_RUNS.map((h) => h.period), { byEntity, controller }, seededAt, signal);
  stepDone(PAYMENTS_STEP);
  signal?.throwIfAborted();
  const after = await onceInTransaction(db, FINAL_STEP, async (trx) => {
    const heldUsageEvents = await sendDemoStrayUsage(trx, { actor: `user:${userId('integration')}` }, seededAt);
    const contractAmendments = await amendDemoContracts(trx);
    const demoMonth = input.queueDemoMonth ? await createBillRun(trx, SYSTEM_CONTEXT, { period: DEMO_BILLING_PERIOD, finalize: true }, ALL_ENTITIES) : null;
    return { heldUsageEvents, contractAmendments, demoMonthBillRunId: demoMonth?.id ?? null };
  });
  stepDone(FINAL_STEP);
  return { billRuns: DEMO_HISTORY_RUNS.length, invoices, approvals, credits, payments, ...after };
}

/**
 * Queues {@link DEMO_HISTORY_JOB} for a worker (once: a second call finds it queued), which
 * bills the history and then queues the demo month, so `invoiceops start` answers at once.
 */
export async function queueDemoHistory(db: Db, seededAt: Date): Promise<void> {
  await enqueueJob(db, { type: DEMO_HISTORY_JOB, payload: { seededAt: seededAt.toISOString() }, maxAttempts: 3, dedupeKey: DEMO_HISTORY_JOB });
}

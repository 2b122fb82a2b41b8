import { ALL_ENTITIES } from '../access/principal.ts';
import { inTransaction, type Db, type Trx } from '../db/transaction.ts';
import { enqueueJob } from '../jobs/enqueue-job.ts';
import { createBillRun } from '../receivables/billing/bill-runs.ts';
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
  /** Aborted when the process stops: the history stops at its next bill-run chunk or stage and rolls back (a retry starts over). */
  signal?: AbortSignal;
}

/** Who works the history, by demo user (the AR clerks by the entities they serve). */
const CLERKS: readonly (readonly [local: string, entityCodes: readonly string[]])[] = [
  ['ar.clerk', ['US01', 'UK01']],
  ['ar.clerk.de', ['DE01']],
  ['ar.clerk.apac', ['SG01', 'AU01']],
];

async function userId(trx: Trx, local: string): Promise<string> {
  return (await trx.selectFrom('users').select('id').where('email', '=', `${local}@${DEMO_EMAIL_DOMAIN}`).executeTakeFirstOrThrow()).id;
}

/**
 * Bills the past of a demo seeded with `history: true`, through the real use cases with the
 * clock of each moment (no row is back-dated afterwards), in ONE transaction (a retry after
 * a crash starts over):
 * 1. the bill runs of {@link DEMO_HISTORY_RUNS}, finalizing, each at its own time — the
 *    pilot entity's months before the controls took effect (issued straight away), the
 *    go-live month through them (straight through, on hold, or waiting for approval);
 * 2. the approvers work the go-live month's requests hours later, leaving some; the
 *    deadline job escalates the overdue ones (`approval_delay`) when they fall due — so
 *    now those approvals are days past their SLA (`workDemoApprovals`);
 * 3. the controller retires the training revenue account (`retireDemoTrainingAccount`);
 * 4. at seeding time, AR clerks enter service credits on go-live invoices, a few twice
 *    (`enterDemoCredits`), and the bank receipts of the history's invoices: most paid around
 *    their due date, some in part, some still overdue (`receiveDemoPayments`); and a
 *    partner's gateway sends storage usage no contract prices, held for review (`sendDemoStrayUsage`);
 * 5. the controller adds seats to some contracts from mid next month (`amendDemoContracts`).
 * Throws when a run cannot bill a customer: the demo bills cleanly.
 */
export async function billDemoHistory(db: Db, input: BillDemoHistoryInput): Promise<DemoHistorySummary> {
  const { taxEngine, seededAt } = input;
  return inTransaction(db, async (trx) => {
    const entityIdByCode = new Map((await trx.selectFrom('legalEntities').select(['id', 'code']).execute()).map((e) => [e.code, e.id]));
    const [approver, cfo, controller] = [await userId(trx, 'approver'), await userId(trx, 'cfo'), await userId(trx, 'controller')];
    let invoices = 0;
    let approvals: ApprovalWork = { approved: 0, leftPending: 0, stuck: 0 };
    for (const history of DEMO_HISTORY_RUNS) {
      const at = new Date(seededAt.getTime() - history.daysAgo * DAY_MS);
      const entityId = history.entityCode === null ? undefined : entityIdByCode.get(history.entityCode)!;
      const run = await createBillRun(trx, SYSTEM_CONTEXT, { period: history.period, finalize: true, ...(entityId ? { entityId } : {}) }, ALL_ENTITIES, { enqueue: false, now: at });
      const billed = await executeBillRun(trx, SYSTEM_CONTEXT, run.id, { taxEngine, now: at, signal: input.signal });
      if (billed.errors.length > 0) throw new Error(`demo history: the ${history.period} run could not bill ${billed.errors.length} customers: ${billed.errors[0]!.message}`);
      invoices += billed.invoicesCreated;
      if (history.period === DEMO_GO_LIVE_PERIOD) {
        approvals = await workDemoApprovals(trx, at, [approver, cfo]);
        await retireDemoTrainingAccount(trx, { actor: `user:${controller}` });
      }
    }
    input.signal?.throwIfAborted();
    const byEntity = new Map<string, string>();
    for (const [local, codes] of CLERKS) {
      const clerk = await userId(trx, local);
      for (const code of codes) byEntity.set(entityIdByCode.get(code)!, clerk);
    }
    const credits = await enterDemoCredits(trx, DEMO_GO_LIVE_PERIOD, { byEntity, controller }, seededAt);
    const payments = await receiveDemoPayments(trx, DEMO_HISTORY_RUNS.map((h) => h.period), { byEntity, controller }, seededAt);
    const heldUsageEvents = await sendDemoStrayUsage(trx, { actor: `user:${await userId(trx, 'integration')}` }, seededAt);
    const contractAmendments = await amendDemoContracts(trx);
    const demoMonth = input.queueDemoMonth ? await createBillRun(trx, SYSTEM_CONTEXT, { period: DEMO_BILLING_PERIOD, finalize: true }, ALL_ENTITIES) : null;
    return { billRuns: DEMO_HISTORY_RUNS.length, invoices, approvals, credits, payments, heldUsageEvents, contractAmendments, demoMonthBillRunId: demoMonth?.id ?? null };
  });
}

/**
 * Queues {@link DEMO_HISTORY_JOB} for a worker (once: a second call finds it queued), which
 * bills the history and then queues the demo month, so `invoiceops start` answers at once.
 */
export async function queueDemoHistory(db: Db, seededAt: Date): Promise<void> {
  await enqueueJob(db, { type: DEMO_HISTORY_JOB, payload: { seededAt: seededAt.toISOString() }, maxAttempts: 3, dedupeKey: DEMO_HISTORY_JOB });
}

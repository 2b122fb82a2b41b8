import { sql } from 'kysely';
import { inTransaction, type Db, type Trx } from '../../db/transaction.ts';
import type { RoundingMode } from '../../money/rounding.ts';
import type { ActorContext } from '../../shared/context.ts';
import { localDateOf } from '../schedule/local-dates.ts';
import type { TaxEngine } from '../tax/tax-engine.ts';
import type { Aggregation } from '../usage/billable-metric-schemas.ts';
import { lockUsageBilling, usageLockBucket } from '../usage/usage-billing-lock.ts';
import { servesConcurrently } from '../../db/create-database.ts';
import { aggregateUsage, clearLateUsage, type UsageWindow } from './aggregate-usage.ts';
import { getBillRun, type BillRun } from './bill-runs.ts';
import { billingMonth, type BillingMonth } from './billing-month.ts';
import { loadBillingInputs } from './load-billing-inputs.ts';
import { planCustomerLines, type MetricInfo } from './plan-customer-lines.ts';
import { insertDraftInvoices, prepareDraftInvoice, type PreparedDraft, type ProductCatalog } from './write-draft-invoice.ts';
import type { DraftWithInputs } from './draft-controls-rows.ts';
import { completeNumberedDrafts, numberDrafts } from './number-drafts.ts';
import { writeDecidedInvoices, type DecideInRunOptions } from './write-decided-invoices.ts';
import type { SubmitTimings } from '../../controls/pipeline/submit-documents.ts';
import { finalizeBillRun } from './finalize-bill-run.ts';
import { ALL_ENTITIES } from '../../access/principal.ts';
import { controlsAreEmpty, loadEffectiveControls } from '../../controls/pipeline/load-effective-controls.ts';
import { recordStraightThrough } from '../../controls/pipeline/record-straight-through.ts';
import { jsonParam } from '../../db/json-param.ts';

const CHUNK = 500;
/** Chunks in flight at once on a PostgreSQL server: one loads and prices while the other writes. */
const LANES = 2;

export interface ExecuteBillRunOptions {
  taxEngine: TaxEngine;
  onProgress?: (done: number, total: number) => void;
  /**
   * The run's clock (tests, the demo's history): usage windows still open at this time wait
   * for a later run; invoices are created, dated and decided at it.
   */
  now?: Date;
  /**
   * When given, receives the time the controls took in a finalizing run (`load`, `decide`)
   * and what issuing took (`issue`). Stages are timed by the clock between them, so a timed
   * run bills one chunk at a time (in lanes, one lane's stage would count the other's work).
   */
  timings?: SubmitTimings;
  /**
   * Aborted when the process stops: the run stops before its next chunk and throws the
   * signal's reason. What it billed so far is committed; running it again resumes.
   */
  signal?: AbortSignal;
}

interface RunContext {
  ctx: ActorContext;
  run: BillRun;
  month: BillingMonth;
  metrics: Map<string, MetricInfo>;
  products: ProductCatalog;
  taxEngine: TaxEngine;
  now: Date;
  /** A finalizing run with no controls in force writes its invoices issued (straight through). */
  issueDirectly: boolean;
  /** A finalizing run with controls in force decides its drafts before writing them. */
  decideInRun: DecideInRunOptions | null;
}

interface ChunkResult {
  created: number;
  errors: { customerId: string; message: string }[];
}

/**
 * Executes a bill run: for every customer with a contract (in the run's entity or
 * customer, if limited), drafts at most one invoice per currency for the period (a run
 * created with `finalize` stores them finalized, numbered in the same transaction).
 * Customers are billed in chunks, one transaction each. Resumable: a customer that already
 * has an invoice for the period is skipped, so running it again after a crash, or twice at
 * once, bills nobody twice (the unique index decides; a chunk that collides is retried one
 * customer at a time). A customer whose invoice cannot be drafted (for example tax cannot
 * be decided) is listed in the run's errors, nothing of it is written, and the others go on.
 */
export async function executeBillRun(db: Db, ctx: ActorContext, billRunId: string, options: ExecuteBillRunOptions): Promise<BillRun> {
  const run = await getBillRun(db, billRunId);
  const month = billingMonth(run.period);
  let customersQuery = db.selectFrom('contracts').select('customerId').distinct().where('startDate', '<', month.next).orderBy('customerId');
  if (run.entityId) customersQuery = customersQuery.where('entityId', '=', run.entityId);
  if (run.customerId) customersQuery = customersQuery.where('customerId', '=', run.customerId);
  const customerIds = (await customersQuery.execute()).map((r) => r.customerId);
  await db.updateTable('billRuns').set({ customersTotal: customerIds.length, status: 'running' }).where('id', '=', billRunId).execute();

  const began = Date.now();
  const now = options.now ?? new Date(began);
  const controls = await loadEffectiveControls(db, now);
  const [metricRows, productRows] = await Promise.all([
    db.selectFrom('billableMetrics').select(['code', 'name', 'aggregation', 'property', 'unit']).execute(),
    db.selectFrom('products').select(['id', 'taxCategory', 'revenueAccountCode']).execute(),
  ]);
  const env: RunContext = {
    ctx,
    run,
    month,
    metrics: new Map(metricRows.map((m) => [m.code, { name: m.name, aggregation: m.aggregation as Aggregation, property: m.property }])),
    products: new Map(productRows.map((p) => [p.id, { taxCategory: p.taxCategory, revenueAccountCode: p.revenueAccountCode }])),
    taxEngine: options.taxEngine,
    now,
    issueDirectly: run.finalize && controlsAreEmpty(controls),
    decideInRun: run.finalize && !controlsAreEmpty(controls)
      ? { controls, metricUnits: new Map(metricRows.map((m) => [m.code, m.unit])), runActor: run.actor, now, timings: options.timings }
      : null,
  };
  // A resumed run reports the customers this execution could not bill, not stale ones.
  const errors: ChunkResult['errors'] = [];
  let done = 0;
  let progress = Promise.resolve();
  const report = (result: ChunkResult, customers: number) => {
    errors.push(...result.errors);
    done += customers;
    const snapshot = { done, errors: JSON.stringify(errors) };
    // One update at a time, in order, so the row never goes back.
    progress = progress.then(async () => {
      await db
        .updateTable('billRuns')
        .set({ customersDone: snapshot.done, invoicesCreated: sql<number>`invoices_created + ${result.created}`, errors: snapshot.errors })
        .where('id', '=', billRunId)
        .execute();
      options.onProgress?.(snapshot.done, customerIds.length);
    });
    return progress;
  };
  // A lane that fails stops the others at their next chunk; the run fails with its error.
  const failed: { error?: unknown } = {};
  await Promise.all(
    billingLanes(customerIds, servesConcurrently(db) && !options.timings ? LANES : 1).map(async (lane) => {
      for (let i = 0; i < lane.length && !('error' in failed); i += CHUNK) {
        const ids = lane.slice(i, i + CHUNK);
        try {
          options.signal?.throwIfAborted();
          await report(await billChunkOrOneByOne(db, ids, env), ids.length);
        } catch (error) {
          if (!('error' in failed)) failed.error = error;
          return;
        }
        // Embedded PostgreSQL answers on the same thread: let HTTP requests in between chunks.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }),
  );
  if ('error' in failed) throw failed.error;
  // A finalizing run decides its drafts as it writes them; drafts an earlier version of
  // this run left undecided (it submitted them after drafting them all) go through now.
  if (run.finalize && !env.issueDirectly) await finalizeBillRun(db, ctx, billRunId, ALL_ENTITIES, undefined, { now, controls, timings: options.timings });
  // On the run's clock: as long after `now` as the run took.
  await db.updateTable('billRuns').set({ status: 'completed', finishedAt: new Date(now.getTime() + Date.now() - began) }).where('id', '=', billRunId).execute();
  return getBillRun(db, billRunId);
}

/**
 * The customers split into lanes billed at the same time, by usage-lock bucket (lane =
 * bucket mod lanes), so that two lanes never wait for each other's usage locks: while one
 * lane's chunk writes, the next chunk of the other is loaded, rated and priced. What they
 * share they take in one order (number series by entity, then the audit chain), so at worst
 * one waits for the other's commit.
 */
export function billingLanes(customerIds: readonly string[], lanes: number): string[][] {
  const result = Array.from({ length: lanes }, () => [] as string[]);
  for (const id of customerIds) result[usageLockBucket(id) % lanes]!.push(id);
  return result.filter((lane) => lane.length > 0);
}

async function billChunkOrOneByOne(db: Db, customerIds: string[], env: RunContext): Promise<ChunkResult> {
  try {
    return await billCustomers(db, customerIds, env);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    if (customerIds.length === 1) return { created: 0, errors: [] };
  }
  // Another run billed some of these customers meanwhile: bill one by one, skipping those.
  const total: ChunkResult = { created: 0, errors: [] };
  for (const id of customerIds) {
    const one = await billChunkOrOneByOne(db, [id], env);
    total.created += one.created;
    total.errors.push(...one.errors);
  }
  return total;
}

const isUniqueViolation = (error: unknown): boolean => (error as { code?: string }).code === '23505';

/**
 * Bills a chunk of customers in one transaction, holding their usage-billing lock (see
 * `lockUsageBilling`) from aggregation to commit: plans every line, aggregates the usage
 * windows in bulk, prices tax, writes the drafts, clears the late usage they bill and
 * advances each customer's `usage_billed_until`. Usage events themselves are not rewritten.
 */
async function billCustomers(db: Db, customerIds: string[], env: RunContext): Promise<ChunkResult> {
  const { month, metrics, run, now } = env;
  return inTransaction(db, async (trx) => {
    await lockUsageBilling(trx, customerIds, 'exclusive');
    const chunk = await loadBillingInputs(trx, customerIds, run.period, month.next);
    const plan = (inputs: (typeof chunk)[number], usage: Map<string, string>, windowsOnly: boolean) =>
      planCustomerLines(inputs, month, metrics, usage, inputs.entity.roundingMode as RoundingMode, { windowsOnly, now });
    const usage = await aggregateUsage(trx, chunk.flatMap((inputs) => plan(inputs, new Map(), true).flatMap((p) => p.usageWindows)));

    const drafts: DraftWithInputs[] = [];
    const billedWindows: UsageWindow[] = [];
    const settledWindows: UsageWindow[] = [];
    const errors: ChunkResult['errors'] = [];
    for (const inputs of chunk) {
      try {
        const plans = plan(inputs, usage, false);
        const documentDate = localDateOf(now, inputs.entity.timeZone);
        const prepared: PreparedDraft[] = [];
        for (const p of plans) {
          if (p.lines.length === 0) continue;
          prepared.push(await prepareDraftInvoice({ inputs, plan: p, period: run.period, billRunId: run.id, taxEngine: env.taxEngine, products: env.products, documentDate, now }));
        }
        // All of a customer's invoices, or none of them.
        drafts.push(...prepared.map((draft) => ({ draft, inputs })));
        billedWindows.push(...plans.flatMap((p) => p.usageWindows));
        settledWindows.push(...plans.flatMap((p) => p.settledWindows));
      } catch (error) {
        errors.push({ customerId: inputs.customer.id, message: error instanceof Error ? error.message : String(error) });
      }
    }
    if (env.issueDirectly) await writeFinalized(trx, env.ctx, drafts, now);
    else if (env.decideInRun) await writeDecidedInvoices(trx, env.ctx, drafts, env.decideInRun);
    else await insertDraftInvoices(trx, env.ctx, drafts.map((d) => d.draft));
    await clearLateUsage(trx, [...billedWindows, ...settledWindows]);
    await advanceUsageBilledUntil(trx, billedWindows);
    return { created: drafts.length, errors };
  });
}

/**
 * A run that finalizes with no controls in force writes its invoices finalized: numbered
 * before the insert, one audit row per invoice telling both that the run drafted it and
 * the number it got, a straight-through decision each, then what every finalization does
 * (credit, email, posting).
 */
async function writeFinalized(trx: Trx, ctx: ActorContext, drafts: readonly DraftWithInputs[], now: Date): Promise<void> {
  if (drafts.length === 0) return;
  const numbering = await numberDrafts(trx, drafts, now);
  await insertDraftInvoices(trx, ctx, drafts.map((d) => d.draft));
  await recordStraightThrough(trx, ctx, numbering.drafts, now);
  await completeNumberedDrafts(trx, ctx, numbering);
}

/** Each customer's usage is now billed up to the latest window end aggregated for it. */
async function advanceUsageBilledUntil(trx: Db, windows: readonly UsageWindow[]): Promise<void> {
  const until = new Map<string, Date>();
  for (const w of windows) if (!until.has(w.customerId) || until.get(w.customerId)! < w.endsAt) until.set(w.customerId, w.endsAt);
  const entries = [...until];
  for (let i = 0; i < entries.length; i += 500) {
    const list = JSON.stringify(entries.slice(i, i + 500).map(([id, until]) => ({ id, until })));
    await sql`
      UPDATE customers c SET usage_billed_until = GREATEST(c.usage_billed_until, v.until)
      FROM json_to_recordset(${jsonParam(list)}) AS v(id text, until timestamptz)
      WHERE c.id = v.id`.execute(trx);
  }
}

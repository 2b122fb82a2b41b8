/**
 * Controls at scale: validation and approval routing of a bill run's invoices, against the
 * bill run itself, on the demo month (issue #4: ≤ 20 % of the bill run's time).
 *
 *   BENCH_CUSTOMERS (default 25000)   DATABASE_URL: also run on that PostgreSQL server
 *   BENCH_DB=postgres: only on DATABASE_URL
 *   BENCH_MARGINAL=1: first, what the controls add to the month billed as in production
 *     (two lanes on PostgreSQL), against the same month with no controls (one more JSON line each)
 *
 * The demo company is seeded with its controls (the built-in rule pack and the demo
 * approval policy, both published) and its month is billed by a finalizing run, which
 * decides each chunk's drafts before it writes them. Inside the run are timed:
 * `validate_route_s`, what validation and routing take — rule contexts built and their
 * history, ERP mappings and FX rates loaded, every rule evaluated, routed, and the
 * decisions, exceptions, transitions and approval requests written (`load_s` +
 * `decide_s`) — and `issue_s`, issuing the straight-through invoices (numbers, credit,
 * emails and postings queued). `billrun_s` is the rest: the bill run proper (`run_s` less
 * both), and `ratio` = validate_route_s / billrun_s. Prints one JSON line per database, last.
 * A timed run bills one chunk at a time, also on PostgreSQL (which otherwise bills two lanes
 * at once): the stages are timed by the clock between them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import {
  ALL_ENTITIES,
  DEMO_BILLING_PERIOD,
  SYSTEM_CONTEXT,
  createBillRun,
  createDatabase,
  executeBillRun,
  maintainTables,
  migrateToLatest,
  seedBuiltinRuleSet,
  seedDemoData,
  type BillRun,
  type DatabaseConfig,
  type DatabaseHandle,
  type Db,
  type SubmitTimings,
} from '@invoiceops/core';
import { createTaxEngine } from '@invoiceops/connectors';
import { forEachBenchDatabase } from './bench-databases.ts';

const customers = Number(process.env.BENCH_CUSTOMERS ?? 25_000);
/** BENCH_MARGINAL's warm-up month (at most BENCH_CUSTOMERS): each way billed once before the measured pair. */
const WARM_UP_CUSTOMERS = 2_000;

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await work();
  return [value, (performance.now() - started) / 1000];
}

/**
 * A fresh database with the demo month seeded, analyzed as bench:billing's dataset is: with
 * the demo's controls published (and at least the built-in rule pack), or with none.
 * The seeded data is the same either way; the controls are published after it.
 */
async function seededMonth(config: DatabaseConfig, controls: boolean, size = customers): Promise<DatabaseHandle> {
  const handle = await createDatabase(config);
  const db = handle.db;
  if (config.kind === 'postgres') await sql`DROP SCHEMA public CASCADE; CREATE SCHEMA public`.execute(db);
  await migrateToLatest(db);
  await seedDemoData(db, { customers: size, controls });
  // The demo seeds its controls; a database seeded without them gets at least the built-in rule pack.
  if (controls) await seedBuiltinRuleSet(db);
  // The statistics a deployment's tables have a minute after an import (the worker's
  // maintenance pass, or autovacuum), as bench:billing gives its dataset: without them the
  // planner guesses, and the ERP-mapping look-up scans every mapped customer per chunk.
  await maintainTables(db);
  return handle;
}

/** Bills the demo month with a finalizing run, as `invoiceops bill-run` and the demo do; `timings` makes it a timed run (one chunk at a time). */
async function billMonth(db: Db, timings?: SubmitTimings): Promise<{ billed: BillRun; seconds: number; issued: number }> {
  const runRow = await createBillRun(db, SYSTEM_CONTEXT, { period: DEMO_BILLING_PERIOD, finalize: true }, ALL_ENTITIES, { enqueue: false });
  const [billed, seconds] = await timed(() => executeBillRun(db, SYSTEM_CONTEXT, runRow.id, { taxEngine: createTaxEngine({ kind: 'builtin' }), now: new Date(), timings }));
  if (billed.errors.length > 0) throw new Error(`bill run errors: ${JSON.stringify(billed.errors.slice(0, 3))}`);
  const issued = (await db.selectFrom('invoices').select((eb) => eb.fn.countAll<string>().as('n')).where('billRunId', '=', runRow.id).where('status', '=', 'finalized').executeTakeFirstOrThrow()).n;
  return { billed, seconds, issued: Number(issued) };
}

/** A database like `config` that is empty: a new folder for the embedded database (removed by `dispose`), the same server otherwise (its schema is dropped when seeded). */
function freshConfig(config: DatabaseConfig): { config: DatabaseConfig; dispose: () => void } {
  if (config.kind !== 'pglite') return { config, dispose: () => {} };
  const dataDir = mkdtempSync(join(tmpdir(), 'invoiceops-bench-'));
  return { config: { kind: 'pglite', dataDir }, dispose: () => rmSync(dataDir, { recursive: true, force: true }) };
}

/**
 * BENCH_MARGINAL=1: what the controls add to a bill run as it runs in production — on a
 * PostgreSQL server in two lanes, so one lane's JavaScript runs while the server works on
 * the other's statements — by billing the same month twice, with the controls in force and
 * with none (every invoice then issued straight away, with its straight-through decision
 * and transitions), on freshly seeded databases. Both ways are first billed once on a
 * small month (`WARM_UP_CUSTOMERS`, not measured): otherwise the first measured run also pays
 * for compiling the code both share, and the figure swings by 20 points with the order.
 */
async function marginal(label: string, config: DatabaseConfig): Promise<void> {
  const billFresh = async (controls: boolean, size: number) => {
    const fresh = freshConfig(config);
    try {
      const handle = await seededMonth(fresh.config, controls, size);
      const { billed, seconds, issued } = await billMonth(handle.db);
      await handle.close();
      return { seconds, issued, invoices: billed.invoicesCreated };
    } finally {
      fresh.dispose();
    }
  };
  for (const controls of [false, true]) await billFresh(controls, Math.min(WARM_UP_CUSTOMERS, customers));
  const without = await billFresh(false, customers);
  const withControls = await billFresh(true, customers);
  if (withControls.invoices !== without.invoices) throw new Error(`the two months differ: ${withControls.invoices} and ${without.invoices} invoices`);
  console.log(JSON.stringify({
    bench: 'controls_marginal',
    db: label,
    customers,
    invoices: without.invoices,
    lanes: config.kind === 'postgres' ? 2 : 1,
    with_controls_s: Number(withControls.seconds.toFixed(2)),
    issued_with_controls: withControls.issued,
    without_controls_s: Number(without.seconds.toFixed(2)),
    issued_without_controls: without.issued,
    marginal_ratio: Number(((withControls.seconds - without.seconds) / without.seconds).toFixed(3)),
  }));
}

async function run(label: string, config: DatabaseConfig): Promise<void> {
  if (process.env.BENCH_MARGINAL === '1') await marginal(label, config);
  const handle = await seededMonth(config, true);
  const db = handle.db;
  // A finalizing run, as `invoiceops bill-run` and the demo make it: each chunk's drafts are
  // decided before they are written (validation and routing timed inside the run).
  const timings: SubmitTimings = { load: 0, decide: 0, issue: 0 };
  const { billed, seconds: runSeconds, issued } = await billMonth(db, timings);
  // Validation and routing: the rule contexts, the rules, routing, and writing what they decided.
  const controlsSeconds = (timings.load + timings.decide) / 1000;
  // The bill run itself: what the run took less the controls and issuing.
  const billrunSeconds = runSeconds - controlsSeconds - timings.issue / 1000;
  const outcomes = await sql<{ lifecycle: string; n: string }>`
    SELECT lifecycle, count(*)::text AS n FROM invoices WHERE bill_run_id = ${billed.id} GROUP BY 1 ORDER BY 1`.execute(db);
  const byLifecycle = Object.fromEntries(outcomes.rows.map((r) => [r.lifecycle, Number(r.n)]));
  const undecided = byLifecycle.draft ?? 0;
  if (undecided > 0) throw new Error(`${undecided} drafts were not decided`);
  const exceptions = await sql<{ category: string; n: string }>`SELECT category, count(*)::text AS n FROM exceptions GROUP BY 1 ORDER BY 1`.execute(db);
  await handle.close();
  console.log(JSON.stringify({
    bench: 'controls',
    db: label,
    customers,
    invoices: billed.invoicesCreated,
    issued,
    lifecycle: byLifecycle,
    exceptions: Object.fromEntries(exceptions.rows.map((r) => [r.category, Number(r.n)])),
    load_s: Number((timings.load / 1000).toFixed(2)),
    decide_s: Number((timings.decide / 1000).toFixed(2)),
    issue_s: Number((timings.issue / 1000).toFixed(2)),
    run_s: Number(runSeconds.toFixed(2)),
    validate_route_s: Number(controlsSeconds.toFixed(2)),
    billrun_s: Number(billrunSeconds.toFixed(2)),
    ratio: Number((controlsSeconds / billrunSeconds).toFixed(3)),
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
  }));
}

await forEachBenchDatabase(run);

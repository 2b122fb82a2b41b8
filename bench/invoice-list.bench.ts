/**
 * The invoice list at scale (issue #6: it answers in under 1 s with 100,000 invoices).
 *
 *   BENCH_INVOICES (default 100000)   BENCH_CUSTOMERS (default 5000)
 *   BENCH_REPEATS (default 10)        BENCH_WARMUP (default 2)
 *   DATABASE_URL: also run on that PostgreSQL server   BENCH_DB=postgres: only there
 *
 * The history is built as a deployment accumulates it (bench/invoice-list/build-invoice-history.ts):
 * the demo company, its month billed for real through the controls, then copied backwards
 * month by month in SQL up to BENCH_INVOICES documents. Statistics as a deployment gets
 * them after such a load: on PostgreSQL the bench waits for autovacuum to analyze the
 * invoice tables; PGlite runs single-user, without autovacuum, so it gets what the embedded
 * worker of `invoiceops start` runs a minute after the load, `maintainTables`.
 * Then the real HTTP server is started and every request of the invoice list page is
 * timed as the AR clerk (signed in, scoped to two entities). Prints a table per database,
 * then one JSON line per database, last.
 */
import { sql } from 'kysely';
import { createDatabase, maintainTables, migrateToLatest, type DatabaseConfig, type Db } from '@invoiceops/core';
import { buildInvoiceHistory } from './invoice-list/build-invoice-history.ts';
import { measureInvoiceList, percentile, type QueryTimings } from './invoice-list/measure-invoice-list.ts';
import { forEachBenchDatabase } from './bench-databases.ts';

const invoices = Number(process.env.BENCH_INVOICES ?? 100_000);
const customers = Number(process.env.BENCH_CUSTOMERS ?? 5_000);
const repeats = Number(process.env.BENCH_REPEATS ?? 10);
const warmup = Number(process.env.BENCH_WARMUP ?? 2);
const TARGET_MS = 1000;
const AUTOANALYZE_WAIT_S = Number(process.env.BENCH_AUTOANALYZE_WAIT_S ?? 240);

/**
 * Waits until autovacuum has analyzed the invoice tables after the load — until they have
 * statistics and fewer changed rows since than would make autovacuum analyze them again
 * (50 + 10 %) — or gives up and analyzes them. Backends report their row counts up to 10 s
 * late, so the first look is after that.
 */
async function awaitAutoanalyze(db: Db, since: number): Promise<string> {
  await new Promise((resolve) => setTimeout(resolve, 11_000));
  const deadline = since + AUTOANALYZE_WAIT_S * 1000;
  while (Date.now() < deadline) {
    const fresh = await sql<{ relname: string }>`
      SELECT relname FROM pg_stat_user_tables
      WHERE relname IN ('invoices', 'invoice_lines') AND coalesce(last_autoanalyze, last_analyze) IS NOT NULL
        AND n_mod_since_analyze <= 50 + 0.1 * n_live_tup`.execute(db);
    if (fresh.rows.length === 2) return `autovacuum (fresh ${Math.round((Date.now() - since) / 1000)} s after the load)`;
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  await sql`ANALYZE`.execute(db);
  return `ANALYZE by the bench (autovacuum had not within ${AUTOANALYZE_WAIT_S} s)`;
}

function printTable(label: string, timings: QueryTimings[]): void {
  console.log(`\n${label}: ms per request (${repeats} repetitions after ${warmup} warm-up rounds)`);
  console.log(`${'query'.padEnd(34)} ${'rows'.padStart(4)} ${'KB'.padStart(5)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'max'.padStart(7)}`);
  for (const t of timings) {
    console.log(`${t.name.padEnd(34)} ${String(t.rows).padStart(4)} ${String(t.kb).padStart(5)} ${t.p50.toFixed(1).padStart(7)} ${t.p95.toFixed(1).padStart(7)} ${t.max.toFixed(1).padStart(7)}`);
  }
}

async function run(label: string, config: DatabaseConfig): Promise<Record<string, unknown>> {
  const handle = await createDatabase(config);
  const db = handle.db;
  try {
    if (config.kind === 'postgres') await sql`DROP SCHEMA public CASCADE; CREATE SCHEMA public`.execute(db);
    await migrateToLatest(db);
    const history = await buildInvoiceHistory(db, { customers, invoices });
    const built = Date.now();
    const statistics = config.kind === 'postgres'
      ? await awaitAutoanalyze(db, built)
      : `maintainTables (the embedded worker's pass): ${(await maintainTables(db)).vacuumed.length} tables vacuumed`;
    const timings = await measureInvoiceList(db, history.billRunId, { warmup, repeats });
    printTable(label, timings);
    const all = timings.flatMap((t) => t.samples).sort((a, b) => a - b);
    const slowest = [...timings].sort((a, b) => b.max - a.max)[0]!;
    const max = all[all.length - 1] ?? 0;
    return {
      bench: 'invoice_list',
      db: label,
      invoices: history.invoices,
      credit_memos: history.creditMemos,
      lines: history.lines,
      customers,
      billed_month: history.billed,
      months: history.months + 1,
      queries: timings.length,
      p50_ms: Number(percentile(all, 50).toFixed(1)),
      p95_ms: Number(percentile(all, 95).toFixed(1)),
      max_ms: Number(max.toFixed(1)),
      slowest_query: slowest.name,
      slowest_p95_ms: slowest.p95,
      target_ms: TARGET_MS,
      ratio: Number((max / TARGET_MS).toFixed(3)),
      statistics,
      seed_s: Number(history.seconds.seed.toFixed(1)),
      bill_run_s: Number(history.seconds.billRun.toFixed(1)),
      multiply_s: Number(history.seconds.multiply.toFixed(1)),
    };
  } finally {
    await handle.close();
  }
}

const summaries = await forEachBenchDatabase(run);
console.log('');
for (const summary of summaries) console.log(JSON.stringify(summary));

/**
 * Receivables at scale: usage ingestion through the HTTP API and the month's bill run to
 * finalized invoices, each against a floor measured in the same run on the same database.
 *
 *   BENCH_CUSTOMERS (default 25000)  BENCH_EVENTS_PER_CUSTOMER (default 100)
 *   BENCH_CONCURRENCY (default 4)    DATABASE_URL: also run on that PostgreSQL server
 *   BENCH_DB=postgres: only on that server
 *   BENCH_USAGE=sql: the same events written by one INSERT … SELECT per round instead of
 *     through the API, and ingestion not measured (its figures print as null): the bill run
 *     at 100,000 customers in minutes instead of the two hours two HTTP ingestions take
 *
 * Floors: ingestion = plain batched INSERTs of the same rows into the usage table; bill run
 * = one GROUP BY over the events plus a bulk INSERT … SELECT of the same invoice rows and
 * lines into the invoice tables. Between ingestion and the bill run, untimed, the tables
 * get the vacuum and analyze a deployment's month gives them (`maintainTables`, what the
 * embedded worker runs). Prints one JSON line per database, last.
 *
 * The API runs in this process, as `invoiceops start` runs it; the requests are made and
 * read by another process (billing/send-usage.ts), as clients elsewhere would.
 */
import { execFileSync, fork } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import {
  ALL_ENTITIES,
  DEMO_BILLING_MONTH,
  DEMO_BILLING_PERIOD,
  SYSTEM_CONTEXT,
  createBillRun,
  createDatabase,
  executeBillRun,
  issueApiKey,
  maintainTables,
  newId,
  type DatabaseConfig,
  type Db,
} from '@invoiceops/core';
import { createTaxEngine } from '@invoiceops/connectors';
import { buildApp } from '@invoiceops/server';
import { forEachBenchDatabase } from './bench-databases.ts';
import type { SendUsageResult, SendUsageTask } from './billing/send-usage.ts';
import { BATCH, METRIC, usageEvents } from './billing/usage-events.ts';

const customers = Number(process.env.BENCH_CUSTOMERS ?? 25_000);
const perCustomer = Number(process.env.BENCH_EVENTS_PER_CUSTOMER ?? 100);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 4);
const usageBySql = process.env.BENCH_USAGE === 'sql';

/** Posts the events from a process of its own (see billing/send-usage.ts). */
async function post(url: string, token: string, customerIds: string[]): Promise<SendUsageResult> {
  const task: SendUsageTask = { url, token, customerIds, perCustomer, source: '/bench/api', concurrency };
  const child = fork(fileURLToPath(new URL('./billing/send-usage.ts', import.meta.url)), { execArgv: ['--import', 'tsx'] });
  return new Promise((resolve, reject) => {
    child.once('message', (result) => resolve(result as SendUsageResult));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the load generator stopped (exit ${code})`)));
    child.send(task);
  });
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await work();
  return [value, (performance.now() - started) / 1000];
}

async function ingestFloor(db: Db, customerIds: string[]): Promise<number> {
  const [, seconds] = await timed(async () => {
    let rows: Record<string, unknown>[] = [];
    for (const e of usageEvents(customerIds, perCustomer, '/bench/floor')) {
      rows.push({ customerId: e.subject, id: newId('use'), source: e.source, eventId: e.id, metricCode: e.type, subject: e.subject, occurredAt: e.time, quantity: String(e.data.quantity), properties: JSON.stringify(e.data), status: 'accepted' });
      if (rows.length === BATCH) {
        await db.insertInto('usageEvents').values(rows as never).execute();
        rows = [];
      }
    }
    if (rows.length) await db.insertInto('usageEvents').values(rows as never).execute();
  });
  await sql`DELETE FROM usage_events WHERE source = '/bench/floor'`.execute(db);
  return seconds;
}

/**
 * The events `usageEvents` makes for the API, written by SQL: one INSERT … SELECT per round
 * of one event per customer (same ids, times and quantities; `customerIds` in the same order).
 * Held for review, as ingestion holds them, when no usage line of the customer's contracts
 * rates the metric (on any day: the bill run flags the rest, as it does for ingested events).
 */
async function insertUsageBySql(db: Db, customerIds: string[]): Promise<void> {
  const customers = JSON.stringify(customerIds);
  const monthStart = `${DEMO_BILLING_MONTH.first}T00:00:00Z`;
  for (let round = 0; round < perCustomer; round += 1) {
    const first = round * customerIds.length;
    await sql`
      INSERT INTO usage_events (customer_id, id, source, event_id, metric_code, subject, occurred_at, quantity, properties, status, flag_reason)
      SELECT c.id, 'use_bench_' || n, '/bench/api', 'b' || n, ${METRIC}, c.id,
        ${monthStart}::timestamptz + interval '1 day' + (n % ${25 * 86_400}) * interval '1 second',
        n % 97 + 1, jsonb_build_object('quantity', n % 97 + 1),
        CASE WHEN rated THEN 'accepted' ELSE 'flagged' END,
        CASE WHEN rated THEN NULL ELSE 'metric ' || ${METRIC} || ' is not in the customer''s contract' END
      FROM json_array_elements_text(${customers}::json) WITH ORDINALITY AS c(id, j)
      CROSS JOIN LATERAL (SELECT ${first} + c.j AS n) k
      CROSS JOIN LATERAL (SELECT EXISTS (
        SELECT 1 FROM contract_lines l WHERE l.customer_id = c.id AND l.kind = 'usage' AND l.metric_code = ${METRIC}) AS rated) r`.execute(db);
  }
}

class Rollback extends Error {}

/**
 * The same rows again, under fresh keys, into the real tables (their indexes and foreign
 * keys, as the ingest floor writes into the real usage table), in a transaction that is
 * rolled back afterwards; the staging copies are made before the clock starts.
 */
async function billRunFloor(db: Db, invoices: number, lines: number): Promise<number> {
  let seconds = 0;
  await db
    .transaction()
    .execute(async (trx) => {
      await sql`CREATE TEMP TABLE floor_invoices ON COMMIT DROP AS SELECT * FROM invoices`.execute(trx);
      await sql`CREATE TEMP TABLE floor_lines ON COMMIT DROP AS SELECT * FROM invoice_lines`.execute(trx);
      await sql`UPDATE floor_invoices SET id = id || '-floor', number = number || '-floor', billing_period = '2099-01'`.execute(trx);
      await sql`UPDATE floor_lines SET id = id || '-floor', invoice_id = invoice_id || '-floor'`.execute(trx);
      [, seconds] = await timed(async () => {
        await sql`SELECT customer_id, metric_code, sum(quantity), count(*) FROM usage_events
          WHERE occurred_at >= ${DEMO_BILLING_MONTH.first}::date - 40 AND occurred_at < ${DEMO_BILLING_MONTH.next}::date + 40 GROUP BY 1, 2`.execute(trx);
        await sql`INSERT INTO invoices SELECT * FROM floor_invoices`.execute(trx);
        await sql`INSERT INTO invoice_lines SELECT * FROM floor_lines`.execute(trx);
      });
      const counted = await sql<{ i: string; l: string }>`SELECT (SELECT count(*) FROM invoices WHERE id LIKE '%-floor')::text AS i, (SELECT count(*) FROM invoice_lines WHERE id LIKE '%-floor')::text AS l`.execute(trx);
      if (Number(counted.rows[0]!.i) !== invoices || Number(counted.rows[0]!.l) !== lines) throw new Error('floor did not insert the same rows');
      throw new Rollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error;
    });
  return seconds;
}

async function run(label: string, config: DatabaseConfig): Promise<void> {
  execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./billing/prepare-dataset.ts', import.meta.url)), JSON.stringify(config), String(customers)], { stdio: 'inherit' });
  const handle = await createDatabase(config);
  const db = handle.db;
  const user = await db.selectFrom('users').select('id').where('email', 'like', 'integration@%').executeTakeFirstOrThrow();
  const { secret } = await issueApiKey(db, SYSTEM_CONTEXT, { userId: user.id, name: 'bench', roles: ['integration'], entityIds: null, expiresAt: null });
  const customerIds = (await db.selectFrom('customers').select('id').orderBy('id').execute()).map((c) => c.id);
  const app = await buildApp({ db });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const total = customerIds.length * perCustomer;

  let ingest: { floor: number; api: number; again: number } | null = null;
  if (usageBySql) {
    await insertUsageBySql(db, customerIds);
  } else {
    const floorSeconds = await ingestFloor(db, customerIds);
    const { stored, seconds: ingestSeconds } = await post(url, secret, customerIds);
    const { stored: restored, seconds: reingestSeconds } = await post(url, secret, customerIds);
    if (stored !== total || restored !== 0) throw new Error(`stored ${stored} of ${total}; the re-send stored ${restored}`);
    ingest = { floor: floorSeconds, api: ingestSeconds, again: reingestSeconds };
  }
  await app.close();
  // The month's events arrive over the month; by its end a deployment has vacuumed and
  // analyzed them (autovacuum on a server, the worker of `invoiceops start` on the embedded
  // database, which has no autovacuum), and the ingest floor's deleted rows are reclaimed.
  const maintained = await maintainTables(db);
  console.error(`${label}: vacuumed ${maintained.vacuumed.join(', ') || 'nothing'}; analyzed ${maintained.analyzed.join(', ') || 'nothing'}`);

  const [invoices, billrunSeconds] = await timed(async () => {
    // A finalizing run: invoices are written finalized, numbered, with tax, GL and audit.
    const runRow = await createBillRun(db, SYSTEM_CONTEXT, { period: DEMO_BILLING_PERIOD, finalize: true }, ALL_ENTITIES, { enqueue: false });
    const done = await executeBillRun(db, SYSTEM_CONTEXT, runRow.id, { taxEngine: createTaxEngine({ kind: 'builtin' }) });
    if (done.errors.length > 0) throw new Error(`bill run errors: ${JSON.stringify(done.errors.slice(0, 3))}`);
    const drafts = await db.selectFrom('invoices').select('id').where('status', '<>', 'finalized').limit(1).execute();
    if (drafts.length > 0) throw new Error('the run left invoices unfinalized');
    return done.invoicesCreated;
  });
  const lineCount = Number((await sql<{ n: string }>`SELECT count(*)::text AS n FROM invoice_lines`.execute(db)).rows[0]!.n);
  const billrunFloorSeconds = await billRunFloor(db, invoices, lineCount);
  await handle.close();
  console.log(JSON.stringify({
    bench: 'billing',
    db: label,
    customers: customerIds.length,
    events: total,
    ingest_events_per_s: ingest && Math.round(total / ingest.api),
    ingest_floor_events_per_s: ingest && Math.round(total / ingest.floor),
    ingest_ratio: ingest && Number((ingest.floor / ingest.api).toFixed(2)),
    reingest_events_per_s: ingest && Math.round(total / ingest.again),
    billrun_s: Number(billrunSeconds.toFixed(1)),
    billrun_floor_s: Number(billrunFloorSeconds.toFixed(2)),
    billrun_ratio: Number((billrunSeconds / billrunFloorSeconds).toFixed(1)),
    invoices,
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
  }));
}

// Each run's dataset is made beforehand in another process (billing/prepare-dataset.ts).
await forEachBenchDatabase(run);

import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import {
  ALL_ENTITIES,
  DEMO_BILLING_PERIOD,
  POST_DOCUMENT_JOB,
  SYSTEM_CONTEXT,
  maintainTables,
  createBillRun,
  createDatabase,
  executeBillRun,
  finalizeBillRun,
  migrateToLatest,
  parseMasterKey,
  seedDemoData,
  type DatabaseConfig,
  type Db,
} from '@invoiceops/core';
import { createTaxEngine } from '@invoiceops/connectors';
import { connectSandboxErp, startSandbox, type Sandbox } from '@invoiceops/testing';
import { bundleEntry } from '../../packages/cli/scripts/ensure-build.ts';

export interface PostingBenchOptions {
  readonly invoices: number;
  readonly database: DatabaseConfig;
  /** Worker processes (1 on the embedded database). */
  readonly workers: number;
  readonly latencyMs: number;
  readonly concurrency: number;
  /** SIGKILLs of a random worker during the run. */
  readonly kills: number;
  readonly masterKeyText: string;
  /** Also measure the transport floor (the benchmark does; the crash test does not need it). */
  readonly transportFloor?: boolean;
  readonly log?: (line: string) => void;
}

export interface PostingBenchResult {
  bench: 'posting';
  db: string;
  invoices: number;
  simulator_records: number;
  duplicates: number;
  lost: number;
  dead_letters: number;
  kills: number;
  requests: number;
  faults: Record<string, number>;
  elapsed_s: number;
  bound_s: number;
  ratio: number;
  /** The same postings with no database (transport-floor-client.ts): the calls, latency, limit and faults alone. */
  transport_floor_s?: number;
  /** elapsed_s / transport_floor_s: what the database work, the workers and the kills add. */
  transport_ratio?: number;
}

const SHARE_INVOICED = 0.6; // the demo month bills about two thirds of the customers

/**
 * bench:posting (issue #5): `invoices` issued invoices posted to the NetSuite simulator
 * (concurrency limit and latency as given; 5 % 5xx, 2 % 429 with Retry-After, 1 % written
 * but the answer lost) by worker processes of which one is killed with SIGKILL `kills`
 * times at random moments and restarted. Checks exactly one simulator record per invoice,
 * none lost, no dead letters, every invoice holding its ERP id.
 */
export async function runPostingBench(options: PostingBenchOptions): Promise<PostingBenchResult> {
  const log = options.log ?? (() => {});
  const sandbox = await startSandbox('netsuite', sandboxOptions(options));
  try {
    const documentIds = await prepare(options, sandbox, log);
    sandbox.simulator.vendor.reset();
    sandbox.simulator.stats.requests = 0;
    sandbox.simulator.stats.faults = {};
    // The worker runs compiled, as `invoiceops worker` does from the command line's bundle.
    const script = fileURLToPath(new URL('../../node_modules/.cache/invoiceops-bench/posting-worker.mjs', import.meta.url));
    await bundleEntry(fileURLToPath(new URL('./posting-worker.ts', import.meta.url)), script);
    log(`posting ${documentIds.length} invoices with ${options.workers} worker process(es)`);
    const { elapsedSeconds, kills } = await postWithKills(options, script, log);
    const result = await verify(options, sandbox, documentIds, elapsedSeconds, kills);
    if (!options.transportFloor) return result;
    log('measuring the transport floor (the same postings, no database)');
    const floor = await transportFloor(options);
    return { ...result, transport_floor_s: Number(floor.toFixed(2)), transport_ratio: Number((elapsedSeconds / floor).toFixed(3)) };
  } finally {
    await sandbox.simulator.close();
  }
}

function sandboxOptions(options: PostingBenchOptions) {
  return {
    latencyMs: options.latencyMs,
    concurrencyLimit: options.concurrency,
    faults: { rates: { serverError: 0.05, rateLimited: 0.02, lostResponse: 0.01 }, retryAfterSeconds: 1 },
  };
}

/** Seconds the transport floor took: a fresh simulator with the same faults, one client process, no database. */
async function transportFloor(options: PostingBenchOptions): Promise<number> {
  const sandbox = await startSandbox('netsuite', sandboxOptions(options));
  try {
    const script = fileURLToPath(new URL('../../node_modules/.cache/invoiceops-bench/transport-floor-client.mjs', import.meta.url));
    await bundleEntry(fileURLToPath(new URL('./transport-floor-client.ts', import.meta.url)), script);
    const child = spawn(process.execPath, [script], {
      env: {
        ...process.env,
        BENCH_FLOOR_INVOICES: String(options.invoices),
        BENCH_FLOOR_CONCURRENCY: String(options.concurrency),
        BENCH_FLOOR_URL: sandbox.baseUrl,
        BENCH_FLOOR_CREDENTIALS: JSON.stringify(sandbox.credentials),
        BENCH_FLOOR_SETTINGS: JSON.stringify(sandbox.settings),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    if (code !== 0) throw new Error(`the transport floor client exited with ${code}`);
    const floor = (JSON.parse(output.trim().split('\n').pop()!) as { floor_s: number }).floor_s;
    const records = sandbox.simulator.vendor.records().length;
    // Its token request and the warm-up posting are not timed, and posted one record more.
    if (records !== options.invoices + 1) throw new Error(`the transport floor left ${records} records for ${options.invoices} invoices`);
    return floor;
  } finally {
    await sandbox.simulator.close();
  }
}

async function open(config: DatabaseConfig) {
  return createDatabase(config.kind === 'postgres' ? { ...config, poolSize: 4 } : config);
}

/** A demo company billed for its month with every invoice issued, posting jobs for exactly `invoices` of them. */
async function prepare(options: PostingBenchOptions, sandbox: Sandbox, log: (line: string) => void): Promise<string[]> {
  const handle = await open(options.database);
  const db = handle.db;
  try {
    if (options.database.kind === 'postgres') await sql`DROP SCHEMA public CASCADE; CREATE SCHEMA public`.execute(db);
    await migrateToLatest(db);
    const customers = Math.ceil(options.invoices / SHARE_INVOICED) + 20;
    log(`seeding ${customers} customers`);
    await seedDemoData(db, { customers, controls: false });
    log('billing the demo month');
    const run = await createBillRun(db, SYSTEM_CONTEXT, { period: DEMO_BILLING_PERIOD, finalize: false }, ALL_ENTITIES, { enqueue: false });
    const billed = await executeBillRun(db, SYSTEM_CONTEXT, run.id, { taxEngine: createTaxEngine({ kind: 'builtin' }) });
    if (billed.errors.length > 0) throw new Error(`bill run errors: ${JSON.stringify(billed.errors.slice(0, 3))}`);
    await finalizeBillRun(db, SYSTEM_CONTEXT, run.id, ALL_ENTITIES);
    // Connected once the month is billed, so the mapping covers every tax code the invoices use.
    await connectSandboxErp(db, sandbox, {
      connectionName: 'netsuite',
      maxConcurrency: options.concurrency,
      maxPerMinute: 1_000_000,
      breakerThreshold: 1_000,
      timeoutMs: 10_000,
      masterKey: parseMasterKey(options.masterKeyText, 'bench'),
    });
    const posting = await sql<{ documentId: string }>`
      SELECT payload->>'documentId' AS "documentId" FROM jobs WHERE type = ${POST_DOCUMENT_JOB} AND state = 'queued' ORDER BY created_at, id LIMIT ${options.invoices}`.execute(db);
    if (posting.rows.length < options.invoices) throw new Error(`only ${posting.rows.length} invoices were issued; ${options.invoices} wanted`);
    const chosen = posting.rows.map((r) => r.documentId);
    // Only the chosen postings run; e-mails and the rest of the month are not what is measured.
    await sql`UPDATE jobs SET state = 'succeeded', finished_at = now() WHERE state = 'queued' AND id NOT IN (
      SELECT id FROM jobs WHERE type = ${POST_DOCUMENT_JOB} AND state = 'queued' ORDER BY created_at, id LIMIT ${options.invoices})`.execute(db);
    // The embedded database has no autovacuum; its worker vacuums and analyzes what changed a
    // few seconds after it starts. The dataset was written just now, so that pass would land inside the
    // measured posting instead of before it, as it would in a running installation.
    if (options.database.kind === 'pglite') await maintainTables(db);
    return chosen;
  } finally {
    await handle.close();
  }
}

interface WorkerProcess {
  child: ChildProcess;
  exited: Promise<void>;
}

function spawnWorker(options: PostingBenchOptions, script: string, index: number, onProgress: (progress: Record<string, number>) => void): WorkerProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    INVOICEOPS_MASTER_KEY: options.masterKeyText,
    // Restarted under the same name, as a service manager would: it frees what its killed predecessor held.
    INVOICEOPS_WORKER_NAME: `bench-worker-${index}`,
    BENCH_REPORT: index === 0 ? '1' : '0',
    BENCH_DB_KIND: options.database.kind,
    ...(options.database.kind === 'postgres' ? { DATABASE_URL: options.database.url } : { BENCH_DATA_DIR: options.database.dataDir }),
  };
  const child = spawn(process.execPath, [...(process.env.BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean), script], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  createInterface({ input: child.stdout! }).on('line', (line) => {
    try {
      const message = JSON.parse(line) as { progress?: Record<string, number> };
      if (message.progress) onProgress(message.progress);
    } catch {
      // not a progress line
    }
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, exited };
}

/** Runs the workers until every posting job is done, killing one at random progress points and restarting it. */
async function postWithKills(options: PostingBenchOptions, script: string, log: (line: string) => void): Promise<{ elapsedSeconds: number; kills: number }> {
  const total = options.invoices;
  const killAt = Array.from({ length: options.kills }, () => 0.1 + Math.random() * 0.7).sort((a, b) => a - b);
  let progress: Record<string, number> = {};
  let kills = 0;
  const started = performance.now();
  let lastLog = started;
  const workers: WorkerProcess[] = [];
  const onProgress = (p: Record<string, number>) => {
    progress = p;
  };
  for (let i = 0; i < options.workers; i += 1) workers.push(spawnWorker(options, script, i, onProgress));
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const done = (progress.succeeded ?? 0) + (progress.dead ?? 0);
    const pending = (progress.queued ?? 0) + (progress.running ?? 0);
    if (performance.now() - lastLog > Number(process.env.BENCH_LOG_MS ?? 5_000)) {
      lastLog = performance.now();
      log(`${Math.round((lastLog - started) / 1000)} s: ${JSON.stringify(progress)}`);
    }
    if (kills < killAt.length && done / total >= killAt[kills]!) {
      const victim = Math.floor(Math.random() * workers.length);
      log(`SIGKILL worker ${victim} at ${Math.round((done / total) * 100)} %`);
      workers[victim]!.child.kill('SIGKILL');
      await workers[victim]!.exited;
      progress = {};
      workers[victim] = spawnWorker(options, script, victim, onProgress);
      kills += 1;
      continue;
    }
    if (Object.keys(progress).length > 0 && pending === 0 && done >= total) break;
  }
  const elapsedSeconds = (performance.now() - started) / 1000;
  for (const w of workers) w.child.kill('SIGTERM');
  await Promise.all(workers.map((w) => w.exited));
  return { elapsedSeconds, kills };
}

async function verify(options: PostingBenchOptions, sandbox: Sandbox, documentIds: string[], elapsedSeconds: number, kills: number): Promise<PostingBenchResult> {
  const handle = await open(options.database);
  try {
    const db: Db = handle.db;
    const invoices = await db.selectFrom('invoices').select(['id', 'kind', 'lifecycle', 'erpDocumentId']).where('id', 'in', documentIds).execute();
    const records = sandbox.simulator.vendor.records() as { externalId: string | null; internalId: string }[];
    const byExternal = new Map<string, string[]>();
    for (const r of records) byExternal.set(r.externalId ?? '', [...(byExternal.get(r.externalId ?? '') ?? []), r.internalId]);
    const duplicates = [...byExternal.values()].reduce((n, ids) => n + ids.length - 1, 0);
    const { erpExternalId } = await import('@invoiceops/core');
    let lost = 0;
    for (const inv of invoices) {
      const ids = byExternal.get(erpExternalId(inv.kind, inv.id)) ?? [];
      const postedHere = ['posted', 'sent', 'paid'].includes(inv.lifecycle) && inv.erpDocumentId !== null && ids.includes(inv.erpDocumentId);
      if (!postedHere) lost += 1;
    }
    const dead = await sql<{ n: string }>`SELECT count(*)::text AS n FROM jobs WHERE type = ${POST_DOCUMENT_JOB} AND state = 'dead'`.execute(db);
    const bound = (options.invoices * options.latencyMs) / options.concurrency / 1000;
    return {
      bench: 'posting',
      db: options.database.kind,
      invoices: options.invoices,
      simulator_records: records.length,
      duplicates,
      lost,
      dead_letters: Number(dead.rows[0]!.n),
      kills,
      requests: sandbox.simulator.stats.requests,
      faults: { ...sandbox.simulator.stats.faults },
      elapsed_s: Number(elapsedSeconds.toFixed(2)),
      bound_s: Number(bound.toFixed(2)),
      ratio: Number((elapsedSeconds / bound).toFixed(3)),
    };
  } finally {
    await handle.close();
  }
}

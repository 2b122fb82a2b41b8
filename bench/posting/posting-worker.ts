/**
 * One worker process of bench:posting (and the crash test): opens the database named in
 * its environment, runs a worker, and prints the posting jobs' progress as a JSON line
 * every 500 ms. It is killed with SIGKILL on purpose; on the embedded database it first
 * releases the jobs a killed predecessor left running (nobody else can hold them).
 *
 *   BENCH_DB_KIND=pglite BENCH_DATA_DIR=…   or   BENCH_DB_KIND=postgres DATABASE_URL=…
 *   WORKER_CONCURRENCY (default 16); BENCH_REPORT=0: no progress lines (another worker reports)
 */
import pino from 'pino';
import { sql } from 'kysely';
import { POST_DOCUMENT_JOB, createDatabase, releaseOrphanedJobs } from '@invoiceops/core';
import { postDocumentJob, startWorker, type JobDefinition } from '@invoiceops/worker';

const kind = process.env.BENCH_DB_KIND === 'postgres' ? 'postgres' : 'pglite';
const handle = await createDatabase(kind === 'postgres' ? { kind, url: process.env.DATABASE_URL!, poolSize: 12 } : { kind, dataDir: process.env.BENCH_DATA_DIR! });
if (kind === 'pglite') await releaseOrphanedJobs(handle.db);
const worker = startWorker({
  db: handle.db,
  logger: pino({ level: process.env.LOG_LEVEL ?? 'error' }),
  embedded: kind === 'pglite',
  concurrency: Number(process.env.WORKER_CONCURRENCY ?? 16),
  pollIntervalMs: 50,
  // Only postings: the bench measures them, not reminders or e-mails.
  definitions: [postDocumentJob as unknown as JobDefinition],
  schedule: false,
});

async function report(): Promise<void> {
  const rows = await sql<{ state: string; n: string }>`SELECT state, count(*)::text AS n FROM jobs WHERE type = ${POST_DOCUMENT_JOB} GROUP BY state`.execute(handle.db);
  process.stdout.write(`${JSON.stringify({ progress: Object.fromEntries(rows.rows.map((r) => [r.state, Number(r.n)])) })}\n`);
}
// One reporter is enough (the first worker): each report counts the whole jobs table.
const timer = process.env.BENCH_REPORT === '0' ? undefined : setInterval(() => void report().catch(() => {}), 500);
process.stdout.write(`${JSON.stringify({ ready: true, pid: process.pid })}\n`);

async function shutdown(): Promise<void> {
  clearInterval(timer);
  await worker.stop();
  await handle.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());

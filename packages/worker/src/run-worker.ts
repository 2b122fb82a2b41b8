import { hostname } from 'node:os';
import type { Logger } from 'pino';
import {
  ConnectorUnavailable,
  DbConnectorLimiter,
  MemoryConnectorLimiter,
  backoffDelayMs,
  claimJobs,
  completeJob,
  completeJobs,
  deferJob,
  enqueueJob,
  failJob,
  renewJobLeases,
  requeueJobs,
  type RequeuedJob,
  releaseHeldByPreviousLife,
  WORKER_NAME_PATTERN,
  loadMasterKey,
  maintainTables,
  type ClaimedJob,
  type ConnectorLimiter,
  type Db,
  type MasterKey,
} from '@invoiceops/core';
import { executeBillRunJob } from './handlers/execute-bill-run.ts';
import { billDemoHistoryJob } from './handlers/bill-demo-history.ts';
import { overdueRemindersJob } from './handlers/overdue-reminders.ts';
import { sendInvoiceJob } from './handlers/send-invoice.ts';
import { purgeExpiredJob } from './handlers/purge-expired.ts';
import { approvalDeadlineSlot, approvalDeadlinesJob } from './handlers/approval-deadlines.ts';
import { sendApprovalReminderJob } from './handlers/send-approval-reminder.ts';
import { postDocumentJob } from './handlers/post-document.ts';
import { deliverWebhookJob } from './handlers/deliver-webhook.ts';
import { ERP_CONNECTORS } from '@invoiceops/connectors';
import { createErpResolver } from './erp/erp-resolver.ts';
import { RetryableError, type BatchJobOutcome, type JobDefinition, type WorkerServices } from './job-definition.ts';

/**
 * PostgreSQL aborted a transaction of the job to break a deadlock (40P01) or a
 * serialization conflict (40001) with another job: that transaction wrote nothing, and
 * running the job again goes on (a bill run resumes where it stopped), so it is transient,
 * not a bug to dead-letter.
 */
function abortedByDatabase(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001';
}

export const JOB_DEFINITIONS: JobDefinition[] = [
  purgeExpiredJob,
  executeBillRunJob as unknown as JobDefinition,
  billDemoHistoryJob as unknown as JobDefinition,
  sendInvoiceJob as unknown as JobDefinition,
  overdueRemindersJob as unknown as JobDefinition,
  approvalDeadlinesJob as unknown as JobDefinition,
  sendApprovalReminderJob as unknown as JobDefinition,
  postDocumentJob as unknown as JobDefinition,
  deliverWebhookJob as unknown as JobDefinition,
];

export interface WorkerOptions {
  db: Db;
  logger: Logger;
  /** Jobs claimed per `tick()` (tests and manual stepping). */
  batchSize?: number;
  /** Jobs run at once by the polling loop (env WORKER_CONCURRENCY; default 8). */
  concurrency?: number;
  pollIntervalMs?: number;
  /** A claimed job's lease; the heartbeat renews it every third of it, so a dead worker's jobs are free again within it. */
  leaseMs?: number;
  definitions?: JobDefinition[];
  /** Schedule the periodic jobs (maintenance, reminders, escalations); default true. */
  schedule?: boolean;
  /** The database is the embedded one (one process): ERP limits are kept in memory. */
  embedded?: boolean;
  services?: Partial<WorkerServices>;
  /**
   * A stable name for this worker (env INVOICEOPS_WORKER_NAME: a pod or service instance
   * name, unique among live workers). Restarted under it, the worker frees at once what its
   * killed predecessor held, instead of waiting for the leases to run out.
   */
  name?: string;
}

export interface RunningWorker {
  id: string;
  /** Runs one poll: schedules due periodic jobs, claims up to `batchSize` jobs and runs them. Returns how many ran. */
  tick(): Promise<number>;
  /**
   * Stops polling and waits for the jobs in hand to finish; with `interrupt`, long jobs (bill
   * runs) stop at their next chunk instead and go back to the queue, their attempt given back.
   */
  stop(options?: { interrupt?: boolean }): Promise<void>;
}

const DEFAULT_LEASE_MS = 30_000;
const DEFAULT_MAX_BATCH = 25;
const BATCHES_IN_FLIGHT = 4;
const SCHEDULE_EVERY_MS = 5_000;
const REQUEUE_EXPIRED_EVERY_MS = 1_000;
/** As often as autovacuum looks for tables to vacuum and analyze (`autovacuum_naptime`). */
const MAINTAIN_EVERY_MS = 60_000;
/**
 * The first pass, this long after the start: a process restarted after bulk writes (a bill
 * run, an import, a seed) would otherwise plan with the old statistics for a minute —
 * sequential scans where an index answers in a millisecond — and leave its new pages to
 * the first reader to mark.
 */
const FIRST_MAINTENANCE_AFTER_MS = 3_000;

/**
 * The job runner behind `invoiceops worker` (and in-process inside `invoiceops start`).
 * Any number of them may run against one database: jobs are claimed with
 * `FOR UPDATE SKIP LOCKED` under a lease its heartbeat renews, so a killed worker's jobs
 * are claimed again once the lease runs out. Up to `concurrency` jobs run at once.
 */
export function startWorker(options: WorkerOptions, autoStart = true): RunningWorker {
  const name = options.name ?? (process.env.INVOICEOPS_WORKER_NAME?.trim() || undefined);
  if (name !== undefined && !WORKER_NAME_PATTERN.test(name)) throw new Error(`INVOICEOPS_WORKER_NAME "${name}" must be 1–64 letters, digits, dots, dashes or underscores`);
  const id = `${name ?? `${hostname()}-${process.pid}`}:${Math.random().toString(36).slice(2, 8)}`;
  const definitions = new Map((options.definitions ?? JOB_DEFINITIONS).map((d) => [d.type, d]));
  const log = options.logger.child({ worker: id });
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const concurrency = options.concurrency ?? (Number(process.env.WORKER_CONCURRENCY) || 8);
  const ownLimiter = options.services?.limiter === undefined;
  const limiter: ConnectorLimiter = options.services?.limiter ?? (options.embedded ? new MemoryConnectorLimiter(options.db) : new DbConnectorLimiter(options.db));
  let masterKey: { key: MasterKey | undefined } | undefined;
  const services: WorkerServices = {
    limiter,
    erp: options.services?.erp ?? createErpResolver(options.db, { limiter, definitions: ERP_CONNECTORS, masterKey: () => (masterKey ??= { key: loadMasterKey() }).key }),
  };
  let stopped = false;
  const interruption = new AbortController();
  let lastScheduled = 0;
  let lastRequeued = 0;
  // The first pass a few seconds after the start, so a start stays quick.
  let lastMaintained = Date.now() - MAINTAIN_EVERY_MS + FIRST_MAINTENANCE_AFTER_MS;
  const inFlight = new Set<Promise<void>>();
  let inFlightJobs = 0;
  // Room for several batches of the largest batch size, so some batches' calls overlap the others' database work.
  const capacity = Math.max(concurrency, ...[...definitions.values()].filter((d) => d.handleBatch).map((d) => BATCHES_IN_FLIGHT * (d.maxBatch ?? DEFAULT_MAX_BATCH)));
  let loop: Promise<void> = Promise.resolve();
  let wake: (() => void) | undefined;

  async function runJob(job: ClaimedJob): Promise<void> {
    const definition = definitions.get(job.type);
    const started = Date.now();
    try {
      if (!definition?.handle) throw new Error(`no handler for job type ${job.type}`);
      await definition.handle(options.db, definition.payload.parse(job.payload), { id: job.id, attempt: job.attempts, maxAttempts: job.maxAttempts, workerId: id, services, signal: interruption.signal });
      await completeJob(options.db, job.id, id);
      log.debug({ jobId: job.id, type: job.type, attempt: job.attempts, ms: Date.now() - started }, 'job succeeded');
    } catch (error) {
      if (interruption.signal.aborted && error === interruption.signal.reason) {
        await deferJob(options.db, job, id, new Date(), 'interrupted: its worker stopped');
        log.info({ jobId: job.id, type: job.type }, 'job interrupted; queued again');
        return;
      }
      if (error instanceof ConnectorUnavailable) {
        await deferJob(options.db, job, id, error.retryAt, error.message);
        log.debug({ jobId: job.id, type: job.type, until: error.retryAt }, 'job waits for its connection');
        return;
      }
      const retryable = error instanceof RetryableError || abortedByDatabase(error);
      const after = error instanceof RetryableError ? error.retryAfterMs : undefined;
      // Retry-After when the other side said when, otherwise full jitter.
      const delay = after !== undefined ? after : backoffDelayMs(job.attempts);
      const outcome = await failJob(options.db, job, id, String((error as Error).message ?? error), { retryable, retryAfterMs: delay });
      log[outcome === 'dead' ? 'error' : 'warn']({ jobId: job.id, type: job.type, attempt: job.attempts, err: error, outcome }, 'job failed');
    }
  }

  /** Fire-once periodic jobs: the dedupe key makes one job per period however many workers try. */
  async function schedulePeriodic(): Promise<void> {
    if (options.schedule === false || Date.now() - lastScheduled < SCHEDULE_EVERY_MS) return;
    lastScheduled = Date.now();
    const hour = new Date().toISOString().slice(0, 13);
    await enqueueJob(options.db, { type: purgeExpiredJob.type, payload: { hour }, dedupeKey: `${purgeExpiredJob.type}:${hour}` });
    const day = hour.slice(0, 10);
    await enqueueJob(options.db, { type: overdueRemindersJob.type, payload: { day }, dedupeKey: `${overdueRemindersJob.type}:${day}` });
    const slot = approvalDeadlineSlot(new Date());
    await enqueueJob(options.db, { type: approvalDeadlinesJob.type, payload: { slot }, dedupeKey: `${approvalDeadlinesJob.type}:${slot}` });
  }

  /**
   * The embedded database has no autovacuum: this worker, its only one, vacuums and
   * analyzes its tables instead (not a queued job: it concerns this process's database
   * alone, and a queue row a minute would be noise).
   */
  async function maintainEmbeddedDatabase(): Promise<void> {
    if (Date.now() - lastMaintained < MAINTAIN_EVERY_MS) return;
    lastMaintained = Date.now();
    const started = Date.now();
    const done = await maintainTables(options.db);
    if (done.vacuumed.length + done.analyzed.length > 0) log.debug({ ...done, ms: Date.now() - started }, 'vacuumed and analyzed tables');
  }

  async function runBatch(definition: JobDefinition, jobs: ClaimedJob[]): Promise<void> {
    const started = Date.now();
    const parsed: { claimed: ClaimedJob; payload: unknown }[] = [];
    for (const job of jobs) {
      const result = definition.payload.safeParse(job.payload);
      if (result.success) parsed.push({ claimed: job, payload: result.data });
      else await failJob(options.db, job, id, `invalid payload: ${result.error.message}`, { retryable: false, retryAfterMs: 0 });
    }
    let outcomes: Map<string, BatchJobOutcome>;
    try {
      outcomes = await definition.handleBatch!(options.db, parsed.map(({ claimed, payload }) => ({
        payload,
        job: { id: claimed.id, attempt: claimed.attempts, maxAttempts: claimed.maxAttempts, workerId: id, services, signal: interruption.signal },
      })));
    } catch (error) {
      // The batch as a whole failed (a database error): each job is retried with backoff.
      log.warn({ err: error, type: definition.type, jobs: parsed.length }, 'job batch failed');
      for (const { claimed } of parsed) await failJob(options.db, claimed, id, String((error as Error).message ?? error), { retryable: true, retryAfterMs: backoffDelayMs(claimed.attempts) });
      return;
    }
    const done = parsed.filter(({ claimed }) => (outcomes.get(claimed.id)?.kind ?? 'done') === 'done').map(({ claimed }) => claimed.id);
    await completeJobs(options.db, done, id);
    // Retries with attempts left and deferrals go back in one statement; the rest one by one.
    const requeued: RequeuedJob[] = [];
    for (const { claimed } of parsed) {
      const outcome = outcomes.get(claimed.id);
      if (!outcome || outcome.kind === 'done') continue;
      if (outcome.kind === 'defer') requeued.push({ id: claimed.id, runAt: outcome.until, error: outcome.message, refund: true });
      else if (outcome.kind === 'dead') await failJob(options.db, claimed, id, outcome.message, { retryable: false, retryAfterMs: 0 });
      else {
        const delay = outcome.retryAfterMs !== undefined ? outcome.retryAfterMs : backoffDelayMs(claimed.attempts);
        if (claimed.attempts < claimed.maxAttempts) requeued.push({ id: claimed.id, runAt: new Date(Date.now() + delay), error: outcome.message, refund: false });
        else await failJob(options.db, claimed, id, outcome.message, { retryable: true, retryAfterMs: delay });
      }
    }
    await requeueJobs(options.db, id, requeued);
    log.debug({ type: definition.type, jobs: parsed.length, done: done.length, ms: Date.now() - started }, 'job batch ran');
  }

  function trackTask(size: number, task: () => Promise<void>): void {
    inFlightJobs += size;
    const running: Promise<void> = task()
      .catch((error: unknown) => log.error({ err: error }, 'job bookkeeping failed'))
      .finally(() => {
        inFlightJobs -= size;
        inFlight.delete(running);
        wake?.();
      });
    inFlight.add(running);
  }

  /** Starts the claimed jobs: batchable types in batches, the others one by one. */
  function track(jobs: ClaimedJob[]): void {
    const batches = new Map<string, ClaimedJob[]>();
    for (const job of jobs) {
      const definition = definitions.get(job.type);
      if (definition?.handleBatch) batches.set(job.type, [...(batches.get(job.type) ?? []), job]);
      else trackTask(1, () => runJob(job));
    }
    for (const [type, list] of batches) {
      const definition = definitions.get(type)!;
      const size = definition.maxBatch ?? DEFAULT_MAX_BATCH;
      for (let i = 0; i < list.length; i += size) {
        const chunk = list.slice(i, i + size);
        trackTask(chunk.length, () => runBatch(definition, chunk));
      }
    }
  }

  async function tick(): Promise<number> {
    lastScheduled = 0;
    await schedulePeriodic();
    const jobs = await claimJobs(options.db, id, options.batchSize ?? 10, leaseMs);
    track(jobs);
    await Promise.all([...inFlight]);
    return jobs.length;
  }

  /** Keeps up to `concurrency` jobs running; sleeps for the poll interval (or until a job ends) when there is nothing to claim. */
  async function pump(): Promise<void> {
    while (!stopped) {
      let claimed = 0;
      try {
        await schedulePeriodic();
        if (options.embedded) await maintainEmbeddedDatabase();
        const free = capacity - inFlightJobs;
        if (free > 0) {
          // Expired leases are looked for once a second, not at every poll.
          const requeueExpired = Date.now() - lastRequeued >= REQUEUE_EXPIRED_EVERY_MS;
          if (requeueExpired) lastRequeued = Date.now();
          const jobs = await claimJobs(options.db, id, free, leaseMs, { requeueExpired });
          claimed = jobs.length;
          track(jobs);
        }
      } catch (error) {
        log.error({ err: error }, 'worker poll failed');
      }
      if (stopped) break;
      if (claimed > 0 && inFlightJobs < capacity) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, inFlightJobs >= capacity ? 1_000 : (options.pollIntervalMs ?? 1_000));
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
  }

  const heartbeat = setInterval(() => {
    if (inFlight.size === 0) return;
    Promise.all([renewJobLeases(options.db, id, leaseMs), services.limiter.renew(id)]).catch((error: unknown) => log.warn({ err: error }, 'heartbeat failed'));
  }, Math.max(100, Math.floor(leaseMs / 3)));
  heartbeat.unref();

  if (autoStart) {
    log.info({ concurrency }, 'worker started');
    loop = (async () => {
      if (name !== undefined && !options.embedded) {
        const released = await releaseHeldByPreviousLife(options.db, name, id).catch((error: unknown) => {
          log.warn({ err: error }, 'could not free what this worker held before its restart');
          return 0;
        });
        if (released > 0) log.info({ jobs: released }, 'queued again the jobs this worker held before its restart');
      }
      await pump();
    })();
  }
  return {
    id,
    tick,
    async stop(stopOptions = {}) {
      stopped = true;
      if (stopOptions.interrupt) interruption.abort(new Error('the worker is stopping'));
      wake?.();
      await loop;
      await Promise.all([...inFlight]);
      clearInterval(heartbeat);
      if (ownLimiter) await limiter.close?.().catch((error: unknown) => log.warn({ err: error }, 'could not give back the ERP connection slots'));
      log.info('worker stopped');
    },
  };
}

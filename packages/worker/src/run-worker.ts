import { hostname } from 'node:os';
import type { Logger } from 'pino';
import {
  ConnectorUnavailable,
  DbConnectorLimiter,
  MemoryConnectorLimiter,
  PostingWillRetry,
  backoffDelayMs,
  claimJobs,
  completeJob,
  deferJob,
  enqueueJob,
  failJob,
  renewJobLeases,
  loadMasterKey,
  type ClaimedJob,
  type Db,
  type MasterKey,
} from '@invoiceops/core';
import { executeBillRunJob } from './handlers/execute-bill-run.ts';
import { overdueRemindersJob } from './handlers/overdue-reminders.ts';
import { sendInvoiceJob } from './handlers/send-invoice.ts';
import { purgeExpiredJob } from './handlers/purge-expired.ts';
import { approvalDeadlineSlot, approvalDeadlinesJob } from './handlers/approval-deadlines.ts';
import { sendApprovalReminderJob } from './handlers/send-approval-reminder.ts';
import { postDocumentJob } from './handlers/post-document.ts';
import { deliverWebhookJob } from './handlers/deliver-webhook.ts';
import { ERP_CONNECTORS } from '@invoiceops/connectors';
import { createErpResolver } from './erp/erp-resolver.ts';
import { RetryableError, type JobDefinition, type WorkerServices } from './job-definition.ts';

export const JOB_DEFINITIONS: JobDefinition[] = [
  purgeExpiredJob,
  executeBillRunJob as unknown as JobDefinition,
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
}

export interface RunningWorker {
  id: string;
  /** Runs one poll: schedules due periodic jobs, claims up to `batchSize` jobs and runs them. Returns how many ran. */
  tick(): Promise<number>;
  /** Stops polling and waits for the jobs in hand to finish. */
  stop(): Promise<void>;
}

const DEFAULT_LEASE_MS = 30_000;
const SCHEDULE_EVERY_MS = 5_000;

/**
 * The job runner behind `invoiceops worker` (and in-process inside `invoiceops start`).
 * Any number of them may run against one database: jobs are claimed with
 * `FOR UPDATE SKIP LOCKED` under a lease its heartbeat renews, so a killed worker's jobs
 * are claimed again once the lease runs out. Up to `concurrency` jobs run at once.
 */
export function startWorker(options: WorkerOptions, autoStart = true): RunningWorker {
  const id = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  const definitions = new Map((options.definitions ?? JOB_DEFINITIONS).map((d) => [d.type, d]));
  const log = options.logger.child({ worker: id });
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const concurrency = options.concurrency ?? (Number(process.env.WORKER_CONCURRENCY) || 8);
  const limiter = options.services?.limiter ?? (options.embedded ? new MemoryConnectorLimiter(options.db) : new DbConnectorLimiter(options.db));
  let masterKey: { key: MasterKey | undefined } | undefined;
  const services: WorkerServices = {
    limiter,
    erp: options.services?.erp ?? createErpResolver(options.db, { limiter, definitions: ERP_CONNECTORS, masterKey: () => (masterKey ??= { key: loadMasterKey() }).key }),
  };
  let stopped = false;
  let lastScheduled = 0;
  const inFlight = new Set<Promise<void>>();
  let loop: Promise<void> = Promise.resolve();
  let wake: (() => void) | undefined;

  async function runJob(job: ClaimedJob): Promise<void> {
    const definition = definitions.get(job.type);
    const started = Date.now();
    try {
      if (!definition) throw new Error(`no handler for job type ${job.type}`);
      await definition.handle(options.db, definition.payload.parse(job.payload), { id: job.id, attempt: job.attempts, maxAttempts: job.maxAttempts, workerId: id, services });
      await completeJob(options.db, job.id, id);
      log.debug({ jobId: job.id, type: job.type, attempt: job.attempts, ms: Date.now() - started }, 'job succeeded');
    } catch (error) {
      if (error instanceof ConnectorUnavailable) {
        await deferJob(options.db, job, id, error.retryAt, error.message);
        log.debug({ jobId: job.id, type: job.type, until: error.retryAt }, 'job waits for its connection');
        return;
      }
      const retryable = error instanceof RetryableError || error instanceof PostingWillRetry;
      const after = retryable ? (error as RetryableError | PostingWillRetry).retryAfterMs : undefined;
      // Retry-After when the other side said when (never sooner than the backoff's floor), otherwise full jitter.
      const delay = after !== undefined ? Math.max(after, backoffDelayMs(job.attempts, 50, 1_000)) : backoffDelayMs(job.attempts);
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

  function track(job: ClaimedJob): void {
    const running: Promise<void> = runJob(job)
      .catch((error: unknown) => log.error({ err: error, jobId: job.id }, 'job bookkeeping failed'))
      .finally(() => {
        inFlight.delete(running);
        wake?.();
      });
    inFlight.add(running);
  }

  async function tick(): Promise<number> {
    lastScheduled = 0;
    await schedulePeriodic();
    const jobs = await claimJobs(options.db, id, options.batchSize ?? 10, leaseMs);
    for (const job of jobs) track(job);
    await Promise.all([...inFlight]);
    return jobs.length;
  }

  /** Keeps up to `concurrency` jobs running; sleeps for the poll interval (or until a job ends) when there is nothing to claim. */
  async function pump(): Promise<void> {
    while (!stopped) {
      let claimed = 0;
      try {
        await schedulePeriodic();
        const free = concurrency - inFlight.size;
        if (free > 0) {
          const jobs = await claimJobs(options.db, id, free, leaseMs);
          claimed = jobs.length;
          for (const job of jobs) track(job);
        }
      } catch (error) {
        log.error({ err: error }, 'worker poll failed');
      }
      if (stopped) break;
      if (claimed > 0 && inFlight.size < concurrency) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, inFlight.size >= concurrency ? 1_000 : (options.pollIntervalMs ?? 1_000));
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
    loop = pump();
  }
  return {
    id,
    tick,
    async stop() {
      stopped = true;
      wake?.();
      await loop;
      await Promise.all([...inFlight]);
      clearInterval(heartbeat);
      log.info('worker stopped');
    },
  };
}

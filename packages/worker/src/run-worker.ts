import { hostname } from 'node:os';
import type { Logger } from 'pino';
import {
  backoffDelayMs,
  claimJobs,
  completeJob,
  enqueueJob,
  failJob,
  type ClaimedJob,
  type Db,
} from '@invoiceops/core';
import { executeBillRunJob } from './handlers/execute-bill-run.ts';
import { overdueRemindersJob } from './handlers/overdue-reminders.ts';
import { sendInvoiceJob } from './handlers/send-invoice.ts';
import { purgeExpiredJob } from './handlers/purge-expired.ts';
import { approvalDeadlineSlot, approvalDeadlinesJob } from './handlers/approval-deadlines.ts';
import { sendApprovalReminderJob } from './handlers/send-approval-reminder.ts';
import { postDocumentJob } from './handlers/post-document.ts';
import { RetryableError, type JobDefinition } from './job-definition.ts';

export const JOB_DEFINITIONS: JobDefinition[] = [
  purgeExpiredJob,
  executeBillRunJob as unknown as JobDefinition,
  sendInvoiceJob as unknown as JobDefinition,
  overdueRemindersJob as unknown as JobDefinition,
  approvalDeadlinesJob as unknown as JobDefinition,
  sendApprovalReminderJob as unknown as JobDefinition,
  postDocumentJob as unknown as JobDefinition,
];

export interface WorkerOptions {
  db: Db;
  logger: Logger;
  /** Jobs claimed per poll. */
  batchSize?: number;
  pollIntervalMs?: number;
  leaseMs?: number;
  definitions?: JobDefinition[];
}

export interface RunningWorker {
  id: string;
  /** Runs one poll: schedules due periodic jobs, claims and runs jobs. Returns how many ran. */
  tick(): Promise<number>;
  /** Stops polling and waits for the jobs in hand to finish. */
  stop(): Promise<void>;
}

/**
 * The job runner behind `invoiceops worker` (and in-process inside `invoiceops start`).
 * Any number of them may run against one database.
 */
export function startWorker(options: WorkerOptions, autoStart = true): RunningWorker {
  const id = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  const definitions = new Map((options.definitions ?? JOB_DEFINITIONS).map((d) => [d.type, d]));
  const log = options.logger.child({ worker: id });
  let stopped = false;
  let current: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  async function runJob(job: ClaimedJob): Promise<void> {
    const definition = definitions.get(job.type);
    const started = Date.now();
    try {
      if (!definition) throw new Error(`no handler for job type ${job.type}`);
      await definition.handle(options.db, definition.payload.parse(job.payload));
      await completeJob(options.db, job.id, id);
      log.info({ jobId: job.id, type: job.type, attempt: job.attempts, ms: Date.now() - started }, 'job succeeded');
    } catch (error) {
      const retryable = error instanceof RetryableError;
      const delay = retryable && error.retryAfterMs !== undefined ? error.retryAfterMs : backoffDelayMs(job.attempts);
      const outcome = await failJob(options.db, job, id, String((error as Error).message ?? error), { retryable, retryAfterMs: delay });
      log[outcome === 'dead' ? 'error' : 'warn']({ jobId: job.id, type: job.type, attempt: job.attempts, err: error, outcome }, 'job failed');
    }
  }

  async function tick(): Promise<number> {
    const hour = new Date().toISOString().slice(0, 13);
    await enqueueJob(options.db, { type: purgeExpiredJob.type, payload: { hour }, dedupeKey: `${purgeExpiredJob.type}:${hour}` });
    const day = hour.slice(0, 10);
    await enqueueJob(options.db, { type: overdueRemindersJob.type, payload: { day }, dedupeKey: `${overdueRemindersJob.type}:${day}` });
    const slot = approvalDeadlineSlot(new Date());
    await enqueueJob(options.db, { type: approvalDeadlinesJob.type, payload: { slot }, dedupeKey: `${approvalDeadlinesJob.type}:${slot}` });
    const jobs = await claimJobs(options.db, id, options.batchSize ?? 10, options.leaseMs ?? 5 * 60_000);
    for (const job of jobs) await runJob(job);
    return jobs.length;
  }

  /** Polls again at once while there is work, otherwise after the poll interval. */
  function schedule(delayMs: number): void {
    if (stopped) return;
    timer = setTimeout(() => {
      current = tick()
        .catch((error: unknown) => {
          log.error({ err: error }, 'worker poll failed');
          return 0;
        })
        .then((ran) => schedule(ran > 0 ? 0 : (options.pollIntervalMs ?? 1_000)));
    }, delayMs);
  }

  if (autoStart) {
    log.info('worker started');
    schedule(0);
  }
  return {
    id,
    tick,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
      log.info('worker stopped');
    },
  };
}

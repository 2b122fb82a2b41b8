import { z } from 'zod';
import { DELIVER_WEBHOOK_JOB, WEBHOOK_MAX_ATTEMPTS, deliverWebhook, loadMasterKey, type DeliverWebhookDeps, type DeliverWebhookOutcome, type MasterKey } from '@invoiceops/core';
import { RetryableError, type JobDefinition } from '../job-definition.ts';
import { httpWebhookSender } from '../webhooks/http-webhook-sender.ts';

const payload = z.object({ deliveryId: z.string() });

/** What the job may be given instead of the defaults (tests: a fixed key, a short schedule, a short timeout). */
export interface DeliverWebhookJobOptions {
  masterKey?: () => MasterKey | undefined;
  send?: DeliverWebhookDeps['send'];
  retrySchedule?: readonly number[];
  timeoutMs?: number;
}

/**
 * The `deliver_webhook` job: one attempt at one delivery (see core `deliverWebhook`). A
 * failure to retry throws `RetryableError` with the wait the policy chose (the job's run
 * time and the delivery's next attempt agree); a dead-lettered delivery fails the job for
 * good; delivered or skipped ones complete it.
 */
export function createDeliverWebhookJob(options: DeliverWebhookJobOptions = {}): JobDefinition<typeof payload> {
  return {
    type: DELIVER_WEBHOOK_JOB,
    version: 1,
    payload,
    maxAttempts: WEBHOOK_MAX_ATTEMPTS + 2,
    async handle(db, { deliveryId }) {
      let result: DeliverWebhookOutcome;
      try {
        result = await deliverWebhook(db, deliveryId, {
          send: options.send ?? httpWebhookSender,
          masterKey: options.masterKey ?? (() => loadMasterKey(process.env)),
          ...(options.retrySchedule ? { retrySchedule: options.retrySchedule } : {}),
          ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
        });
      } catch (error) {
        // Not the receiver (its failures are outcomes): the database or the process. Try again later.
        throw new RetryableError(`webhook delivery ${deliveryId}: ${(error as Error).message}`);
      }
      if (result.outcome === 'retry') throw new RetryableError(`webhook delivery ${deliveryId}: ${result.error}`, result.delayMs);
      if (result.outcome === 'dead') throw new Error(`webhook delivery ${deliveryId} dead-lettered: ${result.error}`);
    },
  };
}

/** The job as the worker runs it: master key from the environment, real HTTP. */
export const deliverWebhookJob = createDeliverWebhookJob();

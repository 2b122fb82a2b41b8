import { z } from 'zod';
import { APPROVAL_REMINDER_JOB, buildApprovalReminder } from '@invoiceops/core';
import { createNotifier, notifierConfigFromEnv } from '@invoiceops/connectors';
import type { JobDefinition } from '../job-definition.ts';
import { RetryableError } from '../job-definition.ts';

const payload = z.object({ stepId: z.string() });

/**
 * Emails one approval step's reminder to its candidates (queued by the deadlines job with
 * the step's `reminded_at`). A step decided meanwhile sends nothing; SMTP trouble retries.
 */
export const sendApprovalReminderJob: JobDefinition<typeof payload> = {
  type: APPROVAL_REMINDER_JOB,
  version: 1,
  payload,
  maxAttempts: 8,
  async handle(db, { stepId }) {
    const email = await buildApprovalReminder(db, stepId);
    if (!email) return;
    const notifier = createNotifier(notifierConfigFromEnv(process.env, process.env.INVOICEOPS_DATA_DIR ?? './data'));
    try {
      await notifier.send(email);
    } catch (error) {
      throw new RetryableError(`approval reminder not sent: ${(error as Error).message}`);
    }
  },
};

import { z } from 'zod';
import { OVERDUE_REMINDERS_JOB, SEND_INVOICE_JOB, enqueueJob, overdueRemindersDue } from '@invoiceops/core';
import type { JobDefinition } from '../job-definition.ts';

const payload = z.object({ day: z.string() });

/** Daily: queues one reminder email per overdue invoice and reminder step reached. */
export const overdueRemindersJob: JobDefinition<typeof payload> = {
  type: OVERDUE_REMINDERS_JOB,
  version: 1,
  payload,
  async handle(db) {
    for (const due of await overdueRemindersDue(db)) {
      await enqueueJob(db, { type: SEND_INVOICE_JOB, payload: { invoiceId: due.invoiceId, purpose: due.purpose }, dedupeKey: `${SEND_INVOICE_JOB}:${due.invoiceId}:${due.purpose}` });
    }
  },
};

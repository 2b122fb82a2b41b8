import { z } from 'zod';
import { DEMO_HISTORY_JOB, billDemoHistory } from '@invoiceops/core';
import { createTaxEngine } from '@invoiceops/connectors';
import type { JobDefinition } from '../job-definition.ts';

const payload = z.object({ seededAt: z.iso.datetime() });

/**
 * Bills the past of a demo seeded with history, then queues the demo month's bill run —
 * queued by `invoiceops start` after seeding, so the API answers while this runs. Each
 * step commits on its own (a bill run a chunk at a time), so the embedded database serves
 * requests between them; a retry after a stop or a crash resumes where it stopped.
 */
export const billDemoHistoryJob: JobDefinition<typeof payload> = {
  type: DEMO_HISTORY_JOB,
  version: 1,
  payload,
  maxAttempts: 3,
  async handle(db, { seededAt }, job) {
    await billDemoHistory(db, { taxEngine: createTaxEngine({ kind: 'builtin' }), seededAt: new Date(seededAt), queueDemoMonth: true, signal: job.signal });
  },
};

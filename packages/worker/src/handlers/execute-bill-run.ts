import { z } from 'zod';
import { SYSTEM_CONTEXT, executeBillRun, BILL_RUN_JOB } from '@invoiceops/core';
import { createTaxEngine } from '@invoiceops/connectors';
import type { JobDefinition } from '../job-definition.ts';

/** `finalize` is read from the run itself; the field stays accepted for jobs queued by earlier versions. */
const payload = z.object({ billRunId: z.string(), finalize: z.boolean().default(false) });

/**
 * Executes a bill run queued by `POST /v1/bill-runs`. Safe to retry after a crash: the
 * run skips customers already invoiced for the period. A run created with `finalize`
 * submits its drafts to the controls (or, with none in force, issues them directly), and
 * a retried run submits the drafts an interrupted one left undecided.
 */
export const executeBillRunJob: JobDefinition<typeof payload> = {
  type: BILL_RUN_JOB,
  version: 1,
  payload,
  maxAttempts: 5,
  async handle(db, { billRunId }, job) {
    const taxEngine = createTaxEngine({ kind: 'builtin' });
    await executeBillRun(db, SYSTEM_CONTEXT, billRunId, { taxEngine, signal: job.signal });
  },
};

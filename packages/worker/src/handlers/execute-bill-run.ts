import { z } from 'zod';
import { ALL_ENTITIES, SYSTEM_CONTEXT, executeBillRun, finalizeBillRun, BILL_RUN_JOB } from '@invoiceops/core';
import { createTaxEngine } from '@invoiceops/connectors';
import type { JobDefinition } from '../job-definition.ts';

const payload = z.object({ billRunId: z.string(), finalize: z.boolean().default(false) });

/**
 * Executes a bill run queued by `POST /v1/bill-runs`. Safe to retry after a crash: the
 * run skips customers already invoiced for the period. With `finalize`, drafts of the run
 * are finalized afterwards (numbers allocated per entity in ranges, 200 per transaction).
 */
export const executeBillRunJob: JobDefinition<typeof payload> = {
  type: BILL_RUN_JOB,
  version: 1,
  payload,
  maxAttempts: 5,
  async handle(db, { billRunId, finalize }) {
    const taxEngine = createTaxEngine({ kind: 'builtin' });
    await executeBillRun(db, SYSTEM_CONTEXT, billRunId, { taxEngine });
    if (finalize) await finalizeBillRun(db, SYSTEM_CONTEXT, billRunId, ALL_ENTITIES);
  },
};

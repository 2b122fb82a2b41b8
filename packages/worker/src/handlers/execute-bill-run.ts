import { z } from 'zod';
import { ALL_ENTITIES, SYSTEM_CONTEXT, executeBillRun, finalizeInvoice, listInvoices, BILL_RUN_JOB } from '@invoiceops/core';
import { createTaxEngine } from '@invoiceops/connectors';
import type { JobDefinition } from '../job-definition.ts';

const payload = z.object({ billRunId: z.string(), finalize: z.boolean().default(false) });

/**
 * Executes a bill run queued by `POST /v1/bill-runs`. Safe to retry after a crash: the
 * run skips customers already invoiced for the period. With `finalize`, drafts of the run
 * are finalized afterwards (numbers allocated one invoice at a time).
 */
export const executeBillRunJob: JobDefinition<typeof payload> = {
  type: BILL_RUN_JOB,
  version: 1,
  payload,
  maxAttempts: 5,
  async handle(db, { billRunId, finalize }) {
    const taxEngine = createTaxEngine({ kind: 'builtin' });
    await executeBillRun(db, SYSTEM_CONTEXT, billRunId, { taxEngine });
    if (!finalize) return;
    let cursor: string | undefined;
    do {
      const page = await listInvoices(db, { limit: 200, billRunId, status: 'draft', cursor }, ALL_ENTITIES);
      for (const invoice of page.data) await finalizeInvoice(db, SYSTEM_CONTEXT, invoice.id, ALL_ENTITIES);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  },
};

import { z } from 'zod';
import { POST_DOCUMENT_JOB, SYSTEM_CONTEXT, builtinLedger, postDocument, postDocumentToErp } from '@invoiceops/core';
import type { JobDefinition } from '../job-definition.ts';

const payload = z.object({ documentId: z.string() });

/**
 * Posts an issued invoice or credit memo, queued when the document was approved: to the
 * external ERP connection of its entity when there is one (limits, circuit breaker,
 * retries with look-up first), else to the built-in ledger. Exactly once: a retried or
 * replayed job finds the earlier posting by the document's external id. A refused posting
 * holds the document with an exception; a replayed job (after a dead letter) posts a
 * document held by a posting failure again.
 */
export const postDocumentJob: JobDefinition<typeof payload> = {
  type: POST_DOCUMENT_JOB,
  version: 1,
  payload,
  maxAttempts: 10,
  async handle(db, { documentId }, job) {
    const doc = await db.selectFrom('invoices').select('entityId').where('id', '=', documentId).executeTakeFirst();
    const target = doc ? await job.services.erp.targetFor(doc.entityId, job.workerId) : null;
    if (target === null) {
      await postDocument(db, SYSTEM_CONTEXT, documentId, builtinLedger, { retry: true });
      return;
    }
    await postDocumentToErp(db, SYSTEM_CONTEXT, documentId, target, { id: job.id, attempt: job.attempt, maxAttempts: job.maxAttempts }, { retry: true });
  },
};

import { z } from 'zod';
import { POST_DOCUMENT_JOB, SYSTEM_CONTEXT, builtinLedger, postDocument } from '@invoiceops/core';
import type { JobDefinition } from '../job-definition.ts';

const payload = z.object({ documentId: z.string() });

/**
 * Posts an issued invoice or credit memo to the ERP connector (the built-in ledger by
 * default), queued when the document was approved. Exactly once: a retried or replayed
 * job finds the earlier posting by the document's external id. A refused posting holds
 * the document with a `posting_failure` exception; it is not retried blindly.
 */
export const postDocumentJob: JobDefinition<typeof payload> = {
  type: POST_DOCUMENT_JOB,
  version: 1,
  payload,
  maxAttempts: 10,
  async handle(db, { documentId }) {
    await postDocument(db, SYSTEM_CONTEXT, documentId, builtinLedger);
  },
};

import { z } from 'zod';
import { POST_DOCUMENT_JOB, SYSTEM_CONTEXT, builtinLedger, postDocument, postDocumentsToErp, type ErpTarget } from '@invoiceops/core';
import type { BatchJob, BatchJobOutcome, JobDefinition } from '../job-definition.ts';

const payload = z.object({ documentId: z.string() });
type Payload = z.output<typeof payload>;

/**
 * Posts an issued invoice or credit memo, queued when the document was approved: to the
 * external ERP connection of its entity when there is one (limits, circuit breaker,
 * retries with look-up first), else to the built-in ledger. Exactly once: a retried or
 * replayed job finds the earlier posting by the document's external id. A refused posting
 * holds the document with an exception; a replayed job (after a dead letter) posts a
 * document held by a posting failure again. These jobs run in batches: the documents of one
 * connection are posted together (see `postDocumentsToErp`).
 */
export const postDocumentJob: JobDefinition<typeof payload> = {
  type: POST_DOCUMENT_JOB,
  version: 1,
  payload,
  maxAttempts: 10,
  maxBatch: 25,
  async handleBatch(db, jobs: readonly BatchJob<Payload>[]) {
    const outcomes = new Map<string, BatchJobOutcome>();
    const ids = jobs.map((j) => j.payload.documentId);
    const docs = await db.selectFrom('invoices').select(['id', 'entityId']).where('id', 'in', ids).execute();
    const byConnection = new Map<string, { target: ErpTarget; jobs: BatchJob<Payload>[] }>();
    for (const j of jobs) {
      const doc = docs.find((d) => d.id === j.payload.documentId);
      const target = doc ? await j.job.services.erp.targetFor(doc.entityId, j.job.workerId) : null;
      if (target === null) {
        // The built-in ledger posts inside our own transaction, one document at a time.
        await postDocument(db, SYSTEM_CONTEXT, j.payload.documentId, builtinLedger, { retry: true });
        outcomes.set(j.job.id, { kind: 'done' });
        continue;
      }
      const group = byConnection.get(target.connection.name) ?? { target, jobs: [] };
      group.jobs.push(j);
      byConnection.set(target.connection.name, group);
    }
    for (const { target, jobs: group } of byConnection.values()) {
      const results = await postDocumentsToErp(db, SYSTEM_CONTEXT, group.map((j) => ({ documentId: j.payload.documentId, job: { id: j.job.id, attempt: j.job.attempt, maxAttempts: j.job.maxAttempts } })), target);
      for (const j of group) {
        const r = results.get(j.payload.documentId) ?? { kind: 'done' as const };
        outcomes.set(j.job.id, r.kind === 'gave_up' ? { kind: 'dead', message: r.message } : r);
      }
    }
    return outcomes;
  },
};

import { enqueueJobs } from '../jobs/enqueue-job.ts';
import type { Trx } from '../db/transaction.ts';
import { ID_PREFIX, newId } from '../shared/ids.ts';

/** The job that posts one issued document to the ERP connector. */
export const POST_DOCUMENT_JOB = 'post_document';

/**
 * Queues the posting of issued documents in the transaction that issued them
 * (transactional outbox): the job exists if and only if the issue commits, and at most
 * once per document (dedupe key), however often this is called.
 */
export async function enqueuePostings(trx: Trx, documentIds: readonly string[]): Promise<void> {
  await enqueueJobs(trx, documentIds.map((documentId) => ({ type: POST_DOCUMENT_JOB, payload: { documentId }, dedupeKey: `${POST_DOCUMENT_JOB}:${documentId}` })));
}

/**
 * Queues the posting of one document again (a user's "post now" on a document whose
 * entity posts to an external ERP): the job is reset when it had finished or died, left
 * alone while it is queued or running.
 */
export async function requeuePosting(trx: Trx, documentId: string): Promise<void> {
  await trx
    .insertInto('jobs')
    .values({ id: newId(ID_PREFIX.job), type: POST_DOCUMENT_JOB, payload: JSON.stringify({ documentId }), dedupeKey: `${POST_DOCUMENT_JOB}:${documentId}`, maxAttempts: 10 })
    .onConflict((oc) =>
      oc.column('dedupeKey').doUpdateSet({ state: 'queued', attempts: 0, runAt: new Date(), lockedBy: null, lockedUntil: null, finishedAt: null, updatedAt: new Date() })
        .where('jobs.state', 'in', ['succeeded', 'dead', 'failed']))
    .execute();
}

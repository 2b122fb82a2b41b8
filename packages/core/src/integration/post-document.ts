import type { LifecycleState } from '../controls/lifecycle/document-lifecycle.ts';
import { inTransaction, type Db } from '../db/transaction.ts';
import type { ActorContext } from '../shared/context.ts';
import { loadCanonicalPosting } from './load-canonical-posting.ts';
import type { CanonicalPosting, PostingConnector } from './posting-connector.ts';
import { completePostings, failPosting, logAttempt } from './posting-outcomes.ts';
import { startPosting } from './start-posting.ts';

/** What a posting did. */
export interface PostDocumentResult {
  readonly documentId: string;
  /** `skipped`: not in a state that is posted (already posted, void, not issued). */
  readonly outcome: 'posted' | 'already_posted' | 'failed' | 'skipped';
  readonly lifecycle: LifecycleState;
  readonly erpDocumentId: string | null;
  readonly error: string | null;
}

/**
 * Posts one issued document to a connector, exactly once (docs/posting.md):
 * 1. it moves to `posting` (committed, so a crash leaves a visible trace and the retry
 *    resumes);
 * 2. the connector posts it under the document's deterministic external id — a repeat
 *    finds the earlier posting instead of making a second — and the document gets the
 *    ERP's id, `posted`, then `sent` / `paid` again when it had been sent or paid;
 * 3. a refusal moves it `on_hold` with a `posting_failure` (or `master_data`) exception
 *    naming the cause in words, to be fixed and retried.
 * Every attempt is written to the integration event log with its business context; a
 * success resolves the posting-failure exceptions of earlier attempts.
 * `retry` allows posting a document that is on hold after a failed posting.
 * External ERPs go through `postDocumentsToErp` instead (workers post in batches; the calls
 * happen between two transactions, with limits, a circuit breaker and retries).
 */
export async function postDocument(db: Db, ctx: ActorContext, documentId: string, connector: PostingConnector, options: { retry?: boolean; now?: Date } = {}): Promise<PostDocumentResult> {
  const now = options.now ?? new Date();
  const start = await inTransaction(db, (trx) => startPosting(trx, ctx, documentId, connector.name, { retry: options.retry, now }));
  if (start.skipped) return { documentId, outcome: 'skipped', lifecycle: start.lifecycle, erpDocumentId: start.erpDocumentId, error: null };

  const began = performance.now();
  let posting: CanonicalPosting | undefined;
  try {
    return await inTransaction(db, async (trx) => {
      posting = await loadCanonicalPosting(trx, documentId);
      const result = await connector.post(trx, posting);
      const lifecycles = await completePostings(trx, ctx, connector.name, [{ documentType: posting.documentType, documentId, result }], now);
      const lifecycle = lifecycles.get(documentId)!;
      await logAttempt(trx, connector.name, posting, { outcome: result.outcome, erpDocumentId: result.erpDocumentId, latencyMs: performance.now() - began }, now);
      return { documentId, outcome: result.outcome, lifecycle, erpDocumentId: result.erpDocumentId, error: null };
    });
  } catch (error) {
    return inTransaction(db, (trx) => failPosting(trx, ctx, connector.name, documentId, posting, error, performance.now() - began, now));
  }
}


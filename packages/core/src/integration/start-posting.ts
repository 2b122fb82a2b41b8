import { sql } from 'kysely';
import type { LifecycleState } from '../controls/lifecycle/document-lifecycle.ts';
import { transitionDocuments } from '../controls/lifecycle/transition-documents.ts';
import type { Trx } from '../db/transaction.ts';
import { AppError } from '../errors/app-error.ts';
import type { ActorContext } from '../shared/context.ts';

/** States a document is posted from; `on_hold` only when retrying a failed posting. */
const POSTABLE: readonly LifecycleState[] = ['approved', 'sent', 'paid', 'posting'];

export type PostingStart =
  | { readonly skipped: true; readonly lifecycle: LifecycleState; readonly erpDocumentId: string | null }
  | {
      readonly skipped: false;
      readonly kind: 'invoice' | 'credit_memo';
      readonly entityId: string;
      readonly number: string | null;
      readonly customerId: string;
      readonly totalMinor: bigint;
      readonly currency: string;
    };

/**
 * The first step of every posting, in the caller's transaction: locks the document, decides
 * whether it is posted now, and moves it to `posting` (committed, so a crash leaves a
 * visible trace and the retry resumes). `retry` also takes a document that is on hold
 * because an earlier posting failed (an open exception from an ERP) — never one held for
 * another reason.
 */
export async function startPosting(trx: Trx, ctx: ActorContext, documentId: string, connector: string, options: { retry?: boolean; now: Date }): Promise<PostingStart> {
  const doc = await trx.selectFrom('invoices').select(['id', 'kind', 'status', 'lifecycle', 'erpDocumentId', 'entityId', 'number', 'customerId', 'totalMinor', 'currency']).where('id', '=', documentId).forUpdate().executeTakeFirst();
  if (!doc) throw AppError.notFound('invoice', documentId);
  let postable = doc.status === 'finalized' && POSTABLE.includes(doc.lifecycle);
  if (!postable && doc.status === 'finalized' && doc.lifecycle === 'on_hold' && options.retry === true) {
    const postingHold = await sql<{ one: number }>`
      SELECT 1 AS one FROM exceptions WHERE document_id = ${documentId} AND status <> 'resolved' AND source_system LIKE 'erp.%' LIMIT 1`.execute(trx);
    postable = postingHold.rows.length > 0;
  }
  if (!postable) return { skipped: true, lifecycle: doc.lifecycle, erpDocumentId: doc.erpDocumentId };
  if (doc.lifecycle !== 'posting') {
    await transitionDocuments(trx, ctx, [{ documentType: doc.kind, documentId, to: 'posting', reason: `posting to ${connector}` }], options.now);
  }
  return { skipped: false, kind: doc.kind, entityId: doc.entityId, number: doc.number, customerId: doc.customerId, totalMinor: doc.totalMinor, currency: doc.currency };
}

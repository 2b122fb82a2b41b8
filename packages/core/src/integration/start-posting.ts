import { sql } from 'kysely';
import type { LifecycleState } from '../controls/lifecycle/document-lifecycle.ts';
import { transitionDocuments } from '../controls/lifecycle/transition-documents.ts';
import type { Trx } from '../db/transaction.ts';
import { AppError } from '../errors/app-error.ts';
import type { ActorContext } from '../shared/context.ts';

/** States a document is posted from; `on_hold` only when retrying a failed posting. */
const POSTABLE: readonly LifecycleState[] = ['approved', 'sent', 'paid', 'posting'];

export type PostingStart =
  | { readonly skipped: true; readonly documentId: string; readonly lifecycle: LifecycleState; readonly erpDocumentId: string | null }
  | {
      readonly skipped: false;
      readonly documentId: string;
      readonly kind: 'invoice' | 'credit_memo';
      readonly entityId: string;
      readonly number: string | null;
      readonly customerId: string;
      readonly totalMinor: bigint;
      readonly currency: string;
    };

/**
 * The first step of every posting, in the caller's transaction: locks the documents,
 * decides which are posted now, and moves those to `posting` (committed, so a crash leaves
 * a visible trace and the retry resumes). `retry` also takes a document that is on hold
 * because an earlier posting failed (an open exception from an ERP) — never one held for
 * another reason. One entry per existing document, in id order.
 */
export async function startPostings(trx: Trx, ctx: ActorContext, documentIds: readonly string[], connector: string, options: { retry?: boolean; now: Date }): Promise<PostingStart[]> {
  const ids = [...new Set(documentIds)].sort();
  const docs = await trx.selectFrom('invoices')
    .select(['id', 'kind', 'status', 'lifecycle', 'erpDocumentId', 'entityId', 'number', 'customerId', 'totalMinor', 'currency'])
    .where('id', 'in', ids).orderBy('id').forUpdate().execute();
  if (docs.length === 0) return [];
  const held = options.retry === true ? docs.filter((d) => d.status === 'finalized' && d.lifecycle === 'on_hold').map((d) => d.id) : [];
  const postingHolds = held.length === 0 ? [] : (await sql<{ documentId: string }>`
    SELECT DISTINCT document_id AS "documentId" FROM exceptions
    WHERE document_id IN (${sql.join(held)}) AND status <> 'resolved' AND source_system LIKE 'erp.%'`.execute(trx)).rows.map((r) => r.documentId);
  const starts: PostingStart[] = docs.map((d) => (d.status === 'finalized' && (POSTABLE.includes(d.lifecycle) || postingHolds.includes(d.id))
    ? { skipped: false, documentId: d.id, kind: d.kind, entityId: d.entityId, number: d.number, customerId: d.customerId, totalMinor: d.totalMinor, currency: d.currency }
    : { skipped: true, documentId: d.id, lifecycle: d.lifecycle, erpDocumentId: d.erpDocumentId }));
  const moving = starts.filter((st, i) => !st.skipped && docs[i]!.lifecycle !== 'posting');
  await transitionDocuments(trx, ctx, moving.map((st) => ({ documentType: (st as Extract<PostingStart, { skipped: false }>).kind, documentId: st.documentId, to: 'posting' as const, reason: `posting to ${connector}` })), options.now,
    { locked: new Map(docs.map((d) => [d.id, d])) });
  return starts;
}

/** {@link startPostings} for one document; NotFound when there is none. */
export async function startPosting(trx: Trx, ctx: ActorContext, documentId: string, connector: string, options: { retry?: boolean; now: Date }): Promise<PostingStart> {
  const [start] = await startPostings(trx, ctx, [documentId], connector, options);
  if (!start) throw AppError.notFound('invoice', documentId);
  return start;
}

import { sql } from 'kysely';
import { recordAudit } from '../../audit/record-audit.ts';
import type { Trx } from '../../db/transaction.ts';
import type { ActorContext } from '../../shared/context.ts';
import type { LifecycleDocumentType } from './document-lifecycle.ts';
import { transitionDocuments } from './transition-documents.ts';

/**
 * What voiding a document means for its controls, inside the voiding transaction: the
 * lifecycle moves to `void` (refused with `illegal_transition` while the ERP posting is in
 * flight), a pending approval request is cancelled, and every open exception on it is
 * resolved as `voided` — an exception never disappears without a resolution record.
 */
export async function closeDocumentControls(trx: Trx, ctx: ActorContext, document: { documentType: LifecycleDocumentType; documentId: string }, reason: string, now: Date): Promise<void> {
  await transitionDocuments(trx, ctx, [{ ...document, to: 'void', reason }], now);
  const cancelled = await sql<{ id: string; entityId: string }>`
    UPDATE approval_requests SET status = 'cancelled', decided_at = ${now}, decided_by = ${ctx.actor}, version = version + 1
    WHERE document_id = ${document.documentId} AND status = 'pending'
    RETURNING id, entity_id AS "entityId"`.execute(trx);
  if (cancelled.rows.length > 0) {
    await sql`UPDATE approval_steps SET status = 'cancelled', completed_at = ${now}
      WHERE request_id = ANY(${cancelled.rows.map((r) => r.id)}::text[]) AND status IN ('waiting','pending')`.execute(trx);
  }
  const resolved = await sql<{ id: string; entityId: string }>`
    UPDATE exceptions SET status = 'resolved', resolution = 'voided', resolution_reason = ${reason}, resolved_by = ${ctx.actor},
      resolved_at = ${now}, updated_at = ${now}, version = version + 1
    WHERE document_id = ${document.documentId} AND document_type = ${document.documentType} AND status = 'open'
    RETURNING id, entity_id AS "entityId"`.execute(trx);
  await recordAudit(trx, ctx, [
    ...cancelled.rows.map((r) => ({
      action: 'approval_request.cancelled', objectType: 'approval_request', objectId: r.id, entityId: r.entityId,
      diff: { before: { status: 'pending' }, after: { status: 'cancelled' } }, reason: 'the document was voided',
    })),
    ...resolved.rows.map((r) => ({
      action: 'exception.resolved', objectType: 'exception', objectId: r.id, entityId: r.entityId,
      diff: { before: { status: 'open' }, after: { status: 'resolved', resolution: 'voided' } }, reason,
    })),
  ]);
}

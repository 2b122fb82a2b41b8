import { sql } from 'kysely';
import type { Trx } from '../../db/transaction.ts';
import { cancelApprovalRequests } from '../approvals/cancel-approval-requests.ts';
import { resolveOpenExceptions } from '../exceptions/resolve-open-exceptions.ts';
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
  const pending = await trx.selectFrom('approvalRequests').select(['id', 'entityId']).where('documentId', '=', document.documentId).where('status', '=', 'pending').execute();
  await cancelApprovalRequests(trx, ctx, pending, 'the document was voided', now);
  await resolveOpenExceptions(trx, ctx, sql`document_id = ${document.documentId} AND document_type = ${document.documentType}`, 'voided', reason, now);
}

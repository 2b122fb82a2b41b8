import type { Db } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import type { LifecycleDocumentType } from '../lifecycle/document-lifecycle.ts';
import { settingsOf } from './approval-repository.ts';

/**
 * Segregation of duties at posting: when the policy that approved the document says
 * `approverMayPost: false`, a user who approved it (or on whose behalf it was approved)
 * may not post it — 403 naming the rule. Documents approved without a request (straight
 * through) have no approvers to exclude.
 */
export async function assertMayPost(db: Db, userId: string, document: { documentType: LifecycleDocumentType; documentId: string }): Promise<void> {
  const request = await db.selectFrom('approvalRequests').selectAll()
    .where('documentId', '=', document.documentId).where('documentType', '=', document.documentType).where('status', '=', 'approved')
    .orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (!request || settingsOf(request).approverMayPost) return;
  const acted = await db.selectFrom('approvalActions').select(['actorUserId', 'onBehalfOfUserId'])
    .where('requestId', '=', request.id).where('action', '=', 'approve').execute();
  // Steps carried over from an earlier submission keep their approvers in `approved_by`.
  const steps = await db.selectFrom('approvalSteps').select('approvedBy').where('requestId', '=', request.id).execute();
  if (acted.some((a) => a.actorUserId === userId || a.onBehalfOfUserId === userId) || steps.some((s) => s.approvedBy.includes(userId))) {
    throw new AppError('forbidden', `you approved ${document.documentType.replace('_', ' ')} ${document.documentId}; the approval policy does not let an approver post what they approved (segregation of duties)`, {
      extensions: { rule: 'approver_may_not_post' },
    });
  }
}

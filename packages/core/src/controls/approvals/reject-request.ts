import { assertInScope, type EntityScope } from '../../access/principal.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { inTransaction, type Db } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import type { ActorContext } from '../../shared/context.ts';
import { ID_PREFIX, newId } from '../../shared/ids.ts';
import { recordDecisions } from '../lifecycle/record-decisions.ts';
import { transitionDocuments } from '../lifecycle/transition-documents.ts';
import type { ApprovalRequestRecord } from './approval-records.ts';
import { loadActions, loadSteps, lockRequest, toRequest } from './approval-repository.ts';
import { pickStep } from './approve-step.ts';

/** Who rejects, why (required), and optionally at which open step. */
export interface RejectRequestInput {
  readonly userId: string;
  readonly comment: string;
  readonly stepId?: string | undefined;
}

/**
 * Rejects a pending request: whoever may approve an open step may reject it instead (the
 * same server-side checks, limits included, so nobody decides beyond their authority).
 * The comment is required; it becomes the request's rejection reason and the reason of the
 * document's return to `draft`. Remaining steps are cancelled. A resubmission with
 * unchanged content keeps the steps already approved (see `openApprovalRequests`).
 */
export async function rejectRequest(db: Db, ctx: ActorContext, requestId: string, input: RejectRequestInput, scope: EntityScope, now: Date = new Date()): Promise<ApprovalRequestRecord> {
  const comment = input.comment.trim();
  if (comment === '') throw AppError.invalid('/comment', 'is required to reject: say what must change', 'comment_required');
  return inTransaction(db, async (trx) => {
    const request = await lockRequest(trx, requestId);
    assertInScope(scope, [request.entityId], 'approvals');
    const steps = await loadSteps(trx, [request.id]);
    const { step, check } = await pickStep(trx, request, steps, input.userId, input.stepId, now);
    await trx.insertInto('approvalActions').values({
      id: newId(ID_PREFIX.approvalAction), requestId, stepId: step.id, entityId: request.entityId, action: 'reject', actor: ctx.actor,
      actorUserId: input.userId, onBehalfOfUserId: check.onBehalfOfUserId, delegationId: check.delegationId, comment, at: now,
    }).execute();
    await trx.updateTable('approvalSteps').set({ status: 'rejected', completedAt: now }).where('id', '=', step.id).execute();
    await trx.updateTable('approvalSteps').set({ status: 'cancelled', completedAt: now }).where('requestId', '=', requestId).where('status', 'in', ['waiting', 'pending']).execute();
    await trx.updateTable('approvalRequests')
      .set({ status: 'rejected', decidedAt: now, decidedBy: ctx.actor, rejectionReason: comment, version: request.version + 1 })
      .where('id', '=', requestId).execute();
    const [decisionId] = await recordDecisions(trx, ctx, [{
      documentType: request.documentType, documentId: request.documentId, entityId: request.entityId, kind: 'approval',
      policyKind: 'approval_policy', policyId: request.policyId, policyVersion: request.policyVersion, outcome: 'rejected',
      inputs: { requestId, stepId: step.id, step: step.name, amountMinor: request.amountMinor, currency: request.currency, userId: input.userId, onBehalfOfUserId: check.onBehalfOfUserId },
      result: { requestStatus: 'rejected', comment },
    }], now);
    await recordAudit(trx, ctx, {
      action: 'approval_request.rejected', objectType: 'approval_request', objectId: requestId, entityId: request.entityId,
      diff: { before: { status: 'pending' }, after: { status: 'rejected' }, step: step.name, onBehalfOf: check.onBehalfOfUserId }, reason: comment,
    });
    await transitionDocuments(trx, ctx, [{ documentType: request.documentType, documentId: request.documentId, to: 'draft', reason: `rejected: ${comment}`, decisionId: decisionId ?? null }], now);
    const fresh = await trx.selectFrom('approvalRequests').selectAll().where('id', '=', requestId).executeTakeFirstOrThrow();
    return toRequest(fresh, await loadSteps(trx, [requestId]), now, await loadActions(trx, requestId));
  });
}

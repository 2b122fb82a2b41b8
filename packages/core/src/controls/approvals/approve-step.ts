import { assertInScope, type EntityScope } from '../../access/principal.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { inTransaction, type Db, type Trx } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import type { ActorContext } from '../../shared/context.ts';
import { ID_PREFIX, newId } from '../../shared/ids.ts';
import { onDocumentApproved } from '../lifecycle/on-document-approved.ts';
import { recordDecisions } from '../lifecycle/record-decisions.ts';
import { transitionDocuments } from '../lifecycle/transition-documents.ts';
import type { ApprovalRequestRecord } from './approval-records.ts';
import { candidatesOf, documentLabel, loadActions, loadSteps, lockRequest, toRequest, type ApprovalRequestRow, type ApprovalStepRow } from './approval-repository.ts';
import { candidateKey, checkApprover, type ApproverCheck } from './check-approver.ts';
import { loadActingAuthority } from './load-acting-authority.ts';

/** Who approves and, optionally, which open step (default: the first open step they may approve). */
export interface ApproveStepInput {
  readonly userId: string;
  readonly stepId?: string | undefined;
  readonly comment?: string | null | undefined;
}

const HOUR_MS = 3_600_000;

/**
 * Checks the actor against every open step (or the one asked for) and returns the step
 * with the allowed check, or throws 403 naming the rule of the most relevant refusal.
 */
export async function pickStep(trx: Trx, request: ApprovalRequestRow, steps: readonly ApprovalStepRow[], userId: string, stepId: string | undefined, now: Date): Promise<{ step: ApprovalStepRow; check: Extract<ApproverCheck, { allowed: true }> }> {
  if (request.status !== 'pending') throw new AppError('conflict', `approval request ${request.id} is ${request.status}; only a pending request can be decided`);
  const open = steps.filter((s) => s.status === 'pending' && (stepId === undefined || s.id === stepId));
  if (open.length === 0) {
    throw stepId === undefined ? new AppError('conflict', `approval request ${request.id} has no open step`) : new AppError('conflict', `step ${stepId} of approval request ${request.id} is not open`);
  }
  const authority = await loadActingAuthority(trx, userId, now);
  let refusal: Extract<ApproverCheck, { allowed: false }> | undefined;
  for (const step of open) {
    const check = checkApprover(authority, {
      entityId: request.entityId, amountMinor: request.amountMinor, currency: request.currency, documentLabel: documentLabel(request),
      creatorUserId: request.creatorUserId, stepName: step.name, mode: step.mode, candidates: candidatesOf(step), satisfied: step.satisfied,
      approvedBy: step.approvedBy, approvedOtherSteps: steps.filter((s) => s.id !== step.id).flatMap((s) => s.approvedBy),
    });
    if (check.allowed) return { step, check };
    if (refusal === undefined || (refusal.rule === 'not_candidate' && check.rule !== 'not_candidate')) refusal = check;
  }
  throw new AppError('forbidden', refusal!.reason, { extensions: { rule: refusal!.rule } });
}

/** True when the step is complete after adding `key`: any one approval, an escalation approval, or every non-escalation entry of an `all` step. */
function stepComplete(step: ApprovalStepRow, satisfied: readonly string[]): boolean {
  if (step.mode === 'any' || satisfied.includes('escalation')) return true;
  return candidatesOf(step).filter((c) => c.via !== 'escalation').every((c) => satisfied.includes(candidateKey(c)));
}

/**
 * Approves one step of a pending request as `input.userId` (segregation of duties checked
 * on the server by {@link checkApprover}: a refusal is a 403 naming the rule). Appends the
 * action, records the approval in the decision trace, completes the step when its mode is
 * satisfied, opens the next stage when the current one is done, and — after the last step —
 * approves the request, moves the document to `approved` and calls `onDocumentApproved`.
 */
export async function approveStep(db: Db, ctx: ActorContext, requestId: string, input: ApproveStepInput, scope: EntityScope, now: Date = new Date()): Promise<ApprovalRequestRecord> {
  return inTransaction(db, async (trx) => {
    const request = await lockRequest(trx, requestId);
    assertInScope(scope, [request.entityId], 'approvals');
    const steps = await loadSteps(trx, [request.id]);
    const { step, check } = await pickStep(trx, request, steps, input.userId, input.stepId, now);
    const comment = input.comment?.trim() ? input.comment.trim() : null;
    await trx.insertInto('approvalActions').values({
      id: newId(ID_PREFIX.approvalAction), requestId, stepId: step.id, entityId: request.entityId, action: 'approve', actor: ctx.actor,
      actorUserId: input.userId, onBehalfOfUserId: check.onBehalfOfUserId, delegationId: check.delegationId, comment, at: now,
    }).execute();
    const satisfied = [...step.satisfied, check.satisfies];
    const complete = stepComplete(step, satisfied);
    await trx.updateTable('approvalSteps')
      .set({ approvedBy: [...step.approvedBy, input.userId], satisfied, ...(complete ? { status: 'approved', completedAt: now } : {}) })
      .where('id', '=', step.id).execute();
    const after = steps.map((s) => (s.id === step.id ? { ...s, status: complete ? ('approved' as const) : s.status } : s));
    const stageDone = after.filter((s) => s.stage === step.stage).every((s) => s.status === 'approved');
    const nextStage = stageDone ? Math.min(...after.filter((s) => s.status === 'waiting').map((s) => s.stage)) : Number.POSITIVE_INFINITY;
    const requestDone = after.every((s) => s.status === 'approved');
    if (Number.isFinite(nextStage)) {
      for (const s of after.filter((x) => x.stage === nextStage)) {
        await trx.updateTable('approvalSteps').set({ status: 'pending', openedAt: now, dueAt: new Date(now.getTime() + s.slaHours * HOUR_MS) }).where('id', '=', s.id).execute();
      }
    }
    const [decisionId] = await recordDecisions(trx, ctx, [{
      documentType: request.documentType, documentId: request.documentId, entityId: request.entityId, kind: 'approval',
      policyKind: 'approval_policy', policyId: request.policyId, policyVersion: request.policyVersion,
      outcome: requestDone ? 'approved' : complete ? 'step_approved' : 'approval_recorded',
      inputs: { requestId, stepId: step.id, step: step.name, amountMinor: request.amountMinor, currency: request.currency, userId: input.userId, onBehalfOfUserId: check.onBehalfOfUserId, standingFor: check.satisfies },
      result: { stepStatus: complete ? 'approved' : 'pending', requestStatus: requestDone ? 'approved' : 'pending', comment },
    }], now);
    await recordAudit(trx, ctx, {
      action: 'approval_step.approved', objectType: 'approval_request', objectId: requestId, entityId: request.entityId,
      diff: { step: step.name, stepId: step.id, onBehalfOf: check.onBehalfOfUserId, stepComplete: complete, requestComplete: requestDone }, reason: comment,
    });
    if (requestDone) {
      await trx.updateTable('approvalRequests').set({ status: 'approved', decidedAt: now, decidedBy: ctx.actor, version: request.version + 1 }).where('id', '=', requestId).execute();
      const documents = [{ documentType: request.documentType, documentId: request.documentId }];
      await transitionDocuments(trx, ctx, [{ ...documents[0]!, to: 'approved', reason: `approved (approval request ${requestId})`, decisionId: decisionId ?? null }], now);
      await onDocumentApproved(trx, ctx, documents, now);
    }
    const fresh = await trx.selectFrom('approvalRequests').selectAll().where('id', '=', requestId).executeTakeFirstOrThrow();
    return toRequest(fresh, await loadSteps(trx, [requestId]), now, await loadActions(trx, requestId));
  });
}

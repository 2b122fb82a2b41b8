import type { Selectable } from 'kysely';
import type { ApprovalActionsTable, ApprovalRequestsTable, ApprovalStepsTable } from '../../db/controls-tables.ts';
import type { Db } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import { formatMoney } from '../../money/parse-format.ts';
import type { ApprovalActionRecord, ApprovalRequestRecord, ApprovalStepRecord } from './approval-records.ts';
import type { ApprovalRoute, Candidate } from './route-document.ts';

export type ApprovalRequestRow = Selectable<ApprovalRequestsTable>;
export type ApprovalStepRow = Selectable<ApprovalStepsTable>;
export type ApprovalActionRow = Selectable<ApprovalActionsTable>;

/** The policy settings a request keeps. */
export type RequestSettings = Extract<ApprovalRoute, { outcome: 'needs_approval' }>['settings'];

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

/** The candidates of a step row, typed. */
export const candidatesOf = (row: ApprovalStepRow): Candidate[] => row.candidates as unknown as Candidate[];

/** The settings of a request row, typed (defaults for rows written before a setting existed). */
export function settingsOf(row: ApprovalRequestRow): RequestSettings {
  const s = row.settings as Partial<RequestSettings>;
  return { approverMayPost: s.approverMayPost ?? true, reminderHours: s.reminderHours ?? null, escalateTo: s.escalateTo ?? null };
}

export function toStep(row: ApprovalStepRow, now: Date): ApprovalStepRecord {
  return {
    id: row.id,
    stage: row.stage,
    position: row.position,
    name: row.name,
    mode: row.mode,
    status: row.status,
    candidates: candidatesOf(row),
    slaHours: row.slaHours,
    approvedBy: row.approvedBy,
    carriedOver: row.carriedOver,
    openedAt: iso(row.openedAt),
    dueAt: iso(row.dueAt),
    overdue: row.status === 'pending' && row.dueAt !== null && row.dueAt < now,
    remindedAt: iso(row.remindedAt),
    escalatedAt: iso(row.escalatedAt),
    completedAt: iso(row.completedAt),
  };
}

export function toAction(row: ApprovalActionRow): ApprovalActionRecord {
  return {
    id: row.id, stepId: row.stepId, action: row.action, actor: row.actor, actorUserId: row.actorUserId,
    onBehalfOfUserId: row.onBehalfOfUserId, comment: row.comment, at: row.at.toISOString(),
  };
}

export function toRequest(row: ApprovalRequestRow, steps: readonly ApprovalStepRow[], now: Date, actions?: readonly ApprovalActionRow[]): ApprovalRequestRecord {
  return {
    id: row.id,
    documentType: row.documentType,
    documentId: row.documentId,
    entityId: row.entityId,
    policyVersion: row.policyVersion,
    routeId: row.routeId,
    amount: formatMoney({ amount: BigInt(row.amountMinor), currency: row.currency }),
    currency: row.currency,
    status: row.status,
    submission: row.submission,
    previousRequestId: row.previousRequestId,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    decidedAt: iso(row.decidedAt),
    decidedBy: row.decidedBy,
    rejectionReason: row.rejectionReason,
    steps: [...steps].sort((a, b) => a.stage - b.stage || a.position - b.position).map((s) => toStep(s, now)),
    ...(actions ? { actions: actions.map(toAction) } : {}),
  };
}

/** Locks a request row for a decision; NotFound when missing. */
export async function lockRequest(db: Db, id: string): Promise<ApprovalRequestRow> {
  const row = await db.selectFrom('approvalRequests').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw AppError.notFound('approval request', id);
  return { ...row, amountMinor: BigInt(row.amountMinor) };
}

/** The steps of requests, in stage and position order. */
export async function loadSteps(db: Db, requestIds: readonly string[]): Promise<ApprovalStepRow[]> {
  if (requestIds.length === 0) return [];
  return db.selectFrom('approvalSteps').selectAll().where('requestId', 'in', [...requestIds]).orderBy('requestId').orderBy('stage').orderBy('position').execute();
}

/** A request's actions in the order they happened. */
export async function loadActions(db: Db, requestId: string): Promise<ApprovalActionRow[]> {
  return db.selectFrom('approvalActions').selectAll().where('requestId', '=', requestId).orderBy('at').orderBy('id').execute();
}

/** `invoice inv_…` for messages. */
export const documentLabel = (row: { documentType: string; documentId: string }): string => `${row.documentType.replace('_', ' ')} ${row.documentId}`;

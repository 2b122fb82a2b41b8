import { assertInScope, type EntityScope } from '../../access/principal.ts';
import type { Db } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import type { ApprovalRequestRecord } from './approval-records.ts';
import { loadActions, loadSteps, toRequest } from './approval-repository.ts';

/** One approval request with its steps and actions; NotFound when missing, forbidden outside the scope. */
export async function getApprovalRequest(db: Db, id: string, scope: EntityScope, now: Date = new Date()): Promise<ApprovalRequestRecord> {
  const row = await db.selectFrom('approvalRequests').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw AppError.notFound('approval request', id);
  assertInScope(scope, [row.entityId], 'approvals');
  return toRequest(row, await loadSteps(db, [id]), now, await loadActions(db, id));
}

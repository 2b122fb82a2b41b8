import { recordAudit } from '../../audit/record-audit.ts';
import { inTransaction, type Db } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import type { ActorContext } from '../../shared/context.ts';
import { toDelegation } from './approval-delegation-repository.ts';
import type { ApprovalDelegationRecord } from './approval-schemas.ts';
import type { DelegatingUser } from './create-approval-delegation.ts';

/** Revokes a delegation from now on (the row stays, with who revoked it). The delegator, the delegate or a manager may. */
export async function revokeApprovalDelegation(db: Db, ctx: ActorContext, id: string, by: DelegatingUser, now: Date = new Date()): Promise<ApprovalDelegationRecord> {
  return inTransaction(db, async (trx) => {
    const before = await trx.selectFrom('approvalDelegations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw AppError.notFound('approval delegation', id);
    if (!by.mayManage && by.userId !== before.fromUserId && by.userId !== before.toUserId) {
      throw new AppError('forbidden', 'only the delegator, the delegate or someone with approvals:manage may revoke a delegation');
    }
    if (before.revokedAt !== null) throw new AppError('conflict', `approval delegation ${id} was already revoked`);
    const row = await trx.updateTable('approvalDelegations').set({ revokedAt: now, revokedBy: ctx.actor }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'approval_delegation.revoked', objectType: 'approval_delegation', objectId: id, before: toDelegation(before, now), after: toDelegation(row, now) });
    return toDelegation(row, now);
  });
}

import { recordAudit } from '../../audit/record-audit.ts';
import { inTransaction, type Db } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import type { ActorContext } from '../../shared/context.ts';
import { ID_PREFIX, newId } from '../../shared/ids.ts';
import { toDelegation } from './approval-delegation-repository.ts';
import type { ApprovalDelegationRecord, CreateApprovalDelegationInput } from './approval-schemas.ts';

/** Who creates the delegation: their user id and whether they may delegate for others (`approvals:manage` on every entity). */
export interface DelegatingUser {
  readonly userId: string;
  readonly mayManage: boolean;
}

/**
 * Hands a user's approval candidacy to another user for `[startsAt, endsAt)`. A user
 * delegates their own; delegating someone else's needs `approvals:manage`. The delegate
 * acts on the delegator's behalf but is still checked for segregation of duties and limits
 * (docs/approvals.md).
 */
export async function createApprovalDelegation(db: Db, ctx: ActorContext, input: CreateApprovalDelegationInput, by: DelegatingUser, now: Date = new Date()): Promise<ApprovalDelegationRecord> {
  const fromUserId = input.fromUserId ?? by.userId;
  if (fromUserId !== by.userId && !by.mayManage) throw new AppError('forbidden', 'you may delegate only your own approvals; delegating for someone else needs approvals:manage');
  if (fromUserId === input.toUserId) throw AppError.invalid('/toUserId', 'must be someone other than the delegator');
  return inTransaction(db, async (trx) => {
    const users = await trx.selectFrom('users').select(['id', 'active']).where('id', 'in', [fromUserId, input.toUserId]).execute();
    for (const [id, path] of [[fromUserId, '/fromUserId'], [input.toUserId, '/toUserId']] as const) {
      const user = users.find((u) => u.id === id);
      if (!user) throw AppError.invalid(path, `user ${id} does not exist`);
      if (!user.active) throw AppError.invalid(path, `user ${id} is inactive`);
    }
    const row = await trx.insertInto('approvalDelegations').values({
      id: newId(ID_PREFIX.approvalDelegation), fromUserId, toUserId: input.toUserId, startsAt: new Date(input.startsAt), endsAt: new Date(input.endsAt),
      reason: input.reason.trim(), createdBy: ctx.actor, createdAt: now, revokedAt: null, revokedBy: null,
    }).returningAll().executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'approval_delegation.created', objectType: 'approval_delegation', objectId: row.id, after: toDelegation(row, now), reason: row.reason });
    return toDelegation(row, now);
  });
}

import { assertInScope, type EntityScope } from '../../access/principal.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { inTransaction, type Db } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import type { ActorContext } from '../../shared/context.ts';
import { toApprovalLimit } from './approval-limit-repository.ts';

/** Removes an approval limit; the audit trail keeps what it was. */
export async function deleteApprovalLimit(db: Db, ctx: ActorContext, id: string, scope: EntityScope): Promise<void> {
  await inTransaction(db, async (trx) => {
    const before = await trx.selectFrom('entityApprovalLimits').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw AppError.notFound('approval limit', id);
    if (before.entityId === null && !scope.all) throw new AppError('forbidden', 'an approval limit for every entity needs approvals:manage for every entity');
    if (before.entityId !== null) assertInScope(scope, [before.entityId], 'approval limits');
    await trx.deleteFrom('entityApprovalLimits').where('id', '=', id).execute();
    await recordAudit(trx, ctx, { action: 'approval_limit.deleted', objectType: 'approval_limit', objectId: id, entityId: before.entityId, before: toApprovalLimit(before) });
  });
}

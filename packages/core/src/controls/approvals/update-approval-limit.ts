import { assertInScope, type EntityScope } from '../../access/principal.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { inTransaction, type Db } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import { parseMoney } from '../../money/parse-format.ts';
import type { ActorContext } from '../../shared/context.ts';
import { toApprovalLimit } from './approval-limit-repository.ts';
import type { ApprovalLimitRecord, UpdateApprovalLimitInput } from './approval-schemas.ts';

/** Changes the amount of an approval limit (optimistic: a stale `version` is a 409). */
export async function updateApprovalLimit(db: Db, ctx: ActorContext, id: string, input: UpdateApprovalLimitInput, scope: EntityScope, now: Date = new Date()): Promise<ApprovalLimitRecord> {
  return inTransaction(db, async (trx) => {
    const before = await trx.selectFrom('entityApprovalLimits').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw AppError.notFound('approval limit', id);
    if (before.entityId === null ? !scope.all : false) throw new AppError('forbidden', 'an approval limit for every entity needs approvals:manage for every entity');
    if (before.entityId !== null) assertInScope(scope, [before.entityId], 'approval limits');
    if (input.version !== undefined && input.version !== before.version) throw new AppError('conflict', `approval limit ${id} changed meanwhile (version ${before.version}); read it again`);
    let amountMinor: bigint;
    try {
      amountMinor = parseMoney(input.amount, before.currency).amount;
    } catch (error) {
      throw AppError.invalid('/amount', (error as Error).message);
    }
    const row = await trx.updateTable('entityApprovalLimits').set({ amountMinor, updatedAt: now, version: before.version + 1 }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'approval_limit.updated', objectType: 'approval_limit', objectId: id, entityId: row.entityId, before: toApprovalLimit(before), after: toApprovalLimit(row) });
    return toApprovalLimit(row);
  });
}

import { assertInScope, type EntityScope } from '../../access/principal.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { inTransaction, type Db } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import { parseMoney } from '../../money/parse-format.ts';
import type { ActorContext } from '../../shared/context.ts';
import { ID_PREFIX, newId } from '../../shared/ids.ts';
import { toApprovalLimit } from './approval-limit-repository.ts';
import type { ApprovalLimitRecord, CreateApprovalLimitInput } from './approval-schemas.ts';

/**
 * Creates an approval limit for a user, for one entity (in its functional currency) or for
 * every entity. One limit per user, entity (or all) and currency: a second is a 409.
 * An all-entities limit needs the `approvals:manage` scope over every entity.
 */
export async function setApprovalLimit(db: Db, ctx: ActorContext, input: CreateApprovalLimitInput, scope: EntityScope, now: Date = new Date()): Promise<ApprovalLimitRecord> {
  if (input.entityId === null && !scope.all) throw new AppError('forbidden', 'an approval limit for every entity needs approvals:manage for every entity');
  if (input.entityId !== null) assertInScope(scope, [input.entityId], 'approval limits');
  let amountMinor: bigint;
  try {
    amountMinor = parseMoney(input.amount, input.currency).amount;
  } catch (error) {
    throw AppError.invalid('/amount', (error as Error).message);
  }
  return inTransaction(db, async (trx) => {
    const user = await trx.selectFrom('users').select(['id']).where('id', '=', input.userId).executeTakeFirst();
    if (!user) throw AppError.invalid('/userId', `user ${input.userId} does not exist`);
    if (input.entityId !== null) {
      const entity = await trx.selectFrom('legalEntities').select(['functionalCurrency']).where('id', '=', input.entityId).executeTakeFirst();
      if (!entity) throw AppError.invalid('/entityId', `entity ${input.entityId} does not exist`);
      if (entity.functionalCurrency !== input.currency) {
        throw AppError.invalid('/currency', `must be the functional currency of entity ${input.entityId}, ${entity.functionalCurrency}`);
      }
    }
    const existing = await trx.selectFrom('entityApprovalLimits').select('id').where('userId', '=', input.userId).where('currency', '=', input.currency)
      .where((eb) => (input.entityId === null ? eb('entityId', 'is', null) : eb('entityId', '=', input.entityId))).executeTakeFirst();
    if (existing) throw new AppError('conflict', `user ${input.userId} already has a ${input.currency} approval limit for ${input.entityId ?? 'every entity'} (${existing.id}); change that one`);
    const row = await trx.insertInto('entityApprovalLimits').values({
      id: newId(ID_PREFIX.approvalLimit), userId: input.userId, entityId: input.entityId, currency: input.currency, amountMinor,
      createdBy: ctx.actor, createdAt: now, updatedAt: now, version: 1,
    }).returningAll().executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'approval_limit.created', objectType: 'approval_limit', objectId: row.id, entityId: row.entityId, after: toApprovalLimit(row) });
    return toApprovalLimit(row);
  });
}

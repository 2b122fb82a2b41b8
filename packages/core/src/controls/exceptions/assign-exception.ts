import { assertInScope, type EntityScope } from '../../access/principal.ts';
import { isRole, roleHasPermission } from '../../access/roles.ts';
import { inTransaction, type Db } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import type { ActorContext } from '../../shared/context.ts';
import { assertExceptionOpen, auditException, lockExceptionRow, toException } from './exception-repository.ts';
import type { AssignExceptionInput, ExceptionRecord } from './exception-schemas.ts';

/** Refuses a user who does not exist, is inactive, or may not work exceptions of the entity. */
async function assertCanWorkExceptions(db: Db, userId: string, entityId: string): Promise<void> {
  const user = await db.selectFrom('users').select(['active']).where('id', '=', userId).executeTakeFirst();
  if (!user) throw AppError.invalid('/userId', `user ${userId} does not exist`, 'unknown_user');
  if (!user.active) throw AppError.invalid('/userId', `user ${userId} is inactive`, 'inactive_user');
  const grants = await db
    .selectFrom('roleGrants')
    .select('role')
    .where('userId', '=', userId)
    .where((eb) => eb.or([eb('entityId', 'is', null), eb('entityId', '=', entityId)]))
    .execute();
  if (!grants.some((g) => isRole(g.role) && roleHasPermission(g.role, 'exceptions:manage'))) {
    throw AppError.invalid('/userId', `user ${userId} has no role that may work exceptions of entity ${entityId}`, 'assignee_not_permitted');
  }
}

/**
 * Assigns an open exception to a user, a team (queue), or both. Omitted fields stay,
 * `null` clears one. The user must be able to work exceptions of the entity. Assigning
 * what is already assigned changes nothing and writes nothing.
 */
export async function assignException(db: Db, ctx: ActorContext, id: string, input: AssignExceptionInput, scope: EntityScope, now: Date = new Date()): Promise<ExceptionRecord> {
  return inTransaction(db, async (trx) => {
    const row = await lockExceptionRow(trx, id);
    assertInScope(scope, [row.entityId], 'exceptions');
    assertExceptionOpen(row, 'assign');
    const userId = input.userId === undefined ? row.assigneeUserId : input.userId;
    const team = input.team === undefined ? row.assigneeTeam : input.team;
    if (userId === row.assigneeUserId && team === row.assigneeTeam) return toException(row, now);
    if (userId !== null && userId !== row.assigneeUserId) await assertCanWorkExceptions(trx, userId, row.entityId);
    const updated = await trx
      .updateTable('exceptions')
      .set({ assigneeUserId: userId, assigneeTeam: team, version: row.version + 1, updatedAt: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await auditException(trx, ctx, row, {
      action: 'exception.assigned',
      before: { assigneeUserId: row.assigneeUserId, assigneeTeam: row.assigneeTeam },
      after: { assigneeUserId: userId, assigneeTeam: team },
    });
    return toException(updated, now);
  });
}

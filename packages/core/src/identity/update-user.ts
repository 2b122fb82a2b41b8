import { recordAudit } from '../audit/record-audit.ts';
import { inTransaction, type Db } from '../db/transaction.ts';
import { AppError } from '../errors/app-error.ts';
import type { ActorContext } from '../shared/context.ts';
import { hashPassword, passwordProblem } from './passwords.ts';
import { getUser } from './user-repository.ts';
import type { UpdateUserInput, User } from './user-schemas.ts';
import { replaceGrantsAndLimits } from './write-grants.ts';

/**
 * Changes a user's name, password, active flag, grants or limits. Deactivating a user or
 * changing the password ends their sessions.
 */
export async function updateUser(db: Db, ctx: ActorContext, id: string, input: UpdateUserInput): Promise<User> {
  if (input.password !== undefined) {
    const problem = passwordProblem(input.password);
    if (problem) throw AppError.invalid('/password', problem);
  }
  const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);
  return inTransaction(db, async (trx) => {
    const before = await getUser(trx, id);
    const set = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
      ...(passwordHash !== undefined ? { passwordHash } : {}),
    };
    await trx
      .updateTable('users')
      .set({ ...set, version: before.version + 1, updatedAt: new Date() })
      .where('id', '=', id)
      .execute();
    await replaceGrantsAndLimits(trx, id, input.grants, input.approvalLimits);
    if (input.active === false || passwordHash !== undefined) {
      await trx.deleteFrom('sessions').where('userId', '=', id).execute();
    }
    const after = await getUser(trx, id);
    await recordAudit(trx, ctx, {
      action: passwordHash !== undefined ? 'user.updated_with_password' : 'user.updated',
      objectType: 'user',
      objectId: id,
      before,
      after,
    });
    return after;
  });
}

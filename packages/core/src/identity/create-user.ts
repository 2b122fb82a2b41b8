import { recordAudit } from '../audit/record-audit.ts';
import { inTransaction, type Db } from '../db/transaction.ts';
import { AppError } from '../errors/app-error.ts';
import { translateDbError } from '../master-data/db-errors.ts';
import type { ActorContext } from '../shared/context.ts';
import { ID_PREFIX, newId } from '../shared/ids.ts';
import { hashPassword, passwordProblem } from './passwords.ts';
import { getUser } from './user-repository.ts';
import type { CreateUserInput, User } from './user-schemas.ts';
import { replaceGrantsAndLimits } from './write-grants.ts';

/** Creates a user with grants and approval limits; humans need a password. */
export async function createUser(db: Db, ctx: ActorContext, input: CreateUserInput): Promise<User> {
  if (input.kind === 'human' && input.password === undefined) throw AppError.invalid('/password', 'is required for human users');
  if (input.password !== undefined) {
    const problem = passwordProblem(input.password);
    if (problem) throw AppError.invalid('/password', problem);
  }
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  try {
    return await inTransaction(db, async (trx) => {
      const id = newId(ID_PREFIX.user);
      await trx.insertInto('users').values({ id, email: input.email, name: input.name, kind: input.kind, passwordHash }).execute();
      await replaceGrantsAndLimits(trx, id, input.grants, input.approvalLimits);
      const user = await getUser(trx, id);
      await recordAudit(trx, ctx, { action: 'user.created', objectType: 'user', objectId: id, after: user });
      return user;
    });
  } catch (error) {
    throw translateDbError(error, { users_email: 'email' }, 'user');
  }
}

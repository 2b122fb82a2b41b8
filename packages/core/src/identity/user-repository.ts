import { CONFLICTING_ROLES } from '../access/roles.ts';
import type { Db } from '../db/transaction.ts';
import { AppError } from '../errors/app-error.ts';
import { formatMoney } from '../money/parse-format.ts';
import type { User } from './user-schemas.ts';

/** Segregation-of-duties conflicts among a set of roles, as sentences. */
export function roleConflicts(roles: readonly string[]): string[] {
  return CONFLICTING_ROLES.filter(([a, b]) => roles.includes(a) && roles.includes(b)).map(
    ([a, b, why]) => `${a} + ${b}: the same person ${why}`,
  );
}

/** A user with grants, limits and conflicts, or undefined. */
export async function findUser(db: Db, id: string): Promise<User | undefined> {
  const user = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!user) return undefined;
  const [grants, limits] = await Promise.all([
    db.selectFrom('roleGrants').select(['role', 'entityId']).where('userId', '=', id).orderBy('role').execute(),
    db.selectFrom('approvalLimits').select(['currency', 'amountMinor']).where('userId', '=', id).orderBy('currency').execute(),
  ]);
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    kind: user.kind,
    active: user.active,
    grants,
    approvalLimits: limits.map((l) => ({ currency: l.currency, amount: formatMoney({ amount: l.amountMinor, currency: l.currency }) })),
    conflicts: roleConflicts([...new Set(grants.map((g) => g.role))]),
    version: user.version,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

export async function getUser(db: Db, id: string): Promise<User> {
  const user = await findUser(db, id);
  if (!user) throw AppError.notFound('user', id);
  return user;
}

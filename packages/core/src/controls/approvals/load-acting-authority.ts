import type { Db } from '../../db/transaction.ts';
import type { ActingAuthority, PersonAuthority } from './check-approver.ts';
import { loadLimitFacts } from './limit-facts.ts';

/** The delegations to `userId` in force at `now`: started, not ended (`ends_at` exclusive), not revoked. */
export async function activeDelegationsTo(db: Db, userId: string, now: Date): Promise<{ id: string; fromUserId: string; endsAt: Date }[]> {
  return db
    .selectFrom('approvalDelegations')
    .select(['id', 'fromUserId', 'endsAt'])
    .where('toUserId', '=', userId)
    .where('revokedAt', 'is', null)
    .where('startsAt', '<=', now)
    .where('endsAt', '>', now)
    .orderBy('id')
    .execute();
}

/** Loads a user's standing and that of everyone who delegated to them at `now`, for {@link checkApprover}. */
export async function loadActingAuthority(db: Db, userId: string, now: Date): Promise<ActingAuthority> {
  const delegations = await activeDelegationsTo(db, userId, now);
  const ids = [userId, ...delegations.map((d) => d.fromUserId)];
  const [users, grants, limits] = await Promise.all([
    db.selectFrom('users').select(['id', 'active']).where('id', 'in', ids).execute(),
    db.selectFrom('roleGrants').select(['userId', 'role', 'entityId']).where('userId', 'in', ids).execute(),
    loadLimitFacts(db, ids),
  ]);
  const person = (id: string): PersonAuthority => ({
    userId: id,
    active: users.find((u) => u.id === id)?.active ?? false,
    grants: grants.filter((g) => g.userId === id),
    limits: limits.filter((l) => l.userId === id),
  });
  return { ...person(userId), delegations: delegations.map((d) => ({ id: d.id, from: person(d.fromUserId) })) };
}

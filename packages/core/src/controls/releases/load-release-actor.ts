import { isRole } from '../../access/roles.ts';
import type { Db } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import type { ReleaseActor } from './release-actor.ts';

/**
 * A user as a release actor (`user:<id>` with their role grants), for callers without a
 * request principal: the demo seeder drafting the built-in pack as one controller and
 * publishing it as another, or the CLI. NotFound for an unknown or inactive user.
 */
export async function loadReleaseActor(db: Db, userId: string): Promise<ReleaseActor> {
  const user = await db.selectFrom('users').select(['id', 'active']).where('id', '=', userId).executeTakeFirst();
  if (!user || !user.active) throw AppError.notFound('user', userId);
  const grants = await db.selectFrom('roleGrants').select(['role', 'entityId']).where('userId', '=', userId).orderBy('id').execute();
  return {
    actor: `user:${userId}`,
    userId,
    grants: grants.flatMap((g) => (isRole(g.role) ? [{ role: g.role, entityId: g.entityId }] : [])),
  };
}

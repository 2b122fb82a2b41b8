import { CONFLICTING_ROLES } from '../../access/roles.ts';
import type { Db } from '../../db/transaction.ts';

/** One user holding two roles that should not be held together. */
export interface RoleConflict {
  userId: string;
  email: string;
  name: string;
  active: boolean;
  roles: [string, string];
  /** Why the pair conflicts (`CONFLICTING_ROLES`). */
  reason: string;
  /** Where both apply: null for every entity, else the entity ids. */
  entityIds: string[] | null;
}

/**
 * Users holding a pair of `CONFLICTING_ROLES` where both apply: both for every entity, one
 * for every entity and the other for some, or both for the same entity. A report for
 * auditors and controllers; granting is not refused, because small teams sometimes must.
 */
export async function reportConflictingRoles(db: Db): Promise<RoleConflict[]> {
  const rows = await db.selectFrom('roleGrants as g').innerJoin('users as u', 'u.id', 'g.userId')
    .select(['g.userId', 'g.role', 'g.entityId', 'u.email', 'u.name', 'u.active']).orderBy('g.userId').execute();
  const byUser = new Map<string, typeof rows>();
  for (const r of rows) byUser.set(r.userId, [...(byUser.get(r.userId) ?? []), r]);
  const conflicts: RoleConflict[] = [];
  for (const [userId, grants] of byUser) {
    for (const [a, b, reason] of CONFLICTING_ROLES) {
      const scopeOf = (role: string): 'all' | Set<string> | undefined => {
        const held = grants.filter((g) => g.role === role);
        if (held.length === 0) return undefined;
        return held.some((g) => g.entityId === null) ? 'all' : new Set(held.map((g) => g.entityId!));
      };
      const [sa, sb] = [scopeOf(a), scopeOf(b)];
      if (sa === undefined || sb === undefined) continue;
      const entityIds = sa === 'all' && sb === 'all' ? null : sa === 'all' ? [...(sb as Set<string>)] : sb === 'all' ? [...sa] : [...sa].filter((e) => sb.has(e));
      if (entityIds !== null && entityIds.length === 0) continue;
      const user = grants[0]!;
      conflicts.push({ userId, email: user.email, name: user.name, active: user.active, roles: [a, b], reason, entityIds: entityIds?.sort() ?? null });
    }
  }
  return conflicts;
}

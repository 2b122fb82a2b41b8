// The role → permission table the server enforces, imported from its one source in core.
// roles.ts has no imports, so the bundle takes just that table (core's index would pull
// in the database code). The UI only hides what a role may not do; the server decides.
import { ROLE_PERMISSIONS, isRole } from '../../../core/src/access/roles.ts';
import type { Me, Permission } from '../api/types.ts';

/** Every permission the user's roles give in at least one entity. */
export function permissionsOf(me: Me): ReadonlySet<Permission> {
  const granted = new Set<Permission>();
  for (const grant of me.grants) if (isRole(grant.role)) for (const p of ROLE_PERMISSIONS[grant.role]) granted.add(p);
  return granted;
}

/**
 * Where the user holds `permission`: `'all'` when a role grants it in every entity,
 * otherwise the ids of the entities whose roles grant it (maybe none).
 */
export function entitiesWith(me: Me, permission: Permission): 'all' | string[] {
  const ids = new Set<string>();
  for (const grant of me.grants) {
    if (!isRole(grant.role) || !ROLE_PERMISSIONS[grant.role].includes(permission)) continue;
    if (grant.entityId === null) return 'all';
    ids.add(grant.entityId);
  }
  return [...ids];
}

/** Readable role names for the header. */
export function roleLabels(me: Me): string[] {
  return [...new Set(me.grants.map((g) => g.role.replace('_', ' ')))];
}

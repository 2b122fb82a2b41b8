import { AppError } from '../errors/app-error.ts';
import { roleHasPermission, type Permission, type Role } from './roles.ts';

/** A role held for one entity, or for all entities when `entityId` is null. */
export interface Grant {
  role: Role;
  entityId: string | null;
}

/** Who is calling: a signed-in user or an API key, with the grants that apply. */
export interface Principal {
  kind: 'user' | 'apikey';
  /** The user id, or the API key id. */
  id: string;
  userId: string;
  /** `user:<id>` or `apikey:<id>`, as written into the audit trail. */
  actor: string;
  name: string;
  grants: Grant[];
}

/** Entity scope for one permission: every entity, or the listed ones. */
export type EntityScope = { all: true } | { all: false; entityIds: string[] };

export const ALL_ENTITIES: EntityScope = { all: true };

/** Which entities `principal` may exercise `permission` on. */
export function entityScopeFor(principal: Principal, permission: Permission): EntityScope {
  const ids = new Set<string>();
  for (const grant of principal.grants) {
    if (!roleHasPermission(grant.role, permission)) continue;
    if (grant.entityId === null) return ALL_ENTITIES;
    ids.add(grant.entityId);
  }
  return { all: false, entityIds: [...ids] };
}

/** True when the principal holds `permission` for at least one entity. */
export function hasPermission(principal: Principal, permission: Permission): boolean {
  const scope = entityScopeFor(principal, permission);
  return scope.all || scope.entityIds.length > 0;
}

export function scopeIncludes(scope: EntityScope, entityId: string): boolean {
  return scope.all || scope.entityIds.includes(entityId);
}

/** Throws 403 unless every entity in `entityIds` is inside `scope`. */
export function assertInScope(scope: EntityScope, entityIds: readonly string[], what: string): void {
  const outside = entityIds.filter((id) => !scopeIncludes(scope, id));
  if (outside.length > 0) {
    throw new AppError('forbidden', `you are not allowed to act on ${what} for entity ${outside.join(', ')}`);
  }
}

import type { Principal } from '../access/principal.ts';
import { isRole } from '../access/roles.ts';
import type { Db } from '../db/transaction.ts';
import { AppError } from '../errors/app-error.ts';
import { loadGrants } from './load-grants.ts';
import { API_KEY_PREFIX, hashToken } from './tokens.ts';

/** last_used_at is written at most this often per key, to keep reads from writing. */
const TOUCH_INTERVAL_MS = 60_000;

/** Resolves a session cookie to its user, or throws 401. */
export async function authenticateSession(db: Db, token: string): Promise<Principal> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.userId')
    .select(['users.id as userId', 'users.name', 'users.active', 'sessions.expiresAt'])
    .where('sessions.tokenHash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row || row.expiresAt.getTime() <= Date.now() || !row.active) {
    throw new AppError('unauthenticated', 'your session has expired; sign in again');
  }
  return {
    kind: 'user',
    id: row.userId,
    userId: row.userId,
    actor: `user:${row.userId}`,
    name: row.name,
    grants: await loadGrants(db, row.userId),
  };
}

/**
 * Resolves an API key (`Authorization: Bearer iok_…`) to a principal whose grants are the
 * key's own roles and entities: a key never carries more than it was issued with.
 */
export async function authenticateApiKey(db: Db, token: string): Promise<Principal> {
  if (!token.startsWith(API_KEY_PREFIX)) throw new AppError('unauthenticated', 'the API key is not valid');
  const key = await db
    .selectFrom('apiKeys')
    .innerJoin('users', 'users.id', 'apiKeys.userId')
    .select([
      'apiKeys.id',
      'apiKeys.userId',
      'apiKeys.name',
      'apiKeys.roles',
      'apiKeys.entityIds',
      'apiKeys.revokedAt',
      'apiKeys.expiresAt',
      'apiKeys.lastUsedAt',
      'users.active',
    ])
    .where('apiKeys.tokenHash', '=', hashToken(token))
    .executeTakeFirst();
  if (!key || !key.active) throw new AppError('unauthenticated', 'the API key is not valid');
  if (key.revokedAt) throw new AppError('unauthenticated', 'the API key has been revoked');
  if (key.expiresAt && key.expiresAt.getTime() <= Date.now()) throw new AppError('unauthenticated', 'the API key has expired');
  if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.updateTable('apiKeys').set({ lastUsedAt: new Date() }).where('id', '=', key.id).execute();
  }
  const entities = key.entityIds && key.entityIds.length > 0 ? key.entityIds : [null];
  return {
    kind: 'apikey',
    id: key.id,
    userId: key.userId,
    actor: `apikey:${key.id}`,
    name: key.name,
    grants: key.roles.filter(isRole).flatMap((role) => entities.map((entityId) => ({ role, entityId }))),
  };
}

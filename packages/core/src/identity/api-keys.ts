import type { Selectable } from 'kysely';
import { recordAudit } from '../audit/record-audit.ts';
import type { ApiKeysTable } from '../db/schema.ts';
import { inTransaction, type Db } from '../db/transaction.ts';
import { AppError } from '../errors/app-error.ts';
import { checkEntities } from '../master-data/reference-checks.ts';
import type { ActorContext } from '../shared/context.ts';
import { ID_PREFIX, newId } from '../shared/ids.ts';
import { API_KEY_PREFIX, hashToken, newSecretToken } from './tokens.ts';
import type { ApiKey, IssueApiKeyInput } from './user-schemas.ts';

function toApiKey(row: Selectable<ApiKeysTable>): ApiKey {
  return {
    id: row.id,
    userId: row.userId,
    name: row.name,
    tokenPrefix: row.tokenPrefix,
    roles: row.roles,
    entityIds: row.entityIds,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/**
 * Issues an API key. The secret is returned once, here; only its SHA-256 is stored, with
 * a short prefix so people can tell keys apart in lists.
 */
export async function issueApiKey(db: Db, ctx: ActorContext, input: IssueApiKeyInput): Promise<{ apiKey: ApiKey; secret: string }> {
  return inTransaction(db, async (trx) => {
    const user = await trx.selectFrom('users').select(['id', 'active']).where('id', '=', input.userId).executeTakeFirst();
    if (!user) throw AppError.invalid('/userId', `user ${input.userId} does not exist`);
    if (!user.active) throw AppError.invalid('/userId', `user ${input.userId} is inactive`);
    const issues = await checkEntities(trx, input.entityIds ?? [], '/entityIds');
    if (issues.length > 0) throw new AppError('validation_failed', issues[0]!.message, { issues });
    const secret = newSecretToken(API_KEY_PREFIX);
    const row = await trx
      .insertInto('apiKeys')
      .values({
        id: newId(ID_PREFIX.apiKey),
        userId: input.userId,
        name: input.name,
        tokenPrefix: secret.slice(0, API_KEY_PREFIX.length + 6),
        tokenHash: hashToken(secret),
        roles: [...new Set(input.roles)],
        entityIds: input.entityIds,
        createdBy: ctx.actor,
        expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const apiKey = toApiKey(row);
    await recordAudit(trx, ctx, { action: 'api_key.issued', objectType: 'api_key', objectId: row.id, after: apiKey });
    return { apiKey, secret };
  });
}

/** Revokes a key at once; revoking twice is harmless and keeps the first time. */
export async function revokeApiKey(db: Db, ctx: ActorContext, id: string, reason?: string): Promise<ApiKey> {
  return inTransaction(db, async (trx) => {
    const before = await trx.selectFrom('apiKeys').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw AppError.notFound('API key', id);
    if (before.revokedAt) return toApiKey(before);
    const after = await trx.updateTable('apiKeys').set({ revokedAt: new Date() }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, {
      action: 'api_key.revoked',
      objectType: 'api_key',
      objectId: id,
      before: toApiKey(before),
      after: toApiKey(after),
      reason: reason ?? null,
    });
    return toApiKey(after);
  });
}

/** Every key (never the secrets), newest first. */
export async function listApiKeys(db: Db, userId?: string): Promise<ApiKey[]> {
  let qb = db.selectFrom('apiKeys').selectAll().orderBy('id', 'desc');
  if (userId) qb = qb.where('userId', '=', userId);
  return (await qb.execute()).map(toApiKey);
}

import { sql } from 'kysely';
import { recordAudit } from '../../audit/record-audit.ts';
import { inTransaction, type Db } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import { parseOrThrow } from '../../receivables/rating/parse-or-throw.ts';
import type { ActorContext } from '../../shared/context.ts';
import { erpConnectionSchema, saveErpConnectionInput, type ErpConnection, type SaveErpConnectionInput } from './erp-connection-schemas.ts';
import { toErpConnection } from './to-erp-connection.ts';

/**
 * Creates or replaces an ERP connection (docs/erp-connectors.md), with its shared state: the
 * breaker row and one slot row per allowed concurrent call. `knownKinds` are the connector
 * kinds this installation has (the shell passes them; core does not know vendors).
 * Replacing needs the current `version`. Audited (settings, limits; never secrets — those
 * live in the vault under `secretName`).
 */
export async function saveErpConnection(db: Db, ctx: ActorContext, name: string, body: SaveErpConnectionInput, knownKinds: readonly string[]): Promise<ErpConnection> {
  const input = parseOrThrow(saveErpConnectionInput, body, '');
  if (!knownKinds.includes(input.kind)) {
    throw AppError.invalid('/kind', `unknown connector kind ${input.kind}; known: ${knownKinds.join(', ')}`, 'unknown_kind');
  }
  return inTransaction(db, async (trx) => {
    if (input.entityIds) {
      const found = await trx.selectFrom('legalEntities').select('id').where('id', 'in', input.entityIds).execute();
      const missing = input.entityIds.filter((id) => !found.some((f) => f.id === id));
      if (missing.length > 0) throw AppError.invalid('/entityIds', `no legal entity ${missing.join(', ')}`, 'not_found');
    }
    const before = await trx.selectFrom('erpConnections').selectAll().where('name', '=', name).forUpdate().executeTakeFirst();
    if (before && input.version === undefined) throw new AppError('conflict', `connection ${name} exists; send its version (${before.version}) to replace it`);
    if (before && input.version !== before.version) throw new AppError('conflict', `connection ${name} is at version ${before.version}, not ${input.version}; reload and try again`);
    if (!before && input.version !== undefined) throw AppError.notFound('ERP connection', name);
    const values = {
      kind: input.kind,
      baseUrl: input.baseUrl,
      settings: JSON.stringify(input.settings),
      secretName: input.secretName,
      entityIds: input.entityIds,
      enabled: input.enabled,
      maxConcurrency: input.maxConcurrency,
      maxPerMinute: input.maxPerMinute,
      timeoutMs: input.timeoutMs,
      breakerThreshold: input.breakerThreshold,
      breakerCooldownMs: input.breakerCooldownMs,
      updatedAt: new Date(),
    };
    const row = before
      ? await trx.updateTable('erpConnections').set({ ...values, version: before.version + 1 }).where('name', '=', name).returningAll().executeTakeFirstOrThrow()
      : await trx.insertInto('erpConnections').values({ name, ...values }).returningAll().executeTakeFirstOrThrow();
    await sql`INSERT INTO connector_states (connection, tokens) VALUES (${name}, 1) ON CONFLICT (connection) DO NOTHING`.execute(trx);
    await sql`INSERT INTO connector_slots (connection, slot) SELECT ${name}, s FROM generate_series(1, ${input.maxConcurrency}::int) s ON CONFLICT DO NOTHING`.execute(trx);
    const after = toErpConnection(row);
    await recordAudit(trx, ctx, {
      action: before ? 'erp_connection.updated' : 'erp_connection.created',
      objectType: 'erp_connection',
      objectId: name,
      before: before ? toErpConnection(before) : null,
      after,
    });
    return erpConnectionSchema.parse(after);
  });
}

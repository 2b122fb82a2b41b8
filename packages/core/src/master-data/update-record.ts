import { assertInScope, type EntityScope } from '../access/principal.ts';
import { canonicalJson } from '../audit/canonical-json.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { inTransaction, type Db } from '../db/transaction.ts';
import { AppError } from '../errors/app-error.ts';
import type { ActorContext } from '../shared/context.ts';
import { serializeJson, throwIssues } from './create-record.ts';
import { translateDbError } from './db-errors.ts';
import { lockRecord } from './get-record.ts';
import type { ResourceDefinition, Row } from './resource.ts';

export interface UpdateRecordInput {
  id: string;
  /** The patch, already parsed by `definition.updateSchema`. */
  patch: Record<string, unknown>;
  scope: EntityScope;
  /** Optimistic concurrency: the version the caller last read (HTTP `If-Match`). */
  expectedVersion?: number | undefined;
  reason?: string | undefined;
}

/**
 * Applies a partial update. The row is locked, the patch merged, checks re-run on the
 * merged row, and only changed columns are written; an unchanged patch writes nothing.
 */
export async function updateRecord(
  db: Db,
  ctx: ActorContext,
  definition: ResourceDefinition,
  input: UpdateRecordInput,
): Promise<Row> {
  try {
    return await inTransaction(db, async (trx) => {
      const existing = await lockRecord(trx, definition, input.id);
      const existingEntities = definition.entityIdsOf(existing);
      if (existingEntities) assertInScope(input.scope, existingEntities, `${definition.label}s`);
      if (input.expectedVersion !== undefined && input.expectedVersion !== existing.version) {
        throw new AppError('conflict', `${definition.label} ${input.id} changed meanwhile: you sent version ${input.expectedVersion}, it is now ${existing.version}`);
      }
      const changes = definition.toColumns(input.patch);
      const candidate = { ...existing, ...changes } as Row;
      const newEntities = definition.entityIdsOf(candidate);
      if (newEntities) assertInScope(input.scope, newEntities, `${definition.label}s`);
      await throwIssues(await definition.check?.(trx, candidate, existing), definition.label);
      const changed = Object.fromEntries(
        Object.entries(candidate).filter(([key, value]) => canonicalJson(value) !== canonicalJson(existing[key])),
      );
      if (Object.keys(changed).length === 0) return existing;
      const row = (await trx
        .updateTable(definition.table)
        .set({ ...serializeJson(changed), version: existing.version + 1, updatedAt: new Date() } as never)
        .where('id' as never, '=', input.id as never)
        .returningAll()
        .executeTakeFirstOrThrow()) as Row;
      await definition.afterWrite?.(trx, row, existing);
      await recordAudit(trx, ctx, {
        action: `${definition.objectType}.updated`,
        objectType: definition.objectType,
        objectId: row.id,
        entityId: newEntities?.[0] ?? null,
        before: definition.toOutput(existing) as object,
        after: definition.toOutput(row) as object,
        reason: input.reason ?? null,
      });
      return row;
    });
  } catch (error) {
    throw translateDbError(error, definition.uniqueFields, definition.label);
  }
}

import { assertInScope, type EntityScope } from '../access/principal.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { inTransaction, type Db } from '../db/transaction.ts';
import { AppError } from '../errors/app-error.ts';
import type { ActorContext } from '../shared/context.ts';
import { newId } from '../shared/ids.ts';
import { translateDbError } from './db-errors.ts';
import type { ResourceDefinition, Row } from './resource.ts';

export interface CreateRecordInput {
  /** The request body, already parsed by `definition.createSchema`. */
  data: Record<string, unknown>;
  /** Entities the caller may write to (from their grants). */
  scope: EntityScope;
}

/**
 * Creates one master-data record: reference and cross-field checks, entity-scope check,
 * insert, follow-up writes and the audit row, all in one transaction.
 */
export async function createRecord(
  db: Db,
  ctx: ActorContext,
  definition: ResourceDefinition,
  input: CreateRecordInput,
): Promise<Row> {
  try {
    return await inTransaction(db, async (trx) => {
      const now = new Date();
      const candidate = {
        id: newId(definition.idPrefix),
        ...definition.toColumns(input.data),
        version: 1,
        createdAt: now,
        updatedAt: now,
      } as Row;
      const entityIds = definition.entityIdsOf(candidate);
      if (entityIds) assertInScope(input.scope, entityIds, `${definition.label}s`);
      await throwIssues(await definition.check?.(trx, candidate, undefined), definition.label);
      const row = (await trx
        .insertInto(definition.table)
        .values(serializeJson(candidate) as never)
        .returningAll()
        .executeTakeFirstOrThrow()) as Row;
      await definition.afterWrite?.(trx, row, undefined);
      await recordAudit(trx, ctx, {
        action: `${definition.objectType}.created`,
        objectType: definition.objectType,
        objectId: row.id,
        entityId: entityIds?.[0] ?? null,
        after: definition.toOutput(row) as object,
      });
      return row;
    });
  } catch (error) {
    throw translateDbError(error, definition.uniqueFields, definition.label);
  }
}

/** Throws a 422 naming every field when `issues` is not empty. */
export async function throwIssues(issues: { path: string; message: string }[] | undefined, label: string): Promise<void> {
  if (!issues || issues.length === 0) return;
  const first = issues[0]!;
  throw new AppError('validation_failed', `invalid ${label}: ${first.path} ${first.message}`, { issues });
}

/** Columns of type text[] (everything else array-shaped is jsonb). */
const TEXT_ARRAY_COLUMNS = new Set(['entityIds', 'requiredFor', 'roles']);

/**
 * jsonb columns are sent as JSON text: `pg` would turn a JS array into a PostgreSQL
 * array literal (an empty one into `{}`), which is not what a jsonb column wants. Only
 * the known text[] columns stay JS arrays.
 */
export function serializeJson(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    const isJson = value !== null && typeof value === 'object' && !(value instanceof Date) && !(Array.isArray(value) && TEXT_ARRAY_COLUMNS.has(key));
    out[key] = isJson ? JSON.stringify(value) : value;
  }
  return out;
}

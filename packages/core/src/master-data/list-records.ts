import { sql } from 'kysely';
import type { EntityScope } from '../access/principal.ts';
import type { Db } from '../db/transaction.ts';
import { decodeCursor, type Page, splitPage } from './pagination.ts';
import type { ResourceDefinition, Row } from './resource.ts';

export interface ListRecordsInput {
  query: Record<string, unknown> & { limit: number; cursor?: string | undefined };
  scope: EntityScope;
}

/**
 * One page of records in id (= creation) order, limited to the caller's entities and
 * filtered by the resource's query parameters.
 */
export async function listRecords(db: Db, definition: ResourceDefinition, input: ListRecordsInput): Promise<Page<Row>> {
  const { limit, cursor } = input.query;
  let qb = db.selectFrom(definition.table as never).selectAll() as never as Parameters<NonNullable<ResourceDefinition['applyFilters']>>[0];
  if (cursor) qb = qb.where(sql.ref('id'), '>', decodeCursor(cursor));
  if (definition.scopeColumn && !input.scope.all) {
    const { column, kind } = definition.scopeColumn;
    const ids = input.scope.entityIds;
    if (ids.length === 0) return { data: [], nextCursor: null };
    qb =
      kind === 'array'
        ? qb.where(sql<boolean>`${sql.ref(column)} && ${sql.val(ids)}::text[]`)
        : qb.where(sql.ref(column), 'in', ids);
  }
  if (definition.applyFilters) qb = definition.applyFilters(qb, input.query);
  const rows = (await qb.orderBy(sql.ref('id')).limit(limit + 1).execute()) as Row[];
  const { page, nextCursor } = splitPage(rows, limit);
  return { data: page, nextCursor };
}

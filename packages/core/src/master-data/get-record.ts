import { assertInScope, type EntityScope } from '../access/principal.ts';
import type { Db, Trx } from '../db/transaction.ts';
import { AppError } from '../errors/app-error.ts';
import type { ResourceDefinition, Row } from './resource.ts';

/** The row with this id, or undefined. */
export async function findRecord(db: Db, definition: ResourceDefinition, id: string): Promise<Row | undefined> {
  return (await db
    .selectFrom(definition.table)
    .selectAll()
    .where('id' as never, '=', id as never)
    .executeTakeFirst()) as Row | undefined;
}

/** The row with this id; 404 when missing, 403 when outside the caller's entities. */
export async function getRecord(db: Db, definition: ResourceDefinition, id: string, scope: EntityScope): Promise<Row> {
  const row = await findRecord(db, definition, id);
  if (!row) throw AppError.notFound(definition.label, id);
  const entityIds = definition.entityIdsOf(row);
  if (entityIds) assertInScope(scope, entityIds, `${definition.label}s`);
  return row;
}

/** Reads and row-locks a record inside a transaction (for updates). */
export async function lockRecord(trx: Trx, definition: ResourceDefinition, id: string): Promise<Row> {
  const row = (await trx
    .selectFrom(definition.table)
    .selectAll()
    .where('id' as never, '=', id as never)
    .forUpdate()
    .executeTakeFirst()) as Row | undefined;
  if (!row) throw AppError.notFound(definition.label, id);
  return row;
}

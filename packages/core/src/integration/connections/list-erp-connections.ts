import type { Db } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import type { ErpConnection } from './erp-connection-schemas.ts';
import { toErpConnection } from './to-erp-connection.ts';

/** Every configured connection, by name. */
export async function listErpConnections(db: Db): Promise<ErpConnection[]> {
  return (await db.selectFrom('erpConnections').selectAll().orderBy('name').execute()).map(toErpConnection);
}

/** One connection; NotFound when there is none of that name. */
export async function getErpConnection(db: Db, name: string): Promise<ErpConnection> {
  const row = await db.selectFrom('erpConnections').selectAll().where('name', '=', name).executeTakeFirst();
  if (!row) throw AppError.notFound('ERP connection', name);
  return toErpConnection(row);
}

/**
 * The enabled connection an entity's documents post to: one naming the entity, else the
 * one for every entity (entityIds null), else none (the built-in ledger).
 */
export function connectionForEntity(connections: readonly ErpConnection[], entityId: string): ErpConnection | null {
  const enabled = connections.filter((c) => c.enabled);
  return enabled.find((c) => c.entityIds?.includes(entityId)) ?? enabled.find((c) => c.entityIds === null) ?? null;
}

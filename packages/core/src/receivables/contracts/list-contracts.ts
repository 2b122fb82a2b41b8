import type { z } from 'zod';
import type { EntityScope } from '../../access/principal.ts';
import type { Db } from '../../db/transaction.ts';
import { decodeCursor, type Page, splitPage } from '../../master-data/pagination.ts';
import { toContract } from './contract-repository.ts';
import type { Contract, listContractsQuery } from './contract-schemas.ts';

/** Contracts in creation order, with their line versions, limited to entities in scope. */
export async function listContracts(db: Db, query: z.output<typeof listContractsQuery>, scope: EntityScope): Promise<Page<Contract>> {
  let qb = db.selectFrom('contracts').selectAll().orderBy('id').limit(query.limit + 1);
  if (!scope.all) {
    if (scope.entityIds.length === 0) return { data: [], nextCursor: null };
    qb = qb.where('entityId', 'in', scope.entityIds);
  }
  if (query.cursor) qb = qb.where('id', '>', decodeCursor(query.cursor));
  if (query.customerId) qb = qb.where('customerId', '=', query.customerId);
  if (query.entityId) qb = qb.where('entityId', '=', query.entityId);
  if (query.status) qb = qb.where('status', '=', query.status);
  const rows = await qb.execute();
  const { page, nextCursor } = splitPage(rows, query.limit);
  const lines = page.length
    ? await db.selectFrom('contractLines').selectAll().where('contractId', 'in', page.map((c) => c.id)).orderBy('lineKey').orderBy('startDate').orderBy('createdAt').execute()
    : [];
  return {
    data: page.map((row) => toContract(row, lines.filter((l) => l.contractId === row.id))),
    nextCursor,
  };
}

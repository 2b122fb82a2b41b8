import type { z } from 'zod';
import type { EntityScope } from '../../access/principal.ts';
import type { Db } from '../../db/transaction.ts';
import { decodeCursor, type Page, splitPage } from '../../master-data/pagination.ts';
import { toInvoice } from './invoice-repository.ts';
import type { Invoice, listInvoicesQuery } from './invoice-schemas.ts';

/** Invoices and credit memos in creation order, with lines, limited to entities in scope. */
export async function listInvoices(db: Db, query: z.output<typeof listInvoicesQuery>, scope: EntityScope): Promise<Page<Invoice>> {
  let qb = db.selectFrom('invoices').selectAll().orderBy('id').limit(query.limit + 1);
  if (!scope.all) {
    if (scope.entityIds.length === 0) return { data: [], nextCursor: null };
    qb = qb.where('entityId', 'in', scope.entityIds);
  }
  if (query.cursor) qb = qb.where('id', '>', decodeCursor(query.cursor));
  if (query.customerId) qb = qb.where('customerId', '=', query.customerId);
  if (query.entityId) qb = qb.where('entityId', '=', query.entityId);
  if (query.billRunId) qb = qb.where('billRunId', '=', query.billRunId);
  if (query.billingPeriod) qb = qb.where('billingPeriod', '=', query.billingPeriod);
  if (query.kind) qb = qb.where('kind', '=', query.kind);
  if (query.status) qb = qb.where('status', '=', query.status);
  if (query.lifecycle) qb = qb.where('lifecycle', '=', query.lifecycle);
  const rows = await qb.execute();
  const { page, nextCursor } = splitPage(rows, query.limit);
  const lines = page.length ? await db.selectFrom('invoiceLines').selectAll().where('invoiceId', 'in', page.map((r) => r.id)).orderBy('lineNo').execute() : [];
  return {
    data: page.map((row) => toInvoice(row, lines.filter((l) => l.invoiceId === row.id))),
    nextCursor,
  };
}

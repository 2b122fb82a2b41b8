import type { z } from 'zod';
import type { EntityScope } from '../../access/principal.ts';
import type { Db } from '../../db/transaction.ts';
import { decodeCursor, type Page, splitPage } from '../../master-data/pagination.ts';
import { toPayment } from './payment-repository.ts';
import type { listPaymentsQuery, Payment } from './payment-schemas.ts';

/** Payments in the order they were recorded, limited to entities in scope. */
export async function listPayments(db: Db, query: z.output<typeof listPaymentsQuery>, scope: EntityScope): Promise<Page<Payment>> {
  let qb = db.selectFrom('payments').selectAll().orderBy('id').limit(query.limit + 1);
  if (!scope.all) {
    if (scope.entityIds.length === 0) return { data: [], nextCursor: null };
    qb = qb.where('entityId', 'in', scope.entityIds);
  }
  if (query.cursor) qb = qb.where('id', '>', decodeCursor(query.cursor));
  if (query.customerId) qb = qb.where('customerId', '=', query.customerId);
  if (query.status) qb = qb.where('status', '=', query.status);
  if (query.currency) qb = qb.where('currency', '=', query.currency);
  const rows = await qb.execute();
  const { page, nextCursor } = splitPage(rows, query.limit);
  return { data: page.map(toPayment), nextCursor };
}

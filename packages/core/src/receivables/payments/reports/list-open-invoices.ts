import { sql } from 'kysely';
import type { EntityScope } from '../../../access/principal.ts';
import type { Db } from '../../../db/transaction.ts';
import { decodeCursor, type Page, splitPage } from '../../../master-data/pagination.ts';
import { formatMoney } from '../../../money/parse-format.ts';
import { todayUtc } from '../today-utc.ts';
import { amountDue, NOT_PAYABLE_STATUSES } from '../invoice-balance.ts';
import type { ListOpenInvoicesQuery, OpenInvoice } from './report-schemas.ts';

/**
 * Invoices with money still due today, each marked `overdue` when its due date is before
 * `asOf` (default today, UTC): the collector's work list. Ordered by id (creation).
 */
export async function listOpenInvoices(db: Db, query: ListOpenInvoicesQuery, scope: EntityScope): Promise<Page<OpenInvoice>> {
  const asOf = query.asOf ?? todayUtc();
  let qb = db
    .selectFrom('invoices')
    .select(['id', 'number', 'customerId', 'entityId', 'currency', 'issueDate', 'dueDate', 'totalMinor', 'paidMinor', 'creditedMinor'])
    .where('kind', '=', 'invoice')
    .where('status', 'not in', [...NOT_PAYABLE_STATUSES])
    .where(sql<boolean>`total_minor - paid_minor - credited_minor > 0`)
    .orderBy('id')
    .limit(query.limit + 1);
  if (!scope.all) {
    if (scope.entityIds.length === 0) return { data: [], nextCursor: null };
    qb = qb.where('entityId', 'in', scope.entityIds);
  }
  if (query.cursor) qb = qb.where('id', '>', decodeCursor(query.cursor));
  if (query.customerId) qb = qb.where('customerId', '=', query.customerId);
  if (query.entityId) qb = qb.where('entityId', '=', query.entityId);
  if (query.currency) qb = qb.where('currency', '=', query.currency);
  if (query.overdue === 'true') qb = qb.where('dueDate', '<', asOf);
  if (query.overdue === 'false') qb = qb.where((eb) => eb.or([eb('dueDate', '>=', asOf), eb('dueDate', 'is', null)]));
  const rows = await qb.execute();
  const { page, nextCursor } = splitPage(rows, query.limit);
  const data = page.map((r): OpenInvoice => {
    const c = r.currency;
    const pastDue = r.dueDate === null ? 0 : Math.round((Date.parse(`${asOf}T00:00:00Z`) - Date.parse(`${r.dueDate}T00:00:00Z`)) / 86_400_000);
    return {
      id: r.id,
      number: r.number,
      customerId: r.customerId,
      entityId: r.entityId,
      currency: c,
      issueDate: r.issueDate,
      dueDate: r.dueDate,
      total: formatMoney({ amount: r.totalMinor, currency: c }),
      amountPaid: formatMoney({ amount: r.paidMinor, currency: c }),
      amountCredited: formatMoney({ amount: r.creditedMinor, currency: c }),
      amountDue: formatMoney({ amount: amountDue(r), currency: c }),
      paymentStatus: r.paidMinor + r.creditedMinor > 0n ? 'partially_paid' : 'unpaid',
      overdue: pastDue > 0,
      daysPastDue: Math.max(0, pastDue),
    };
  });
  return { data, nextCursor };
}

import { sql, type RawBuilder } from 'kysely';
import type { EntityScope } from '../../../access/principal.ts';
import type { Db } from '../../../db/transaction.ts';
import { NOT_PAYABLE_STATUSES } from '../invoice-balance.ts';

/**
 * Receivables as they stood at the end of `asOf`: every invoice issued by then with what
 * was open on it that day — its total, less credit memos, less payment applications
 * effective by then (a payment received later, or a refund made later, does not count).
 * Credit memos count as they stand now: the invoice keeps only their running total.
 * Invoices with nothing open (paid, or overpaid through a credit memo) are left out.
 */
export function openInvoicesAt(db: Db, asOf: string, filters: { entityId?: string | undefined; currency?: string | undefined }, scope: EntityScope) {
  const openMinor: RawBuilder<bigint> = sql<bigint>`(i.total_minor - i.credited_minor - coalesce((
      select sum(a.amount_minor) from payment_applications a where a.invoice_id = i.id and a.effective_on <= ${asOf}::date
    ), 0))::bigint`;
  let qb = db
    .selectFrom('invoices as i')
    .select(['i.id', 'i.customerId', 'i.entityId', 'i.currency', openMinor.as('openMinor'), sql<number>`(${asOf}::date - coalesce(i.due_date, i.issue_date))`.as('daysPastDue')])
    .where('i.kind', '=', 'invoice')
    .where('i.status', 'not in', [...NOT_PAYABLE_STATUSES])
    .where('i.issueDate', '<=', asOf)
    .where(openMinor, '>', 0n);
  if (!scope.all) qb = scope.entityIds.length > 0 ? qb.where('i.entityId', 'in', scope.entityIds) : qb.where(sql<boolean>`false`);
  if (filters.entityId) qb = qb.where('i.entityId', '=', filters.entityId);
  if (filters.currency) qb = qb.where('i.currency', '=', filters.currency);
  return qb;
}

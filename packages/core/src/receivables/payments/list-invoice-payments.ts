import { scopeIncludes, type EntityScope } from '../../access/principal.ts';
import type { Db } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import { formatMoney } from '../../money/parse-format.ts';
import type { InvoicePayment } from './payment-schemas.ts';

/** More movements than this on one invoice would be a data problem, not a page to show. */
const MAX_MOVEMENTS = 500;

/**
 * The payment money that moved on one invoice, oldest first: payments and credit balance
 * applied to it, and refunds, disputes and failed charges taken back, each with the
 * payment it belongs to. Throws not found for an unknown invoice and forbidden for one
 * outside the caller's entities.
 */
export async function listInvoicePayments(db: Db, invoiceId: string, scope: EntityScope): Promise<InvoicePayment[]> {
  const invoice = await db.selectFrom('invoices').select(['entityId', 'currency']).where('id', '=', invoiceId).executeTakeFirst();
  if (!invoice) throw AppError.notFound('invoice', invoiceId);
  if (!scopeIncludes(scope, invoice.entityId)) throw new AppError('forbidden', 'you are not allowed to read payments of this legal entity');
  const rows = await db
    .selectFrom('paymentApplications as a')
    .innerJoin('payments as p', 'p.id', 'a.paymentId')
    .select(['a.id', 'a.paymentId', 'a.amountMinor', 'a.reason', 'a.effectiveOn', 'a.appliedAt', 'p.method', 'p.source', 'p.reference', 'p.externalId', 'p.status'])
    .where('a.invoiceId', '=', invoiceId)
    .orderBy('a.seq')
    .limit(MAX_MOVEMENTS)
    .execute();
  return rows.map((r) => ({
    applicationId: r.id,
    paymentId: r.paymentId,
    currency: invoice.currency,
    amount: formatMoney({ amount: r.amountMinor, currency: invoice.currency }),
    reason: r.reason,
    effectiveOn: r.effectiveOn,
    appliedAt: r.appliedAt.toISOString(),
    method: r.method,
    source: r.source,
    reference: r.reference,
    externalId: r.externalId,
    paymentStatus: r.status,
  }));
}

import { sql } from 'kysely';
import { recordAudit } from '../../audit/record-audit.ts';
import type { Trx } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import { money, type Money } from '../../money/money.ts';
import { formatMoney } from '../../money/parse-format.ts';
import type { ActorContext } from '../../shared/context.ts';
import { minBig } from './allocate-payment.ts';
import { changeCreditBalance, lockCreditBalance } from './credit-balance.ts';
import { amountDue, isPayable, lockInvoices, moveInvoiceMoney } from './invoice-balance.ts';
import { todayUtc } from './today-utc.ts';

/**
 * Pays down an invoice from the customer's credit balance in the invoice currency (money
 * from earlier overpayments), as far as both go; meant to be called when an invoice is
 * finalized, in the same transaction. The credit is drawn from the oldest payments first
 * and recorded as applications of those payments, so a later refund of such a payment
 * reopens this invoice too. Returns the amount applied (zero when there is no credit or
 * nothing due, and for credit memos). A draft or void invoice is refused.
 *
 * @param options.on business date of the application (default: today, UTC)
 */
export async function applyCreditBalance(trx: Trx, ctx: ActorContext, invoiceId: string, options: { on?: string } = {}): Promise<Money> {
  const invoice = await trx.selectFrom('invoices').select(['id', 'kind', 'status', 'customerId', 'entityId', 'currency']).where('id', '=', invoiceId).executeTakeFirst();
  if (!invoice) throw AppError.notFound('invoice', invoiceId);
  const nothing = money(0n, invoice.currency);
  if (invoice.kind !== 'invoice') return nothing;
  if (!isPayable(invoice)) throw new AppError('illegal_transition', `invoice ${invoiceId} is ${invoice.status}; only finalized invoices take credit`);

  const balance = await lockCreditBalance(trx, { id: invoice.customerId, entityId: invoice.entityId }, invoice.currency);
  if (balance === 0n) return nothing;
  const locked = (await lockInvoices(trx, [invoiceId])).get(invoiceId)!;
  const total = minBig(balance, amountDue(locked));
  if (total <= 0n) return nothing;

  const sources = await trx
    .selectFrom('payments')
    .select(['id', 'unappliedMinor'])
    .where('customerId', '=', invoice.customerId)
    .where('currency', '=', invoice.currency)
    .where('unappliedMinor', '>', 0n)
    .orderBy('receivedOn')
    .orderBy('id')
    .forUpdate()
    .execute();
  const on = options.on ?? todayUtc();
  const audit = [];
  let left = total;
  for (const source of sources) {
    if (left === 0n) break;
    const take = minBig(source.unappliedMinor, left);
    audit.push(await moveInvoiceMoney(trx, ctx, { paymentId: source.id, invoice: locked, amountMinor: take, reason: 'credit_balance', effectiveOn: on }));
    await changeCreditBalance(trx, ctx, { customerId: invoice.customerId, currency: invoice.currency, amountMinor: -take, reason: 'applied_to_invoice', paymentId: source.id, invoiceId });
    await trx
      .updateTable('payments')
      .set({ appliedMinor: sql<bigint>`applied_minor + ${take}`, unappliedMinor: sql<bigint>`unapplied_minor - ${take}`, version: sql<number>`version + 1`, updatedAt: sql<Date>`now()` })
      .where('id', '=', source.id)
      .execute();
    left -= take;
  }
  if (left !== 0n) throw new AppError('internal', `credit balance of ${invoice.customerId} ${invoice.currency} is not backed by unapplied payments`);
  audit.unshift({
    action: 'invoice.credit_balance_applied',
    objectType: 'invoice',
    objectId: invoiceId,
    entityId: invoice.entityId,
    diff: { amount: formatMoney({ amount: total, currency: invoice.currency }), creditBefore: formatMoney({ amount: balance, currency: invoice.currency }) },
  });
  await recordAudit(trx, ctx, audit);
  return money(total, invoice.currency);
}

import { sql } from 'kysely';
import type { AuditEntry } from '../../audit/record-audit.ts';
import type { Trx } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import type { ActorContext } from '../../shared/context.ts';
import { minBig } from './allocate-payment.ts';
import { changeCreditBalance } from './credit-balance.ts';
import { lockInvoices, moveInvoiceMoney } from './invoice-balance.ts';
import type { PaymentRow } from './payment-repository.ts';

/** Where money taken back from a payment came from. */
export interface TakeBackResult {
  fromCreditMinor: bigint;
  fromInvoicesMinor: bigint;
  invoiceAudit: AuditEntry[];
}

/**
 * Takes `amountMinor` of a payment's money back from where it sits, for a refund, a
 * dispute or a failed payment: first from what is unapplied (the customer's credit balance
 * from this payment), then from the invoices it paid, newest application first, so the
 * invoices paid longest ago stay paid. Each invoice it touches becomes partially paid or
 * unpaid again. The caller holds the customer's credit balance lock and the payment lock
 * and updates the payment row afterwards.
 */
export async function takeBackPaymentMoney(
  trx: Trx,
  ctx: ActorContext,
  payment: PaymentRow,
  amountMinor: bigint,
  reason: 'refund' | 'dispute' | 'payment_failed',
  effectiveOn: string,
): Promise<TakeBackResult> {
  const fromCreditMinor = minBig(amountMinor, payment.unappliedMinor);
  await changeCreditBalance(trx, ctx, { customerId: payment.customerId, currency: payment.currency, amountMinor: -fromCreditMinor, reason, paymentId: payment.id });
  let remaining = amountMinor - fromCreditMinor;
  const invoiceAudit: AuditEntry[] = [];
  if (remaining > 0n) {
    const nets = await trx
      .selectFrom('paymentApplications')
      .select(['invoiceId', sql<bigint>`sum(amount_minor)::bigint`.as('net'), sql<bigint>`max(seq) filter (where amount_minor > 0)`.as('lastSeq')])
      .where('paymentId', '=', payment.id)
      .groupBy('invoiceId')
      .having(sql`sum(amount_minor)`, '>', 0)
      .orderBy('lastSeq', 'desc')
      .execute();
    const invoices = await lockInvoices(trx, nets.map((n) => n.invoiceId));
    for (const net of nets) {
      if (remaining === 0n) break;
      const take = minBig(net.net, remaining);
      invoiceAudit.push(await moveInvoiceMoney(trx, ctx, { paymentId: payment.id, invoice: invoices.get(net.invoiceId)!, amountMinor: -take, reason, effectiveOn }));
      remaining -= take;
    }
  }
  if (remaining !== 0n) {
    // applied + unapplied always covers what can be taken back (the payments CHECK); reaching
    // this means the books of this payment disagree with its applications.
    throw new AppError('internal', `payment ${payment.id}: ${remaining} minor units could not be traced to invoices or credit`);
  }
  return { fromCreditMinor, fromInvoicesMinor: amountMinor - fromCreditMinor, invoiceAudit };
}

import { sql } from 'kysely';
import { assertInScope, type EntityScope } from '../../access/principal.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { inTransaction, type Db } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import { formatMoney, parseMoney } from '../../money/parse-format.ts';
import type { ActorContext } from '../../shared/context.ts';
import { todayUtc } from './today-utc.ts';
import { lockCreditBalance } from './credit-balance.ts';
import { getPayment, heldByCustomer, lockPayment } from './payment-repository.ts';
import type { PaymentWithApplications, RefundPaymentInput } from './payment-schemas.ts';
import { nextPaymentStatus } from './payment-state.ts';
import { takeBackPaymentMoney } from './take-back-payment-money.ts';

/** A refund: `amount` as the API sends it, or `amountMinor` from a gateway; neither = all that is left. */
export type RefundRequest = RefundPaymentInput & { amountMinor?: bigint };

/**
 * Records money returned to the customer, in full or in part. The money comes back first
 * from the payment's unapplied credit, then off the invoices it paid, newest application
 * first; those invoices are partially paid or unpaid again. The payment becomes
 * `partially_refunded` or `refunded`. Recording only: moving the money is the gateway's
 * or the bank's job.
 */
export async function refundPayment(db: Db, ctx: ActorContext, paymentId: string, input: RefundRequest, scope: EntityScope): Promise<PaymentWithApplications> {
  return inTransaction(db, async (trx) => {
    const found = await trx.selectFrom('payments').select(['id', 'customerId', 'entityId', 'currency']).where('id', '=', paymentId).executeTakeFirst();
    if (!found) throw AppError.notFound('payment', paymentId);
    assertInScope(scope, [found.entityId], 'payments');
    await lockCreditBalance(trx, { id: found.customerId, entityId: found.entityId }, found.currency);
    const payment = await lockPayment(trx, paymentId);
    const refundable = heldByCustomer(payment);
    const amountMinor =
      input.amountMinor ?? (input.amount === undefined ? refundable : parseMoney(input.amount, payment.currency, { path: '/amount', allowNegative: false }).amount);
    const m = (amount: bigint) => formatMoney({ amount, currency: payment.currency });
    const refundedMinor = payment.refundedMinor + amountMinor;
    const status = nextPaymentStatus(payment.status, 'refund', { amountMinor: payment.amountMinor, refundedMinor });
    if (amountMinor <= 0n) throw AppError.invalid('/amount', 'must be greater than zero', 'amount_zero');
    if (amountMinor > refundable) {
      throw AppError.invalid('/amount', `${m(amountMinor)} ${payment.currency} is more than the ${m(refundable)} ${payment.currency} not yet refunded`, 'exceeds_refundable');
    }
    const refundedOn = input.refundedOn ?? todayUtc();
    const taken = await takeBackPaymentMoney(trx, ctx, payment, amountMinor, 'refund', refundedOn);
    await trx
      .updateTable('payments')
      .set({
        refundedMinor,
        appliedMinor: payment.appliedMinor - taken.fromInvoicesMinor,
        unappliedMinor: payment.unappliedMinor - taken.fromCreditMinor,
        status,
        version: sql<number>`version + 1`,
        updatedAt: sql<Date>`now()`,
      })
      .where('id', '=', paymentId)
      .execute();
    await recordAudit(trx, ctx, [
      {
        action: 'payment.refunded',
        objectType: 'payment',
        objectId: paymentId,
        entityId: payment.entityId,
        reason: input.reason ?? null,
        diff: { amount: m(amountMinor), refundedOn, fromCreditBalance: m(taken.fromCreditMinor), fromInvoices: m(taken.fromInvoicesMinor), status: { before: payment.status, after: status } },
      },
      ...taken.invoiceAudit,
    ]);
    return getPayment(trx, paymentId);
  });
}

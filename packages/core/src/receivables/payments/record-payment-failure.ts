import { sql } from 'kysely';
import { assertInScope, type EntityScope } from '../../access/principal.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { inTransaction, type Db } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import { formatMoney } from '../../money/parse-format.ts';
import type { ActorContext } from '../../shared/context.ts';
import { todayUtc } from './today-utc.ts';
import { lockCreditBalance } from './credit-balance.ts';
import { getPayment, heldByCustomer, lockPayment } from './payment-repository.ts';
import type { PaymentWithApplications } from './payment-schemas.ts';
import { nextPaymentStatus } from './payment-state.ts';
import { takeBackPaymentMoney } from './take-back-payment-money.ts';

export interface RecordPaymentFailureInput {
  reason: string;
  /** Business date of the failure (default today, UTC). */
  failedOn?: string;
}

/**
 * Records that a payment counted as received did not arrive after all (a returned direct
 * debit, a bounced transfer, a card payment reversed by the gateway): everything it still
 * holds is taken back from credit and invoices as for a full refund, and the payment is
 * `failed`. A failed attempt that never succeeded is recorded by the gateway webhook as a
 * `failed` payment directly; this is for money already booked.
 */
export async function recordPaymentFailure(db: Db, ctx: ActorContext, paymentId: string, input: RecordPaymentFailureInput, scope: EntityScope): Promise<PaymentWithApplications> {
  return inTransaction(db, async (trx) => {
    const found = await trx.selectFrom('payments').select(['id', 'customerId', 'entityId', 'currency']).where('id', '=', paymentId).executeTakeFirst();
    if (!found) throw AppError.notFound('payment', paymentId);
    assertInScope(scope, [found.entityId], 'payments');
    await lockCreditBalance(trx, { id: found.customerId, entityId: found.entityId }, found.currency);
    const payment = await lockPayment(trx, paymentId);
    const status = nextPaymentStatus(payment.status, 'fail', payment);
    const held = heldByCustomer(payment);
    const failedOn = input.failedOn ?? todayUtc();
    const taken = await takeBackPaymentMoney(trx, ctx, payment, held, 'payment_failed', failedOn);
    await trx
      .updateTable('payments')
      .set({ appliedMinor: 0n, unappliedMinor: 0n, status, failureReason: input.reason, version: sql<number>`version + 1`, updatedAt: sql<Date>`now()` })
      .where('id', '=', paymentId)
      .execute();
    const m = (amount: bigint) => formatMoney({ amount, currency: payment.currency });
    await recordAudit(trx, ctx, [
      {
        action: 'payment.failed',
        objectType: 'payment',
        objectId: paymentId,
        entityId: payment.entityId,
        reason: input.reason,
        diff: { failedOn, takenBack: m(held), fromCreditBalance: m(taken.fromCreditMinor), fromInvoices: m(taken.fromInvoicesMinor), status: { before: payment.status, after: status } },
      },
      ...taken.invoiceAudit,
    ]);
    return getPayment(trx, paymentId);
  });
}

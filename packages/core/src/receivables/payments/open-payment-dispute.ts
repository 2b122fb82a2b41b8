import { sql } from 'kysely';
import { assertInScope, type EntityScope } from '../../access/principal.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { inTransaction, type Db } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import { formatMoney } from '../../money/parse-format.ts';
import type { ActorContext } from '../../shared/context.ts';
import { minBig } from './allocate-payment.ts';
import { todayUtc } from './today-utc.ts';
import { lockCreditBalance } from './credit-balance.ts';
import { getPayment, heldByCustomer, lockPayment } from './payment-repository.ts';
import type { PaymentWithApplications } from './payment-schemas.ts';
import { nextPaymentStatus } from './payment-state.ts';
import { takeBackPaymentMoney } from './take-back-payment-money.ts';

export interface OpenPaymentDisputeInput {
  /** The gateway's dispute id; a repeat with the same id changes nothing. */
  disputeId?: string | null;
  /** Disputed money in minor units (default: all the payment still holds). */
  amountMinor?: bigint;
  openedOn?: string;
  reason?: string | null;
}

/**
 * A customer disputed (charged back) a payment: the disputed money is taken back from
 * credit and invoices exactly as for a refund and held until the dispute closes, and the
 * payment is `disputed`. {@link closePaymentDispute} restores it when the dispute is won.
 */
export async function openPaymentDispute(db: Db, ctx: ActorContext, paymentId: string, input: OpenPaymentDisputeInput, scope: EntityScope): Promise<PaymentWithApplications> {
  return inTransaction(db, async (trx) => {
    const found = await trx.selectFrom('payments').select(['id', 'customerId', 'entityId', 'currency']).where('id', '=', paymentId).executeTakeFirst();
    if (!found) throw AppError.notFound('payment', paymentId);
    assertInScope(scope, [found.entityId], 'payments');
    await lockCreditBalance(trx, { id: found.customerId, entityId: found.entityId }, found.currency);
    const payment = await lockPayment(trx, paymentId);
    if (payment.disputeStatus === 'open' && (input.disputeId ?? null) === payment.disputeId) return getPayment(trx, paymentId);
    const status = nextPaymentStatus(payment.status, 'dispute_opened', payment);
    const held = minBig(input.amountMinor ?? heldByCustomer(payment), heldByCustomer(payment));
    if (held <= 0n) throw AppError.invalid('/amount', 'the disputed amount must be greater than zero', 'amount_zero');
    const openedOn = input.openedOn ?? todayUtc();
    const taken = await takeBackPaymentMoney(trx, ctx, payment, held, 'dispute', openedOn);
    await trx
      .updateTable('payments')
      .set({
        disputedMinor: payment.disputedMinor + held,
        appliedMinor: payment.appliedMinor - taken.fromInvoicesMinor,
        unappliedMinor: payment.unappliedMinor - taken.fromCreditMinor,
        status,
        disputeStatus: 'open',
        disputeId: input.disputeId ?? null,
        version: sql<number>`version + 1`,
        updatedAt: sql<Date>`now()`,
      })
      .where('id', '=', paymentId)
      .execute();
    const m = (amount: bigint) => formatMoney({ amount, currency: payment.currency });
    await recordAudit(trx, ctx, [
      {
        action: 'payment.dispute_opened',
        objectType: 'payment',
        objectId: paymentId,
        entityId: payment.entityId,
        reason: input.reason ?? null,
        diff: { disputeId: input.disputeId ?? null, amount: m(held), openedOn, fromCreditBalance: m(taken.fromCreditMinor), fromInvoices: m(taken.fromInvoicesMinor), status: { before: payment.status, after: status } },
      },
      ...taken.invoiceAudit,
    ]);
    return getPayment(trx, paymentId);
  });
}

import { sql } from 'kysely';
import { assertInScope, type EntityScope } from '../../access/principal.ts';
import { recordAudit, type AuditEntry } from '../../audit/record-audit.ts';
import { inTransaction, type Db, type Trx } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import { formatMoney } from '../../money/parse-format.ts';
import type { ActorContext } from '../../shared/context.ts';
import { minBig } from './allocate-payment.ts';
import { todayUtc } from './today-utc.ts';
import { changeCreditBalance, lockCreditBalance } from './credit-balance.ts';
import { amountDue, lockInvoices, moveInvoiceMoney } from './invoice-balance.ts';
import { getPayment, lockPayment, type PaymentRow } from './payment-repository.ts';
import type { PaymentWithApplications } from './payment-schemas.ts';
import { nextPaymentStatus } from './payment-state.ts';

export interface ClosePaymentDisputeInput {
  outcome: 'won' | 'lost';
  closedOn?: string;
}

/**
 * Puts money won back in a dispute where the dispute took it from: the invoices it was
 * taken off (in the order it took them), as far as they are still due, and the
 * rest to the customer's credit balance.
 */
async function restore(trx: Trx, ctx: ActorContext, payment: PaymentRow, on: string): Promise<{ toInvoicesMinor: bigint; audit: AuditEntry[] }> {
  const outstanding = await trx
    .selectFrom('paymentApplications')
    .select(['invoiceId', sql<bigint>`(-sum(amount_minor))::bigint`.as('open'), sql<bigint>`min(seq)`.as('firstSeq')])
    .where('paymentId', '=', payment.id)
    .where('reason', 'in', ['dispute', 'dispute_won'])
    .groupBy('invoiceId')
    .having(sql`sum(amount_minor)`, '<', 0)
    .orderBy('firstSeq')
    .execute();
  const invoices = await lockInvoices(trx, outstanding.map((o) => o.invoiceId));
  const audit: AuditEntry[] = [];
  let left = payment.disputedMinor;
  for (const o of outstanding) {
    const invoice = invoices.get(o.invoiceId)!;
    const back = minBig(minBig(o.open, amountDue(invoice)), left);
    if (back <= 0n) continue;
    audit.push(await moveInvoiceMoney(trx, ctx, { paymentId: payment.id, invoice, amountMinor: back, reason: 'dispute_won', effectiveOn: on }));
    left -= back;
  }
  await changeCreditBalance(trx, ctx, { customerId: payment.customerId, currency: payment.currency, amountMinor: left, reason: 'dispute_won', paymentId: payment.id });
  return { toInvoicesMinor: payment.disputedMinor - left, audit };
}

/**
 * Closes the open dispute of a payment. Won: the held money is applied again and the
 * payment is back to `succeeded` (or `partially_refunded`). Lost: the money stays gone,
 * the payment stays `disputed` with dispute status `lost`, its invoices stay reopened. A
 * repeat of the same outcome changes nothing.
 */
export async function closePaymentDispute(db: Db, ctx: ActorContext, paymentId: string, input: ClosePaymentDisputeInput, scope: EntityScope): Promise<PaymentWithApplications> {
  return inTransaction(db, async (trx) => {
    const found = await trx.selectFrom('payments').select(['id', 'customerId', 'entityId', 'currency']).where('id', '=', paymentId).executeTakeFirst();
    if (!found) throw AppError.notFound('payment', paymentId);
    assertInScope(scope, [found.entityId], 'payments');
    await lockCreditBalance(trx, { id: found.customerId, entityId: found.entityId }, found.currency);
    const payment = await lockPayment(trx, paymentId);
    if (payment.disputeStatus === input.outcome) return getPayment(trx, paymentId);
    if (payment.disputeStatus !== 'open') {
      throw new AppError('illegal_transition', payment.disputeStatus ? `the dispute of payment ${paymentId} is already closed as ${payment.disputeStatus}` : `payment ${paymentId} has no open dispute`);
    }
    const status = nextPaymentStatus(payment.status, input.outcome === 'won' ? 'dispute_won' : 'dispute_lost', payment);
    const closedOn = input.closedOn ?? todayUtc();
    const m = (amount: bigint) => formatMoney({ amount, currency: payment.currency });
    let audit: AuditEntry[] = [];
    let diff: Record<string, unknown> = { outcome: input.outcome, closedOn, amount: m(payment.disputedMinor), status: { before: payment.status, after: status } };
    if (input.outcome === 'won') {
      const restored = await restore(trx, ctx, payment, closedOn);
      audit = restored.audit;
      diff = { ...diff, toInvoices: m(restored.toInvoicesMinor), toCreditBalance: m(payment.disputedMinor - restored.toInvoicesMinor) };
      await trx
        .updateTable('payments')
        .set({
          disputedMinor: 0n,
          appliedMinor: payment.appliedMinor + restored.toInvoicesMinor,
          unappliedMinor: payment.unappliedMinor + payment.disputedMinor - restored.toInvoicesMinor,
          status,
          disputeStatus: 'won',
          version: sql<number>`version + 1`,
          updatedAt: sql<Date>`now()`,
        })
        .where('id', '=', paymentId)
        .execute();
    } else {
      await trx.updateTable('payments').set({ status, disputeStatus: 'lost', version: sql<number>`version + 1`, updatedAt: sql<Date>`now()` }).where('id', '=', paymentId).execute();
    }
    await recordAudit(trx, ctx, [{ action: `payment.dispute_${input.outcome}`, objectType: 'payment', objectId: paymentId, entityId: payment.entityId, diff }, ...audit]);
    return getPayment(trx, paymentId);
  });
}

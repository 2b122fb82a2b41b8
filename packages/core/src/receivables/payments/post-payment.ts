import { sql } from 'kysely';
import { recordAudit, type AuditEntry } from '../../audit/record-audit.ts';
import type { Trx } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import { formatMoney } from '../../money/parse-format.ts';
import type { ActorContext } from '../../shared/context.ts';
import { ID_PREFIX, newId } from '../../shared/ids.ts';
import { allocatePayment } from './allocate-payment.ts';
import { changeCreditBalance, lockCreditBalance } from './credit-balance.ts';
import { amountDue, isPayable, lockInvoices, moveInvoiceMoney, NOT_PAYABLE_STATUSES, PAYABLE_COLUMNS, type PayableInvoice } from './invoice-balance.ts';
import type { PaymentMethod } from './payment-schemas.ts';
import { nextPaymentStatus } from './payment-state.ts';

/** A payment to book, already validated and in minor units. */
export interface PaymentToPost {
  customer: { id: string; entityId: string };
  currency: string;
  amountMinor: bigint;
  receivedOn: string;
  method: PaymentMethod;
  source: 'api' | 'stripe';
  externalId: string | null;
  chargeId?: string | null;
  reference?: string | null;
  /** Invoices to pay in this order; omitted: oldest open invoices by due date. */
  invoiceIds?: readonly string[] | undefined;
  /** `failed`: an attempt that brought no money (recorded for follow-up, applied nowhere). */
  status: 'succeeded' | 'failed';
  failureReason?: string | null;
  auditReason?: string | null;
}

/** True when money of the payment was ever applied or credited (then it is not a fresh attempt). */
async function everBooked(trx: Trx, paymentId: string): Promise<boolean> {
  const applied = await trx.selectFrom('paymentApplications').select('id').where('paymentId', '=', paymentId).limit(1).executeTakeFirst();
  if (applied) return true;
  const credited = await trx.selectFrom('creditBalanceEntries').select('id').where('paymentId', '=', paymentId).limit(1).executeTakeFirst();
  return credited !== undefined;
}

/** Invoices the customer named, checked one by one and locked; errors name the list position. */
async function namedInvoices(trx: Trx, p: PaymentToPost, ids: readonly string[]): Promise<PayableInvoice[]> {
  const locked = await lockInvoices(trx, ids);
  return ids.map((id, i) => {
    const invoice = locked.get(id);
    const at = `/invoiceIds/${i}`;
    if (!invoice || invoice.customerId !== p.customer.id) throw AppError.invalid(at, `customer ${p.customer.id} has no invoice ${id}`, 'reference');
    if (!isPayable(invoice)) throw AppError.invalid(at, `${invoice.kind === 'invoice' ? `invoice ${invoice.number ?? id} is ${invoice.status}` : `${id} is a credit memo`} and cannot be paid`, 'not_payable');
    if (invoice.currency !== p.currency) {
      throw AppError.invalid('/currency', `the payment is in ${p.currency} but invoice ${invoice.number ?? id} is in ${invoice.currency}; record it in ${invoice.currency} or name another invoice`, 'currency_mismatch');
    }
    return invoice;
  });
}

/** The customer's open invoices in the currency, oldest due date first, locked. */
async function oldestOpenInvoices(trx: Trx, p: PaymentToPost): Promise<PayableInvoice[]> {
  return trx
    .selectFrom('invoices')
    .select(PAYABLE_COLUMNS)
    .where('customerId', '=', p.customer.id)
    .where('currency', '=', p.currency)
    .where('kind', '=', 'invoice')
    .where('status', 'not in', [...NOT_PAYABLE_STATUSES])
    .where(sql<boolean>`total_minor - paid_minor - credited_minor > 0`)
    .orderBy(sql`due_date nulls last`)
    .orderBy('issueDate')
    .orderBy('id')
    .forUpdate()
    .execute();
}

/**
 * Books a payment: applies it to invoices (never more than an invoice's amount due),
 * puts any excess on the customer's credit balance, and writes audit — all in the
 * caller's transaction. A payment already recorded under the same (source, external id)
 * is not booked twice (`created: false`), except that a gateway payment recorded as failed
 * is booked when it later succeeds.
 */
export async function postPayment(trx: Trx, ctx: ActorContext, p: PaymentToPost): Promise<{ paymentId: string; created: boolean }> {
  await lockCreditBalance(trx, p.customer, p.currency);
  let paymentId = newId(ID_PREFIX.payment);
  let retried = false;
  let knownChargeId: string | null = null;
  if (p.externalId !== null) {
    const existing = await trx.selectFrom('payments').selectAll().where('source', '=', p.source).where('externalId', '=', p.externalId).forUpdate().executeTakeFirst();
    if (existing) {
      if (!(existing.status === 'failed' && p.status === 'succeeded' && !(await everBooked(trx, existing.id)))) {
        if (p.chargeId && existing.chargeId === null) {
          // The charge event after the PaymentIntent event: remember the charge for refunds and disputes.
          await trx.updateTable('payments').set({ chargeId: p.chargeId, method: existing.method === 'other' ? p.method : existing.method }).where('id', '=', existing.id).execute();
        }
        return { paymentId: existing.id, created: false };
      }
      nextPaymentStatus(existing.status, 'retry_succeeded', existing);
      paymentId = existing.id;
      retried = true;
      knownChargeId = existing.chargeId;
    }
  }

  const targets = p.status === 'failed' ? [] : p.invoiceIds ? await namedInvoices(trx, p, p.invoiceIds) : await oldestOpenInvoices(trx, p);
  const { allocations, remainderMinor } =
    p.status === 'failed' ? { allocations: [], remainderMinor: 0n } : allocatePayment(p.amountMinor, targets.map((t) => ({ invoiceId: t.id, dueMinor: amountDue(t) })));
  const appliedMinor = p.amountMinor - remainderMinor;
  const row = {
    amountMinor: p.amountMinor,
    appliedMinor: p.status === 'failed' ? 0n : appliedMinor,
    unappliedMinor: remainderMinor,
    receivedOn: p.receivedOn,
    method: p.method,
    chargeId: p.chargeId ?? knownChargeId,
    status: p.status,
    failureReason: p.failureReason ?? null,
  };
  if (retried) {
    await trx.updateTable('payments').set({ ...row, version: sql<number>`version + 1`, updatedAt: sql<Date>`now()` }).where('id', '=', paymentId).execute();
  } else {
    await trx
      .insertInto('payments')
      .values({ id: paymentId, entityId: p.customer.entityId, customerId: p.customer.id, currency: p.currency, source: p.source, externalId: p.externalId, reference: p.reference ?? null, ...row })
      .execute();
  }

  const byId = new Map(targets.map((t) => [t.id, t]));
  const audit: AuditEntry[] = [];
  for (const a of allocations) {
    audit.push(await moveInvoiceMoney(trx, ctx, { paymentId, invoice: byId.get(a.invoiceId)!, amountMinor: a.amountMinor, reason: 'payment', effectiveOn: p.receivedOn }));
  }
  await changeCreditBalance(trx, ctx, { customerId: p.customer.id, currency: p.currency, amountMinor: remainderMinor, reason: 'overpayment', paymentId });

  const m = (amount: bigint) => formatMoney({ amount, currency: p.currency });
  audit.unshift({
    action: p.status === 'failed' ? 'payment.failed' : 'payment.recorded',
    objectType: 'payment',
    objectId: paymentId,
    entityId: p.customer.entityId,
    reason: p.auditReason ?? null,
    diff: {
      customerId: p.customer.id,
      currency: p.currency,
      amount: m(p.amountMinor),
      receivedOn: p.receivedOn,
      method: p.method,
      source: p.source,
      externalId: p.externalId,
      status: { before: retried ? 'failed' : null, after: p.status },
      applied: allocations.map((a) => ({ invoiceId: a.invoiceId, amount: m(a.amountMinor) })),
      toCreditBalance: m(remainderMinor),
      ...(p.failureReason ? { failureReason: p.failureReason } : {}),
    },
  });
  await recordAudit(trx, ctx, audit);
  return { paymentId, created: true };
}

import { inTransaction, type Db } from '../db/transaction.ts';
import { postPayment } from '../receivables/payments/post-payment.ts';
import type { PaymentMethod } from '../receivables/payments/payment-schemas.ts';
import type { CreditClerks } from './enter-demo-credits.ts';

const DAY_MS = 86_400_000;

/** Of a month's issued invoices (by customer number), one in this many is still unpaid at seeding time. */
export const UNPAID_ONE_IN = 7;
/** One in this many is paid in part: half its amount due. */
export const PAID_IN_PART_ONE_IN = 9;
/** Payments committed together. */
const PAYMENTS_PER_TRANSACTION = 50;
const METHODS: readonly PaymentMethod[] = ['bank_transfer', 'bank_transfer', 'direct_debit', 'card'];

/** What {@link receiveDemoPayments} did. */
export interface DemoPayments {
  payments: number;
  paidInFull: number;
  paidInPart: number;
  unpaid: number;
}

/**
 * The bank receipts of the demo's history, entered at seeding time by the entity's AR clerk
 * through `postPayment` (value dates in the past, as a clerk enters the statement): of each
 * issued invoice of `periods` that is due by `now`, one in {@link UNPAID_ONE_IN} stays unpaid
 * (overdue, for the aging report and DSO), one in {@link PAID_IN_PART_ONE_IN} is paid half,
 * the rest in full — a few days before or after the due date, never after `now`. An invoice
 * not yet due is paid early by one customer in three. Invoices with a credit memo are left
 * alone (their amount due moves with the memo's approval).
 *
 * Commits {@link PAYMENTS_PER_TRANSACTION} payments at a time (the embedded database serves
 * other requests in between) and stops between them when `signal` is aborted. Resumable:
 * nothing pays the history's invoices before this does, so an invoice with money applied
 * was paid by an earlier attempt — it is counted, not paid again, and the invoices keep
 * their places in the order (paid ones included), so each gets the same treatment.
 */
export async function receiveDemoPayments(db: Db, periods: readonly string[], clerks: CreditClerks, now: Date, signal?: AbortSignal): Promise<DemoPayments> {
  const invoices = await db
    .selectFrom('invoices as i')
    .innerJoin('customers as c', 'c.id', 'i.customerId')
    .select(['i.id', 'i.entityId', 'i.customerId', 'i.currency', 'i.number', 'i.issueDate', 'i.dueDate', 'i.totalMinor', 'i.paidMinor', 'i.creditedMinor'])
    .where('i.kind', '=', 'invoice')
    .where('i.status', '=', 'finalized')
    .where('i.lifecycle', 'in', ['approved', 'posting', 'posted', 'sent', 'paid'])
    .where('i.billingPeriod', 'in', [...periods])
    .where((eb) => eb.not(eb.exists(eb.selectFrom('invoices as m').select('m.id').whereRef('m.creditedInvoiceId', '=', 'i.id'))))
    .orderBy('i.billingPeriod')
    .orderBy('c.number')
    .execute();
  const today = now.toISOString().slice(0, 10);
  const summary: DemoPayments = { payments: 0, paidInFull: 0, paidInPart: 0, unpaid: 0 };
  const payments: { clerk: string; payment: Parameters<typeof postPayment>[2] }[] = [];
  for (const [index, invoice] of invoices.entries()) {
    // What was due before this step paid anything.
    const owed = invoice.totalMinor - invoice.creditedMinor;
    if (owed <= 0n || invoice.issueDate === null || invoice.dueDate === null) continue;
    const overdue = invoice.dueDate <= today;
    if (overdue ? index % UNPAID_ONE_IN === 3 : index % 3 !== 0) {
      summary.unpaid += 1;
      continue;
    }
    const inPart = overdue && index % PAID_IN_PART_ONE_IN === 5;
    summary.payments += 1;
    if (inPart) summary.paidInPart += 1;
    else summary.paidInFull += 1;
    if (invoice.paidMinor > 0n) continue;
    // Paid from 5 days before to 12 days after the due date; early payers 3 to 8 days after issue.
    const valueDate = overdue ? dayOffset(invoice.dueDate, (index % 18) - 5) : dayOffset(invoice.issueDate, 3 + (index % 6));
    const receivedOn = valueDate > today ? today : valueDate < invoice.issueDate ? invoice.issueDate : valueDate;
    const payment = {
      customer: { id: invoice.customerId, entityId: invoice.entityId },
      currency: invoice.currency,
      amountMinor: inPart ? owed / 2n || owed : owed,
      receivedOn,
      method: METHODS[index % METHODS.length]!,
      source: 'api',
      externalId: null,
      reference: `remittance for ${invoice.number ?? invoice.id}`,
      invoiceIds: [invoice.id],
      status: 'succeeded',
    } as const;
    payments.push({ clerk: clerks.byEntity.get(invoice.entityId) ?? clerks.controller, payment });
  }
  for (let start = 0; start < payments.length; start += PAYMENTS_PER_TRANSACTION) {
    signal?.throwIfAborted();
    await inTransaction(db, async (trx) => {
      for (const { clerk, payment } of payments.slice(start, start + PAYMENTS_PER_TRANSACTION)) {
        await postPayment(trx, { actor: `user:${clerk}` }, payment);
      }
    });
  }
  return summary;
}

function dayOffset(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

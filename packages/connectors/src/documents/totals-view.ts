import type { Invoice } from '@invoiceops/core';
import { formatMoneyWithCode, isPositiveAmount, isZeroAmount } from './format-amounts.ts';
import { formatDate } from './format-dates.ts';

/** One row of the totals block; `strong` rows are the ones a payer acts on. */
export interface TotalRowView {
  label: string;
  value: string;
  strong: boolean;
}

/**
 * Subtotal, tax, total, then for invoices what was paid or credited and what remains due.
 * Amounts are printed exactly as stored: the document never recomputes a total, so what
 * the customer reads is what was posted to the ledger.
 */
export function totalRows(invoice: Invoice, taxName: string, locale: string): TotalRowView[] {
  const money = (amount: string, path: string): string => formatMoneyWithCode(amount, invoice.currency, locale, path);
  const isCredit = invoice.kind === 'credit_memo';
  const rows: TotalRowView[] = [
    { label: 'Subtotal (net)', value: money(invoice.subtotal, '/subtotal'), strong: false },
    { label: taxName, value: money(invoice.taxTotal, '/taxTotal'), strong: false },
    { label: isCredit ? 'Total credit' : 'Total', value: money(invoice.total, '/total'), strong: true },
  ];
  if (isCredit) return rows;
  // Shown only when something was paid or credited: "Amount paid 0.00" is noise on a new invoice.
  if (!isZeroAmount(invoice.amountPaid)) rows.push({ label: 'Amount paid', value: money(invoice.amountPaid, '/amountPaid'), strong: false });
  if (!isZeroAmount(invoice.amountCredited)) rows.push({ label: 'Amount credited', value: money(invoice.amountCredited, '/amountCredited'), strong: false });
  rows.push({ label: 'Amount due', value: money(invoice.amountDue, '/amountDue'), strong: true });
  return rows;
}

interface PaymentContext {
  isDraft: boolean;
  isVoid: boolean;
  numbers: string;
  locale: string | undefined;
}

/** Payment terms (EN 16931 BT-20) and what to pay by when, quoting which reference (BT-83). */
export function paymentParagraphs(invoice: Invoice, context: PaymentContext): string[] {
  const days = invoice.paymentTermsDays;
  const paragraphs = [days > 0 ? `Payment terms: ${days} days net.` : 'Payment terms: due on receipt.'];
  if (context.isVoid) {
    paragraphs.push(`This ${invoice.kind === 'credit_memo' ? 'credit note' : 'invoice'} has been voided; nothing is due.`);
  } else if (context.isDraft) {
    paragraphs.push('Do not pay this draft: the final invoice will state the amount due and the payment reference.');
  } else if (isPositiveAmount(invoice.amountDue)) {
    const amount = formatMoneyWithCode(invoice.amountDue, invoice.currency, context.numbers, '/amountDue');
    const by = invoice.dueDate === null ? '' : ` by ${formatDate(invoice.dueDate, context.locale)}`;
    paragraphs.push(`Please pay ${amount}${by}, quoting the reference ${invoice.number ?? ''}.`);
  } else {
    paragraphs.push('Nothing is due on this invoice. Thank you.');
  }
  return paragraphs;
}

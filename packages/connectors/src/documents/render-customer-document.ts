import type { EntityBankAccount, Invoice } from '@invoiceops/core';
import { renderInvoicePdf } from './invoice-pdf.ts';

/**
 * The PDF a customer receives: a credit note names the number of the invoice it credits,
 * looked up through `numberOf` (the record itself only holds the invoice id); an invoice
 * prints where to pay from the seller entity's `bankAccounts`.
 */
export async function renderCustomerDocument(
  invoice: Invoice,
  numberOf: (invoiceId: string) => Promise<string | null>,
  bankAccounts: readonly EntityBankAccount[] = [],
): Promise<Buffer> {
  const creditedInvoiceNumber = invoice.creditedInvoiceId ? await numberOf(invoice.creditedInvoiceId) : null;
  return renderInvoicePdf(invoice, { creditedInvoiceNumber, bankAccounts });
}

import { AppError, type EntityBankAccount, type Invoice } from '@invoiceops/core';
import { formatAmount, formatPercent, formatQuantity, formatUnitPrice } from './format-amounts.ts';
import { formatBillingMonth, formatDate, formatPeriod, spanOfPeriods } from './format-dates.ts';
import { documentTitle, taxName, vatCategoryLabel } from './invoice-labels.ts';
import { addressLines, taxIdLine } from './party-lines.ts';
import { choosePaymentAccount, paymentDetailLines } from './payment-details-view.ts';
import { paymentParagraphs, totalRows, type TotalRowView } from './totals-view.ts';

/** Caller-supplied facts that the canonical invoice does not carry. */
export interface InvoiceViewOptions {
  /**
   * The seller's bank accounts; the one for the invoice currency (else one for any
   * currency, else the first) is printed as payment details on issued invoices.
   */
  bankAccounts?: readonly EntityBankAccount[];
  /** Anything else about paying (a card payment link), printed as given (line breaks kept); invoices only. */
  paymentInstructions?: string | null;
  /** BCP 47 locale for numbers, dates and country names; default en-US numbers, ISO dates. */
  locale?: string;
  /** The legal number of the invoice a credit memo corrects (EN 16931 BT-25); falls back to its id. */
  creditedInvoiceNumber?: string | null;
}

/** A party block: name in bold, then address lines, then tax id and references. */
export interface PartyView {
  heading: string;
  name: string;
  lines: string[];
  details: string[];
}

/** One row of the line table, every cell already formatted. */
export interface LineRowView {
  no: string;
  description: string;
  period: string | null;
  quantity: string;
  unitPrice: string;
  tax: string;
  amount: string;
}

/** One row of the tax summary (EN 16931 BG-23). */
export interface TaxSummaryRowView {
  category: string;
  rate: string;
  taxable: string;
  tax: string;
  exemptionReason: string;
}

/** Everything the document shows, as text: layout code only places it. */
export interface InvoiceView {
  title: string;
  /** Big diagonal word on every page of a document that is not a valid invoice. */
  watermark: 'DRAFT' | 'VOID' | null;
  banner: string | null;
  /** "Invoice INV-2026-000123" or "Draft invoice", for running headers and footers. */
  reference: string;
  meta: Array<[label: string, value: string]>;
  seller: PartyView;
  buyer: PartyView;
  currency: string;
  taxName: string;
  lines: LineRowView[];
  taxSummary: TaxSummaryRowView[];
  totals: TotalRowView[];
  notes: string[];
  payment: string[];
  /** "IBAN: DE89 …" lines and the payment reference; empty when there is nothing to pay into. */
  paymentDetails: string[];
  paymentInstructions: string | null;
  footer: string;
  lang: string;
  info: { Title: string; Author: string; Subject: string; Creator: string; Producer: string; CreationDate: Date };
}

function checkedLocale(locale: string | undefined): string | undefined {
  if (locale === undefined) return undefined;
  try {
    return Intl.getCanonicalLocales(locale)[0];
  } catch {
    throw AppError.invalid('/locale', `invalid locale ${JSON.stringify(locale)}; use a BCP 47 tag such as "en-GB"`, 'locale_invalid');
  }
}

function creationDate(invoice: Invoice): Date {
  // The finalization instant, else creation: stable per invoice, so renders are byte-identical.
  const date = new Date(invoice.finalizedAt ?? invoice.createdAt);
  if (Number.isNaN(date.getTime())) throw AppError.invalid('/createdAt', `"${invoice.createdAt}" is not a timestamp`);
  return date;
}

function uniqueNonEmpty(values: readonly (string | null | undefined)[]): string[] {
  return [...new Set(values.map((v) => v?.trim() ?? '').filter((v) => v !== ''))];
}

/** Builds the text of the document; throws `AppError` on an invalid locale or malformed amount. */
export function buildInvoiceView(invoice: Invoice, options: InvoiceViewOptions = {}): InvoiceView {
  const locale = checkedLocale(options.locale);
  const numbers = locale ?? 'en-US';
  const { currency } = invoice;
  const isCredit = invoice.kind === 'credit_memo';
  const title = documentTitle(invoice.kind);
  // Void wins over draft: a cancelled draft must not read as one still to be finalized.
  const isVoid = invoice.status === 'void' || invoice.voidedAt !== null;
  // No legal number means not a valid invoice, whatever the status says.
  const isDraft = !isVoid && (invoice.status === 'draft' || invoice.number === null);
  const tax = taxName(invoice.seller.address.country);
  const reference = invoice.number === null ? `Draft ${title.toLowerCase()}` : `${title} ${invoice.number}`;
  // Error paths name the line's index in the input; the table itself is in line-number order.
  const lines = invoice.lines.map((line, index) => ({ line, index })).sort((a, b) => a.line.lineNo - b.line.lineNo);

  const meta: InvoiceView['meta'] = [[`${title} number`, invoice.number ?? (isVoid ? 'none' : 'not yet assigned (draft)')]];
  if (invoice.issueDate !== null) meta.push(['Issue date', formatDate(invoice.issueDate, locale)]);
  if (!isCredit && invoice.dueDate !== null) meta.push(['Due date', formatDate(invoice.dueDate, locale)]);
  if (invoice.billingPeriod !== null) meta.push(['Billing period', formatBillingMonth(invoice.billingPeriod, locale)]);
  // When every line covers the same service period it is printed once here (EN 16931 BG-14)
  // instead of on each line (BG-26); mixed periods (proration, late usage) stay on the lines.
  const span = spanOfPeriods(lines.map(({ line }) => line.servicePeriod));
  const shared = span !== null && lines.every(({ line }) => line.servicePeriod?.start === span.start && line.servicePeriod.end === span.end);
  if (shared) meta.push(['Service period', formatPeriod(span, locale)]);
  if (isCredit) {
    meta.push(['Credited invoice', options.creditedInvoiceNumber ?? invoice.creditedInvoiceId ?? 'not recorded']);
    const reason = invoice.reason ?? invoice.reasonCode;
    if (reason !== null) meta.push(['Reason', reason]);
  }
  meta.push(['Currency', currency]);

  const sellerContact = invoice.seller.contacts?.find((c) => c.role === 'billing') ?? invoice.seller.contacts?.[0];
  const seller: PartyView = {
    heading: 'From',
    name: invoice.seller.name,
    lines: addressLines(invoice.seller.address, locale),
    details: uniqueNonEmpty([taxIdLine(invoice.seller), sellerContact?.email]),
  };
  const buyer: PartyView = {
    heading: 'Bill to',
    name: invoice.buyer.name,
    lines: addressLines(invoice.buyer.address, locale),
    details: uniqueNonEmpty([taxIdLine(invoice.buyer), invoice.poNumber === null ? null : `PO number: ${invoice.poNumber}`]),
  };

  const lineRows = lines.map(({ line, index }): LineRowView => {
    const path = `/lines/${index}`;
    return {
      no: String(line.lineNo),
      description: line.description,
      period: line.servicePeriod === null || shared ? null : `Service period: ${formatPeriod(line.servicePeriod, locale)}`,
      quantity: formatQuantity(line.quantity, numbers, `${path}/quantity`),
      unitPrice: line.unitPrice === null ? '' : formatUnitPrice(line.unitPrice, currency, numbers, `${path}/unitPrice`),
      tax: `${line.tax.category} ${formatPercent(line.tax.rate, numbers, `${path}/tax/rate`)}`,
      amount: formatAmount(line.amount, currency, numbers, `${path}/amount`),
    };
  });

  const taxSummary = invoice.taxSummary.map((row, i): TaxSummaryRowView => ({
    category: vatCategoryLabel(row.category),
    rate: formatPercent(row.rate, numbers, `/taxSummary/${i}/rate`),
    taxable: formatAmount(row.taxableAmount, currency, numbers, `/taxSummary/${i}/taxableAmount`),
    tax: formatAmount(row.taxAmount, currency, numbers, `/taxSummary/${i}/taxAmount`),
    // EN 16931 BT-120: the exemption reason belongs to the category's summary row.
    exemptionReason: uniqueNonEmpty(
      invoice.lines.filter((l) => l.tax.category === row.category && l.tax.rate === row.rate).map((l) => l.tax.exemptionReason),
    ).join('; '),
  }));

  let banner: string | null = null;
  if (isDraft) banner = `DRAFT – not a valid ${title.toLowerCase()}. Its legal number is assigned when it is finalized.`;
  else if (isVoid) banner = `VOID – this ${title.toLowerCase()} was cancelled${invoice.voidReason ? `: ${invoice.voidReason}` : ''}.`;

  const sellerTaxId = taxIdLine(invoice.seller);
  // Only an issued invoice asks to be paid: a draft has no reference yet and says "do not pay".
  const account = isCredit || isDraft || isVoid ? undefined : choosePaymentAccount(options.bankAccounts ?? [], currency);
  return {
    title,
    watermark: isDraft ? 'DRAFT' : isVoid ? 'VOID' : null,
    banner,
    reference,
    meta,
    seller,
    buyer,
    currency,
    taxName: tax,
    lines: lineRows,
    taxSummary,
    totals: totalRows(invoice, tax, numbers),
    notes: uniqueNonEmpty(invoice.taxNotes),
    payment: isCredit ? [] : paymentParagraphs(invoice, { isDraft, isVoid, numbers, locale }),
    paymentDetails: account === undefined || invoice.number === null ? [] : paymentDetailLines(account, invoice.number),
    paymentInstructions: isCredit ? null : uniqueNonEmpty([options.paymentInstructions])[0] ?? null,
    footer: sellerTaxId === null ? invoice.seller.name : `${invoice.seller.name} · ${sellerTaxId}`,
    lang: locale ?? 'en',
    info: {
      Title: reference,
      Author: invoice.seller.name,
      Subject: `${reference} to ${invoice.buyer.name}`,
      Creator: 'invoiceops',
      Producer: 'invoiceops (PDFKit)',
      CreationDate: creationDate(invoice),
    },
  };
}

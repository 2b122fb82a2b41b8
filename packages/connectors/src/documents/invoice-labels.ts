/**
 * The words printed beside the numbers. Labels are English (the document's language);
 * a locale changes how numbers, dates and country names are written, not the labels.
 */

/** EN 16931 VAT category codes (UNCL5305 subset, BT-118) and what a customer reads. */
const VAT_CATEGORY_NAMES: Readonly<Record<string, string>> = {
  S: 'Standard rate',
  Z: 'Zero rated',
  E: 'Exempt',
  AE: 'Reverse charge',
  K: 'Intra-community supply',
  G: 'Export outside the EU',
  O: 'Not subject to tax',
  L: 'Canary Islands (IGIC)',
  M: 'Ceuta and Melilla (IPSI)',
  B: 'Transferred (Italy split payment)',
};

/** "AE – Reverse charge"; an unknown code prints alone rather than with a guessed name. */
export function vatCategoryLabel(code: string): string {
  const name = VAT_CATEGORY_NAMES[code];
  return name === undefined ? code : `${code} – ${name}`;
}

/** How each tax id type (core `TAX_ID_TYPES`) is usually called on an invoice. */
const TAX_ID_LABELS: Readonly<Record<string, string>> = {
  eu_vat: 'VAT ID',
  gb_vat: 'VAT reg. no.',
  ch_vat: 'VAT no.',
  no_vat: 'VAT no.',
  us_ein: 'EIN',
  au_abn: 'ABN',
  sg_uen: 'UEN',
  sg_gst: 'GST reg. no.',
};

/** The label before a party's tax id: "VAT ID", "ABN", … or "Tax ID" when unknown. */
export function taxIdLabel(taxIdType: string | null): string {
  return (taxIdType === null ? undefined : TAX_ID_LABELS[taxIdType]) ?? 'Tax ID';
}

/** Countries whose consumption tax is not called VAT (the seller's country decides). */
const TAX_NAMES_BY_COUNTRY: Readonly<Record<string, string>> = {
  US: 'Sales tax',
  CA: 'GST/HST',
  AU: 'GST',
  NZ: 'GST',
  SG: 'GST',
  IN: 'GST',
  MY: 'SST',
};

/** "VAT", "GST", "GST/HST" or "Sales tax": the name of the tax the seller charges. */
export function taxName(sellerCountry: string): string {
  return TAX_NAMES_BY_COUNTRY[sellerCountry.toUpperCase()] ?? 'VAT';
}

/** "Invoice" or "Credit note" (EN 16931 BT-3 type codes 380 and 381). */
export function documentTitle(kind: 'invoice' | 'credit_memo'): string {
  return kind === 'credit_memo' ? 'Credit note' : 'Invoice';
}

/** The heading of the block that says where to pay. */
export const PAYMENT_DETAILS_HEADING = 'Payment details';

/** Bank account fields as printed in the payment details, in print order. */
export const BANK_DETAIL_LABELS = {
  bankName: 'Bank',
  accountName: 'Account name',
  iban: 'IBAN',
  bic: 'BIC',
  accountNumber: 'Account number',
  routingNumber: 'Routing number (ABA)',
  sortCode: 'Sort code',
  bsb: 'BSB',
} as const;

/** The label before the reference a payer quotes (EN 16931 BT-83). */
export const PAYMENT_REFERENCE_LABEL = 'Payment reference';

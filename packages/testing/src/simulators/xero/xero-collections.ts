/** One document collection of the simulated Accounting API. */
export interface XeroCollection {
  readonly endpoint: 'Invoices' | 'CreditNotes';
  readonly kind: 'invoice' | 'credit_note';
  readonly idField: 'InvoiceID' | 'CreditNoteID';
  readonly numberField: 'InvoiceNumber' | 'CreditNoteNumber';
  readonly label: 'Invoice' | 'Credit Note';
  readonly types: readonly string[];
  /** Types whose number must be unique (sales documents; bills may repeat a supplier's number). */
  readonly uniqueTypes: readonly string[];
  readonly duplicateMessage: string;
  /** Prefix of numbers Xero assigns when none is given. */
  readonly numberPrefix: string;
}

/** Invoices (ACCREC, ACCPAY) and credit notes (ACCRECCREDIT, ACCPAYCREDIT). The credit note wording is unverified. */
export const XERO_COLLECTIONS: Readonly<Record<string, XeroCollection>> = {
  Invoices: {
    endpoint: 'Invoices',
    kind: 'invoice',
    idField: 'InvoiceID',
    numberField: 'InvoiceNumber',
    label: 'Invoice',
    types: ['ACCREC', 'ACCPAY'],
    uniqueTypes: ['ACCREC'],
    duplicateMessage: 'Invoice # must be unique.',
    numberPrefix: 'INV-',
  },
  CreditNotes: {
    endpoint: 'CreditNotes',
    kind: 'credit_note',
    idField: 'CreditNoteID',
    numberField: 'CreditNoteNumber',
    label: 'Credit Note',
    types: ['ACCRECCREDIT', 'ACCPAYCREDIT'],
    uniqueTypes: ['ACCRECCREDIT'],
    duplicateMessage: 'Credit Note Number must be unique.',
    numberPrefix: 'CN-',
  },
};

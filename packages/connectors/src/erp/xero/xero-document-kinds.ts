/** How one of our document types is called and identified in Xero. */
export interface XeroDocumentKind {
  /** The collection under `/api.xro/2.0/`. */
  readonly endpoint: 'Invoices' | 'CreditNotes';
  readonly idField: 'InvoiceID' | 'CreditNoteID';
  readonly numberField: 'InvoiceNumber' | 'CreditNoteNumber';
  /** Our documents are sales documents: ACCREC invoices, ACCRECCREDIT credit notes. */
  readonly type: 'ACCREC' | 'ACCRECCREDIT';
  /** For messages ("Xero refused credit note CN-1: …"). */
  readonly label: string;
}

/** Xero's name for each of our document types. */
export const XERO_DOCUMENT_KINDS: Readonly<Record<'invoice' | 'credit_memo', XeroDocumentKind>> = {
  invoice: { endpoint: 'Invoices', idField: 'InvoiceID', numberField: 'InvoiceNumber', type: 'ACCREC', label: 'invoice' },
  credit_memo: { endpoint: 'CreditNotes', idField: 'CreditNoteID', numberField: 'CreditNoteNumber', type: 'ACCRECCREDIT', label: 'credit note' },
};

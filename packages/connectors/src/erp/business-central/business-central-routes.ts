import type { ErpPostingDocument } from '@invoiceops/core';

/** Where a document type lives in the API v2.0 and what a finance user calls it. */
export interface BusinessCentralRoute {
  /** `salesInvoices` | `salesCreditMemos` */
  readonly collection: string;
  /** The lines navigation: `salesInvoiceLines` | `salesCreditMemoLines` */
  readonly lines: string;
  /** "invoice" | "credit memo" */
  readonly noun: string;
}

const ROUTES: Readonly<Record<ErpPostingDocument['documentType'], BusinessCentralRoute>> = {
  invoice: { collection: 'salesInvoices', lines: 'salesInvoiceLines', noun: 'invoice' },
  credit_memo: { collection: 'salesCreditMemos', lines: 'salesCreditMemoLines', noun: 'credit memo' },
};

/** The route of a document type. */
export function businessCentralRoute(documentType: ErpPostingDocument['documentType']): BusinessCentralRoute {
  return ROUTES[documentType];
}

/** An OData string literal: quoted, with single quotes doubled (`O'Brien` → `'O''Brien'`). */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** The query of a lookup by external document number, URL-encoded (`%20`, never `+`). */
export function externalDocumentNumberFilter(externalDocumentNumber: string): string {
  return `$filter=${encodeURIComponent(`externalDocumentNumber eq ${odataString(externalDocumentNumber)}`)}`;
}

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Whether an id from an answer is a GUID (so it can go into a URL as a key). */
export function isGuid(value: unknown): value is string {
  return typeof value === 'string' && GUID.test(value);
}

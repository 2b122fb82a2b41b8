import { ErpCallError } from '@invoiceops/core';
import { snippet, type ErpResponse } from '../http/erp-http.ts';
import type { XeroDocumentKind } from './xero-document-kinds.ts';
import { xeroFailure } from './xero-errors.ts';

/** Sends one authorised GET to the Xero API (bearer, tenant, JSON). */
export type XeroGet = (pathAndQuery: string, action: string) => Promise<ErpResponse>;

const ZERO_GUID = '00000000-0000-0000-0000-000000000000';

/**
 * Looks up our sales document by its number: invoices by `?InvoiceNumbers=`, credit notes
 * by `?where=CreditNoteNumber=="…"`. Returns Xero's id, or undefined when there is no such
 * ACCREC/ACCRECCREDIT document (a deleted one does not count: it no longer posts anything).
 */
export async function findXeroDocument(get: XeroGet, kind: XeroDocumentKind, documentNumber: string, subject: string): Promise<string | undefined> {
  const query =
    kind.endpoint === 'Invoices'
      ? `InvoiceNumbers=${encodeURIComponent(documentNumber)}`
      : `where=${encodeURIComponent(`${kind.numberField}=="${documentNumber.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)}`;
  const action = `looking up ${subject}`;
  const response = await get(`${kind.endpoint}?${query}`, action);
  if (response.status !== 200) throw xeroFailure(response, subject, action);
  const list = (response.json as Record<string, unknown> | undefined)?.[kind.endpoint];
  if (!Array.isArray(list)) {
    throw new ErpCallError(`Xero answered the look-up of ${subject} with something we cannot read`, 'malformed', { httpStatus: response.status, errorCode: 'unreadable_lookup', responseSnippet: snippet(response) });
  }
  const match = (list as Record<string, unknown>[]).find((d) => d?.Type === kind.type && d[kind.numberField] === documentNumber && d.Status !== 'DELETED');
  return xeroId(match?.[kind.idField]);
}

/** Xero's id of a document, or undefined (absent, or the zero GUID Xero gives a failed element). */
export function xeroId(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' && value !== ZERO_GUID ? value : undefined;
}

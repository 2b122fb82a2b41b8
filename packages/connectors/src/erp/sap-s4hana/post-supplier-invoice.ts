import { ErpCallError, type ErpPostResult } from '@invoiceops/core';
import type { ErpConnectionConfig } from '../connector-definition.ts';
import { classifyHttpFailure, erpFetch } from '../http/erp-http.ts';
import { readODataError } from './read-odata-error.ts';
import { isCsrfTokenRequired, SapCsrfSession } from './sap-csrf-session.ts';
import { SAP_PATHS, SAP_SYSTEM, sapAuthorization, sapUrl } from './sap-connection.ts';

export interface PostSapSupplierInvoiceOptions {
  /** The connection's CSRF session, reused across writes; a new one (one token fetch) when absent. */
  readonly session?: SapCsrfSession;
  readonly signal?: AbortSignal;
}

/** A supplier invoice SAP created: its number and fiscal year, together its key. */
export interface SapSupplierInvoiceResult extends ErpPostResult {
  readonly supplierInvoice: string;
  readonly fiscalYear: string;
}

/** A CSRF session for the supplier invoice service of a connection. */
export function createSupplierInvoiceSession(config: ErpConnectionConfig): SapCsrfSession {
  return new SapCsrfSession(config, SAP_PATHS.supplierInvoiceService);
}

/**
 * Creates a supplier invoice (SAP_COM_0057, `API_SUPPLIERINVOICE_PROCESS_SRV`, deep create
 * of `A_SupplierInvoice` with its GL account items) from a rendered OData body. Handles the
 * CSRF handshake: a token is fetched when the session has none, and fetched once more when
 * SAP says it expired. The ERP id is `{SupplierInvoice}/{FiscalYear}`. SAP's own duplicate
 * check (same supplier and reference) refuses a repeat when it is configured as an error.
 */
export async function postSapSupplierInvoice(config: ErpConnectionConfig, body: unknown, options: PostSapSupplierInvoiceOptions = {}): Promise<SapSupplierInvoiceResult> {
  const session = options.session ?? createSupplierInvoiceSession(config);
  const reference = supplierReference(body);
  const action = `creating supplier invoice ${reference}`;
  const send = () =>
    erpFetch(
      sapUrl(config, SAP_PATHS.supplierInvoices),
      {
        method: 'POST',
        headers: { Authorization: sapAuthorization(config), 'Content-Type': 'application/json', Accept: 'application/json', ...session.writeHeaders() },
        body: JSON.stringify(body),
      },
      { system: SAP_SYSTEM, action, timeoutMs: config.timeoutMs, signal: options.signal },
    );

  if (!session.hasToken) await session.fetchToken(options.signal);
  let response = await send();
  if (isCsrfTokenRequired(response.status, response.headers)) {
    await session.fetchToken(options.signal);
    response = await send();
  }
  const d = (response.json as { d?: Record<string, unknown> } | undefined)?.d;
  if (response.status === 201 && typeof d?.SupplierInvoice === 'string' && d.SupplierInvoice !== '' && d.FiscalYear !== undefined) {
    const fiscalYear = String(d.FiscalYear);
    return { outcome: 'posted', erpDocumentId: `${d.SupplierInvoice}/${fiscalYear}`, httpStatus: response.status, supplierInvoice: d.SupplierInvoice, fiscalYear };
  }
  const { code, message } = readODataError(response);
  const failure = classifyHttpFailure(response, { system: SAP_SYSTEM, action, errorCode: code, message });
  if (failure.kind !== 'refused') throw failure;
  throw new ErpCallError(`SAP refused supplier invoice ${reference}: ${message ?? `HTTP ${response.status}`}`, 'refused', failure.details);
}

function supplierReference(body: unknown): string {
  const record = (body ?? {}) as Record<string, unknown>;
  const fields = (typeof record.d === 'object' && record.d !== null ? record.d : record) as Record<string, unknown>;
  const reference = fields.SupplierInvoiceIDByInvcgParty;
  return typeof reference === 'string' && reference !== '' ? reference : '(no reference)';
}

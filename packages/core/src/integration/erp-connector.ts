/**
 * The port an external ERP connector implements (docs/erp-connectors.md). Core never calls
 * HTTP itself: `packages/connectors/src/erp/<vendor>/` implements this port, and the
 * worker picks the connector of a document's entity from configuration.
 *
 * The flow of one posting (core's `postDocument`):
 * 1. the canonical posting is translated through the mapping in force into an
 *    {@link ErpPostingDocument} (every id already the ERP's; a missing mapping is a
 *    `master_data` exception before any call);
 * 2. the connector's JSONata template (versioned with the mapping) renders the vendor's
 *    request body from it;
 * 3. `post` sends it exactly once by the vendor's own mechanism, looking up first when an
 *    earlier attempt's outcome is unknown;
 * 4. anything that goes wrong is thrown as an {@link ErpCallError} saying, in business
 *    words, what happened and whether trying again can help.
 */

/** A line of the document as the ERP sees it. Amounts are decimal strings in major units ("119.00"). */
export interface ErpDocumentLine {
  readonly lineNo: number;
  readonly description: string;
  /** The ERP's item id for the line's product, or null (a line without a product). */
  readonly item: string | null;
  readonly quantity: string;
  readonly unitPrice: string;
  /** Net amount of the line. */
  readonly amount: string;
  /** The ERP's tax code. */
  readonly taxCode: string;
  readonly taxAmount: string;
  /** The ERP's revenue account. */
  readonly account: string;
  /** Our dimensions translated to the ERP's segments (department, class, cost center …). */
  readonly segments: Readonly<Record<string, string>>;
}

/** A debit or credit line of the document's GL distribution, in the ERP's accounts. */
export interface ErpGlLine {
  readonly account: string;
  readonly debit: string;
  readonly credit: string;
  /** Debit positive, credit negative (SAP's sign convention). */
  readonly signedAmount: string;
  readonly segments: Readonly<Record<string, string>>;
  readonly memo: string;
}

/** A tax total per ERP tax code. */
export interface ErpTaxLine {
  readonly taxCode: string;
  readonly base: string;
  readonly amount: string;
}

/**
 * The document a connector posts: the canonical posting with every id translated to the
 * ERP's (the input of the JSONata templates; documented field by field in
 * docs/erp-mappings.md).
 */
export interface ErpPostingDocument {
  readonly documentType: 'invoice' | 'credit_memo';
  readonly documentId: string;
  /**
   * Deterministic per document and the same on every attempt: letters, digits, `_` and `-`
   * only (NetSuite's rule), at most 64 characters.
   */
  readonly externalId: string;
  /** Our legal number (INV-DE-2026-000042); the reference SAP, Oracle and Business Central look up by. */
  readonly documentNumber: string;
  readonly postingDate: string;
  readonly dueDate: string | null;
  readonly currency: string;
  readonly total: string;
  readonly netTotal: string;
  readonly taxTotal: string;
  readonly memo: string;
  readonly poNumber: string | null;
  /** The entity translated: NetSuite subsidiary, Business Central company, SAP company code, Oracle business unit, Xero tenant. */
  readonly company: string;
  /** The customer translated: the ERP's customer id or number. */
  readonly party: string;
  readonly lines: readonly ErpDocumentLine[];
  /** The GL distribution, with the receivable account; balanced. */
  readonly gl: readonly ErpGlLine[];
  readonly taxes: readonly ErpTaxLine[];
  /** The receivable account (SAP debtor item, Xero/Fusion distributions). */
  readonly receivableAccount: string;
}

/** What one call to the ERP achieved. */
export interface ErpPostResult {
  /** `posted`: created now; `already_posted`: the ERP had it from an earlier attempt. */
  readonly outcome: 'posted' | 'already_posted';
  /** The ERP's own id of the document (NetSuite internal id, BC GUID, SAP document/company/year …). */
  readonly erpDocumentId: string;
  readonly httpStatus: number | null;
}

/** Facts about the attempt a connector may act on. */
export interface ErpPostContext {
  /** 1 for the first attempt of this document on this connector. */
  readonly attempt: number;
  /**
   * True when an earlier attempt may have reached the ERP without our hearing back
   * (timeout, connection reset, lost response): look the document up before creating it.
   */
  readonly mayExist: boolean;
  readonly signal?: AbortSignal;
}

/** An ERP connector. One instance per configured connection; safe for concurrent calls. */
export interface ErpConnector {
  /** The connector's kind: `netsuite`, `business_central`, `sap_s4hana`, `oracle_fusion`, `xero`. */
  readonly kind: string;
  /**
   * Creates the document (rendered `body`, from the template) in the ERP exactly once.
   * Throws {@link ErpCallError} for every failure.
   */
  post(document: ErpPostingDocument, body: unknown, context: ErpPostContext): Promise<ErpPostResult>;
  /** A cheap authenticated call that says whether the ERP answers (the circuit breaker's half-open probe may use post instead). */
  ping?(signal?: AbortSignal): Promise<void>;
}

/**
 * How an ERP call failed:
 * - `transient`: 5xx, 429, a timeout or a reset; trying again later can succeed
 *   (`retryAfterMs` when the ERP said when);
 * - `refused`: the ERP understood and said no (validation, duplicate reference, closed
 *   period); trying again will fail the same way until someone fixes the data;
 * - `auth`: our credentials were refused; nothing posts until an admin fixes them;
 * - `malformed`: the ERP answered something we cannot read (HTML error page, bad JSON,
 *   an unexpected status); treated as transient, since the write may or may not have happened.
 */
export type ErpFailureKind = 'transient' | 'refused' | 'auth' | 'malformed';

export class ErpCallError extends Error {
  override readonly name = 'ErpCallError';
  constructor(
    /** In words a finance user understands: "NetSuite refused invoice INV-1: the item 9999 does not exist". */
    message: string,
    readonly kind: ErpFailureKind,
    readonly details: {
      readonly httpStatus?: number | null;
      /** The ERP's own error code (`INVALID_CONTENT`, `Application_TooManyRequests` …). */
      readonly errorCode?: string;
      /** When the ERP said to come back (Retry-After). */
      readonly retryAfterMs?: number;
      /** The request may have been applied (sent, no answer): look up before the next try. */
      readonly outcomeUnknown?: boolean;
      /** Our exception category when this ends up on a person's desk. */
      readonly exceptionCategory?: 'posting_failure' | 'master_data' | 'tax';
      /** The start of what came back (at most 2,000 characters), for the event log. */
      readonly responseSnippet?: string;
    } = {},
  ) {
    super(message);
  }

  get retryable(): boolean {
    return this.kind === 'transient' || this.kind === 'malformed';
  }
}

/** The NetSuite-safe external id of a document (letters, digits, `_`, `-`). */
export function erpExternalId(documentType: string, documentId: string): string {
  return `invoiceops-${documentType}-${documentId}`.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64);
}

import type { Trx } from '../db/transaction.ts';

/** One debit or credit line of a canonical posting, in minor units of the document currency. */
export interface CanonicalPostingLine {
  readonly accountCode: string;
  readonly debitMinor: bigint;
  readonly creditMinor: bigint;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly memo: string;
}

/**
 * What a connector posts for one document (docs/posting.md): the document's identity and
 * business context, a deterministic external id (the same for every attempt, so the ERP
 * can recognise a repeat), and its balanced GL lines.
 */
export interface CanonicalPosting {
  readonly documentType: 'invoice' | 'credit_memo';
  readonly documentId: string;
  readonly documentNumber: string | null;
  readonly entityId: string;
  readonly partyId: string;
  readonly currency: string;
  readonly totalMinor: bigint;
  /** YYYY-MM-DD: the document's issue date. */
  readonly postingDate: string;
  readonly externalId: string;
  readonly memo: string;
  readonly lines: readonly CanonicalPostingLine[];
}

/** `posted`: written now; `already_posted`: the ERP had it from an earlier attempt (found by the external id). */
export interface PostingResult {
  readonly outcome: 'posted' | 'already_posted';
  readonly erpDocumentId: string;
}

/**
 * A refusal the connector understood, in words a finance user can act on, with the ERP's
 * own code and our exception category. Anything else thrown is a failure too, reported
 * with its message.
 */
export class PostingRefused extends Error {
  override readonly name = 'PostingRefused';
  constructor(message: string, readonly errorCode: string, readonly exceptionCategory: 'master_data' | 'posting_failure' = 'posting_failure', readonly httpStatus: number | null = null) {
    super(message);
  }
}

/** A target system documents are posted to. `post` runs inside the posting transaction. */
export interface PostingConnector {
  readonly name: string;
  post(trx: Trx, posting: CanonicalPosting): Promise<PostingResult>;
}

/** The deterministic external id of a document: the same on every attempt, unique per document. */
export function postingExternalId(documentType: string, documentId: string): string {
  return `invoiceops:${documentType}:${documentId}`;
}

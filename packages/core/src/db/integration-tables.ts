import type { ColumnType, JSONColumnType } from 'kysely';

// Posting and the integration event log (migration 0016).

/** One journal entry of the built-in ledger: one posted document. */
export interface LedgerJournalsTable {
  id: string;
  connector: string;
  externalId: string;
  entityId: string;
  documentType: 'invoice' | 'credit_memo' | 'supplier_bill' | 'payment' | 'journal_entry';
  documentId: string;
  documentNumber: string | null;
  /** YYYY-MM-DD */
  postingDate: ColumnType<string, string, never>;
  currency: string;
  memo: string;
  createdAt: Date;
}

export interface LedgerLinesTable {
  id: string;
  journalId: string;
  lineNo: number;
  accountCode: string;
  debitMinor: ColumnType<bigint, bigint | undefined, never>;
  creditMinor: ColumnType<bigint, bigint | undefined, never>;
  dimensions: JSONColumnType<Record<string, string>, string | undefined, never>;
  memo: string;
}

/** One attempt to post a document to a connector, with its business context. */
export interface IntegrationEventsTable {
  id: string;
  connector: string;
  operation: string;
  documentType: string;
  documentId: string;
  documentNumber: string | null;
  entityId: string;
  partyId: string | null;
  amountMinor: bigint | null;
  currency: string | null;
  externalId: string;
  attempt: number;
  outcome: 'posted' | 'already_posted' | 'failed';
  erpDocumentId: string | null;
  httpStatus: number | null;
  errorCode: string | null;
  errorMessage: string | null;
  exceptionCategory: string | null;
  latencyMs: number;
  at: Date;
}

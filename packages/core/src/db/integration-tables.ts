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
  outcome: 'posted' | 'already_posted' | 'failed' | 'retrying' | 'dead';
  erpDocumentId: string | null;
  httpStatus: number | null;
  errorCode: string | null;
  errorMessage: string | null;
  exceptionCategory: string | null;
  latencyMs: number;
  at: Date;
  jobId: ColumnType<string | null, string | null | undefined, never>;
}

// ERP connections and shared resilience state (migration 0017).

/** A configured external ERP: where the documents of which entities are posted, with its limits. */
export interface ErpConnectionsTable {
  name: string;
  kind: string;
  baseUrl: string;
  settings: JSONColumnType<Record<string, string>, string | undefined, string>;
  secretName: string | null;
  /** Entities posted here; null: every entity without a more specific connection. */
  entityIds: string[] | null;
  enabled: ColumnType<boolean, boolean | undefined, boolean>;
  maxConcurrency: number;
  maxPerMinute: number;
  timeoutMs: ColumnType<number, number | undefined, number>;
  breakerThreshold: ColumnType<number, number | undefined, number>;
  breakerCooldownMs: ColumnType<number, number | undefined, number>;
  version: ColumnType<number, number | undefined, number>;
  createdAt: ColumnType<Date, Date | undefined, never>;
  updatedAt: ColumnType<Date, Date | undefined, Date>;
}

/** The circuit breaker and rate-limit bucket of one connection, shared by all workers. */
export interface ConnectorStatesTable {
  connection: string;
  circuit: ColumnType<'closed' | 'open' | 'half_open', 'closed' | 'open' | 'half_open' | undefined, 'closed' | 'open' | 'half_open'>;
  consecutiveFailures: ColumnType<number, number | undefined, number>;
  openedAt: Date | null;
  nextProbeAt: Date | null;
  probeUntil: Date | null;
  tokens: ColumnType<number, number | undefined, number>;
  tokensAt: ColumnType<Date, Date | undefined, Date>;
  lastSuccessAt: Date | null;
  lastFailureAt: Date | null;
  lastError: string | null;
}

/** One leased concurrency slot of a connection. */
export interface ConnectorSlotsTable {
  connection: string;
  slot: number;
  heldBy: string | null;
  heldUntil: ColumnType<Date, Date | undefined, Date>;
}

/** A worker process that wants slots of a connection and holds fewer than its share. */
export interface ConnectorSlotWaitersTable {
  connection: string;
  holder: string;
  wantedUntil: Date;
}

import type { ColumnType } from 'kysely';
import type { Timestamp, Version, Json } from './column-types.ts';

// Controls tables: exception queues (migration 0011).

/** Each exception category with its SLA; `exceptions.category` references it. */
export interface ExceptionSlaPoliciesTable {
  category: string;
  hours: number;
  updatedAt: Timestamp;
}

export interface ExceptionsTable {
  id: string;
  entityId: string;
  documentType: 'invoice' | 'credit_memo' | 'supplier_bill';
  /** No foreign key: the table is named by `documentType`. */
  documentId: string;
  category: string;
  /** Who found it: `invoiceops.rules`, `erp.netsuite`, … */
  sourceSystem: string;
  ruleId: string | null;
  ruleVersion: number | null;
  severity: 'block' | 'warn';
  title: string;
  details: Json<Record<string, unknown>>;
  status: ColumnType<'open' | 'resolved', 'open' | undefined, 'resolved'>;
  assigneeUserId: string | null;
  assigneeTeam: string | null;
  dueAt: ColumnType<Date, Date, never>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  resolvedAt: Date | null;
  resolution: 'corrected_revalidated' | 'overridden' | 'voided' | 'credited' | null;
  resolutionReason: string | null;
  /** The actor string (`user:…`, `rule:…@…`, `system`). */
  resolvedBy: string | null;
  version: Version;
}

/** Append-only notes on an exception. */
export interface ExceptionCommentsTable {
  id: string;
  exceptionId: string;
  entityId: string;
  /** The actor string of the writer. */
  author: string;
  body: string;
  createdAt: Timestamp;
}

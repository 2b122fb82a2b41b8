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

// Controls lifecycle and decision trace (migration 0012).

/** One lifecycle change of a document; append-only. */
export interface DocumentTransitionsTable {
  id: string;
  documentType: 'invoice' | 'credit_memo' | 'supplier_bill';
  documentId: string;
  entityId: string;
  fromState: string;
  toState: string;
  actor: string;
  reason: string | null;
  decisionId: string | null;
  at: Date;
}

/** One automated (or recorded human) decision about a document; append-only. */
export interface ControlDecisionsTable {
  id: string;
  documentType: 'invoice' | 'credit_memo' | 'supplier_bill';
  documentId: string;
  entityId: string;
  kind: 'validation' | 'routing' | 'straight_through' | 'approval' | 'posting';
  /** `rule_set`, `approval_policy`, … — what `policyVersion` is a version of. */
  policyKind: string | null;
  policyId: string | null;
  policyVersion: number | null;
  outcome: string;
  inputs: Json<Record<string, unknown>>;
  result: Json<Record<string, unknown>>;
  actor: string;
  decidedAt: Date;
}

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

/**
 * The decisions and transitions of documents that went straight through, one row per batch
 * (migration 0029; `decision-batches.ts` writes and reads it); append-only.
 */
export interface ControlDecisionBatchesTable {
  id: string;
  documentType: 'invoice' | 'credit_memo' | 'supplier_bill';
  entityId: string;
  ruleSetVersion: number;
  policyVersion: number | null;
  actor: string;
  /** The reason of the documents' transitions. */
  reason: string;
  decidedAt: Date;
  /** Per document: its id, validation inputs, index of its result, routing inputs, index of its result. */
  documents: Json<[string, Record<string, unknown>, number, Record<string, unknown>, number][]>;
  /** The distinct results the documents' decisions point to. */
  results: Json<Record<string, unknown>[]>;
}

/** Where a batched document's decisions are: its batch and index in the batch's `documents` (migration 0029). */
export interface DecisionBatchDocumentsTable {
  documentId: string;
  batchId: string;
  position: number;
}

/** `document_transitions` with the transitions of batched documents (a view, migration 0029): what the metrics and the trace read. */
export type DocumentTrailView = DocumentTransitionsTable;

// Control releases: versioned rule sets, approval policies, mappings (migration 0013).

/** Who changed a draft: the actor string and the user behind it (null for `system`). */
export interface ReleaseEditor {
  actor: string;
  userId: string | null;
}

/** One version of a released control (`rule_set`, `approval_policy`, …); final once published or discarded. */
export interface ControlReleasesTable {
  id: string;
  kind: string;
  version: number;
  status: 'draft' | 'published' | 'discarded';
  /** The parsed body (`{ rules }` for a rule set, the policy for an approval policy). */
  body: Json<Record<string, unknown>>;
  notes: string | null;
  basedOnVersion: number | null;
  author: string;
  authorUserId: string | null;
  editors: Json<ReleaseEditor[]>;
  /** Counts edits of the draft, for optimistic concurrency. */
  revision: Version;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  publishedAt: Date | null;
  publishedBy: string | null;
  publisherUserId: string | null;
  effectiveFrom: Date | null;
  discardedAt: Date | null;
  discardedBy: string | null;
}

/**
 * One stored run of a release simulation (migration 0020): what publishing that revision
 * would change on the documents of the window. Append-only.
 */
export interface ReleaseSimulationsTable {
  id: string;
  releaseId: string;
  kind: string;
  version: number;
  revision: number;
  inForceVersion: number | null;
  days: number;
  windowFrom: Date;
  asOf: Date;
  counts: Json<Record<string, number>>;
  changes: Json<Record<string, unknown>[]>;
  changeLimit: number;
  truncated: boolean;
  skipped: Json<{ documentId: string; reason: string }[]>;
  actor: string;
  actorUserId: string | null;
  createdAt: Date;
}

// Approvals with segregation of duties (migration 0014, docs/approvals.md).

/**
 * How much a user may approve for one entity (`entityId` null: every entity), in a
 * currency (the entity's functional currency). Inclusive. The entity's own row wins over
 * the all-entities row; without either, `approval_limits` (user-level) applies.
 */
export interface EntityApprovalLimitsTable {
  id: string;
  userId: string;
  entityId: string | null;
  currency: string;
  amountMinor: bigint;
  createdBy: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  version: Version;
}

/** A user's approval candidacy handed to another user for `[startsAt, endsAt)`, unless revoked. */
export interface ApprovalDelegationsTable {
  id: string;
  fromUserId: string;
  toUserId: string;
  startsAt: Date;
  endsAt: Date;
  reason: string;
  createdBy: string;
  createdAt: Timestamp;
  revokedAt: Date | null;
  revokedBy: string | null;
}

/** Status of an approval request: pending until the last step is approved or one step rejected. */
export type ApprovalRequestStatus = 'pending' | 'approved' | 'rejected' | 'cancelled';

/**
 * One submission of a document for approval. At most one pending request per document.
 * Metrics: approval turnaround = `decided_at - created_at` of decided requests.
 */
export interface ApprovalRequestsTable {
  id: string;
  documentType: 'invoice' | 'credit_memo' | 'supplier_bill';
  documentId: string;
  entityId: string;
  /** The approval policy release (`control_releases.id`) and version that routed it; null without one. */
  policyId: string | null;
  policyVersion: number | null;
  routeId: string;
  /** The document amount in the entity's functional currency (absolute), minor units. */
  amountMinor: bigint;
  currency: string;
  contentHash: string;
  /** The document's creator as an actor string, and the user behind it (API keys resolve to their user). */
  createdBy: string;
  creatorUserId: string | null;
  /** The policy settings in force when opened: `{ approverMayPost, reminderHours, escalateTo }`. */
  settings: Json<Record<string, unknown>>;
  /** 1 for the first submission, +1 for each resubmission after a rejection. */
  submission: number;
  previousRequestId: string | null;
  status: ApprovalRequestStatus;
  createdAt: Timestamp;
  decidedAt: Date | null;
  /** The actor string that decided it (the last approver, or the rejecter). */
  decidedBy: string | null;
  rejectionReason: string | null;
  version: Version;
}

/** Status of an approval step; `waiting` until its stage opens. */
export type ApprovalStepStatus = 'waiting' | 'pending' | 'approved' | 'rejected' | 'cancelled';

/**
 * One step of a request. Stages run in order (`stage` 0, 1, …); steps of one stage run in
 * parallel. Metrics: SLA adherence = `completed_at <= due_at` for approved steps.
 */
export interface ApprovalStepsTable {
  id: string;
  requestId: string;
  entityId: string;
  stage: number;
  position: number;
  name: string;
  mode: 'any' | 'all';
  /** `[{ kind: 'user', userId, via } | { kind: 'role', role, via }]`; escalation appends. */
  candidates: Json<Record<string, unknown>[]>;
  slaHours: number;
  status: ApprovalStepStatus;
  /** User ids of the people who approved it (the acting person, not the delegator). */
  approvedBy: string[];
  /** Candidate keys (`user:<id>`, `role:<role>`, `escalation`) the approvals stood for; an `all` step completes when every entry is in. */
  satisfied: string[];
  /** Approved in an earlier rejected submission with the same content hash. */
  carriedOver: boolean;
  openedAt: Date | null;
  dueAt: Date | null;
  remindedAt: Date | null;
  escalatedAt: Date | null;
  completedAt: Date | null;
}

/** One human approval or rejection; append-only. */
export interface ApprovalActionsTable {
  id: string;
  requestId: string;
  stepId: string;
  entityId: string;
  action: 'approve' | 'reject';
  actor: string;
  actorUserId: string;
  /** The delegator when the actor acted as a delegate. */
  onBehalfOfUserId: string | null;
  delegationId: string | null;
  comment: string | null;
  at: Date;
}

import type { LifecycleState } from '../controls/lifecycle/document-lifecycle.ts';
import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { Timestamp, DateOnly, Version, Json } from './column-types.ts';
import type { PostalAddress, Contact } from './master-data-tables.ts';

// Receivables tables: usage, contracts, invoices, payments, distribution.

export interface BillableMetricsTable {
  id: string;
  code: string;
  name: string;
  aggregation: 'sum' | 'count' | 'max' | 'unique_count' | 'latest';
  property: string | null;
  unit: string;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  version: Version;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface UsageEventsTable {
  customerId: string;
  id: string;
  source: string;
  eventId: string;
  metricCode: string;
  subject: string;
  occurredAt: ColumnType<Date, Date | string, Date | string>;
  /** numeric(38,12) as an exact decimal string */
  quantity: string;
  properties: Json<Record<string, unknown>>;
  correctsEventId: string | null;
  /** `flagged`: held for review; `rejected`: a reviewer decided it is never billed (kept as evidence). */
  status: 'accepted' | 'flagged' | 'rejected';
  flagReason: string | null;
  receivedAt: Timestamp;
  /** Who released or rejected a held event, when and why (null for events never held or not reviewed yet). */
  reviewedBy: ColumnType<string | null, string | null | undefined, string | null>;
  reviewedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  reviewReason: ColumnType<string | null, string | null | undefined, string | null>;
  /** Arrived for a time already billed: the next bill run re-rates its window. */
  latePending: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface ContractsTable {
  id: string;
  entityId: string;
  customerId: string;
  number: string;
  currency: string;
  status: 'active' | 'cancelled' | 'ended' | 'renewed';
  startDate: DateOnly;
  endDate: DateOnly;
  termMonths: number;
  autoRenew: boolean;
  renewalUpliftPercent: string;
  billingFrequency: 'monthly' | 'quarterly' | 'annual';
  billingTiming: 'in_advance' | 'in_arrears';
  alignment: 'calendar' | 'anniversary' | 'bill_day';
  billDay: number | null;
  poNumber: string | null;
  /** Service before this date was billed outside invoiceops (a migrated contract). */
  billedThrough: ColumnType<string | null, string | null | undefined, string | null>;
  cancelledOn: string | null;
  cancellationReason: string | null;
  renewedFromId: string | null;
  version: Version;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface ContractLinesTable {
  id: string;
  contractId: string;
  customerId: string;
  /** Stable across amendments: every version of one line shares it. */
  lineKey: string;
  productId: string;
  kind: 'recurring' | 'usage' | 'one_time' | 'milestone';
  metricCode: string | null;
  charge: Json<Record<string, unknown>>;
  quantity: string;
  startDate: DateOnly;
  endDate: DateOnly;
  amendmentId: string | null;
  createdAt: Timestamp;
}

export interface ContractAmendmentsTable {
  id: string;
  contractId: string;
  customerId: string;
  effectiveDate: DateOnly;
  kind: 'change_quantity' | 'change_price' | 'change_plan' | 'add_line' | 'remove_line' | 'cancel';
  changes: Json<Record<string, unknown>>;
  reason: string | null;
  actor: string;
  createdAt: Timestamp;
}

export interface ContractMilestonesTable {
  contractId: string;
  customerId: string;
  lineKey: string;
  milestoneKey: string;
  completedOn: DateOnly;
  actor: string;
  invoiceId: string | null;
  createdAt: Timestamp;
}

export interface BillRunsTable {
  id: string;
  period: string;
  entityId: string | null;
  customerId: string | null;
  status: 'running' | 'completed' | 'failed';
  finalize: ColumnType<boolean, boolean | undefined, boolean>;
  customersTotal: ColumnType<number, number | undefined, number>;
  customersDone: ColumnType<number, number | undefined, number>;
  invoicesCreated: ColumnType<number, number | undefined, number>;
  errors: JSONColumnType<{ customerId: string; message: string }[], string | undefined, string>;
  actor: string;
  startedAt: Timestamp;
  finishedAt: Date | null;
}

/** Seller or buyer as printed on the document (a snapshot at issue). */
export interface PartySnapshot {
  name: string;
  address: PostalAddress;
  taxId: string | null;
  taxIdType: string | null;
  contacts?: Contact[];
}

export interface InvoicesTable {
  id: string;
  kind: 'invoice' | 'credit_memo';
  entityId: string;
  customerId: string;
  contractId: string | null;
  billRunId: string | null;
  creditedInvoiceId: string | null;
  billingPeriod: string | null;
  currency: string;
  status: string;
  number: string | null;
  series: string | null;
  issueDate: string | null;
  dueDate: string | null;
  poNumber: string | null;
  reasonCode: string | null;
  reason: string | null;
  subtotalMinor: ColumnType<bigint, bigint | undefined, bigint>;
  taxMinor: ColumnType<bigint, bigint | undefined, bigint>;
  totalMinor: ColumnType<bigint, bigint | undefined, bigint>;
  paidMinor: ColumnType<bigint, bigint | undefined, bigint>;
  creditedMinor: ColumnType<bigint, bigint | undefined, bigint>;
  seller: Json<PartySnapshot>;
  buyer: Json<PartySnapshot>;
  taxNotes: JSONColumnType<string[], string | undefined, string>;
  paymentTermsDays: number;
  finalizedAt: Date | null;
  voidedAt: Date | null;
  voidReason: string | null;
  /** The controls lifecycle (migration 0012); `status` is the legal state. */
  lifecycle: ColumnType<LifecycleState, LifecycleState | undefined, LifecycleState>;
  lifecycleChangedAt: Date | null;
  /** The creating actor; null on bill-run invoices (the run's actor created them). */
  createdBy: ColumnType<string | null, string | null | undefined, never>;
  /** The ERP's id of the posted document (built-in ledger: the journal id), and when it was posted. */
  erpDocumentId: string | null;
  postedAt: Date | null;
  version: Version;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface InvoiceLinesTable {
  id: string;
  invoiceId: string;
  customerId: string;
  lineNo: number;
  kind: string;
  description: string;
  productId: string | null;
  contractLineId: string | null;
  creditedLineId: string | null;
  serviceStart: string | null;
  serviceEnd: string | null;
  quantity: string;
  unitPrice: string | null;
  amountMinor: bigint;
  taxCode: string;
  vatCategory: string;
  taxRate: string;
  taxMinor: bigint;
  taxRule: string;
  taxTableVersion: string;
  taxExemptionReason: string | null;
  revenueAccountCode: string;
  deferred: ColumnType<boolean, boolean | undefined, boolean>;
  dimensions: JSONColumnType<Record<string, string>, string | undefined, string>;
}

export interface InvoiceGlEntriesTable {
  id: string;
  invoiceId: string;
  customerId: string;
  invoiceLineId: string | null;
  accountCode: string;
  debitMinor: ColumnType<bigint, bigint | undefined, bigint>;
  creditMinor: ColumnType<bigint, bigint | undefined, bigint>;
  dimensions: JSONColumnType<Record<string, string>, string | undefined, string>;
  memo: string;
}

export interface RevenueSchedulesTable {
  invoiceLineId: string;
  customerId: string;
  recognitionMonth: string;
  amountMinor: bigint;
  days: number;
}

export interface PaymentsTable {
  id: string;
  entityId: string;
  customerId: string;
  currency: string;
  amountMinor: bigint;
  appliedMinor: ColumnType<bigint, bigint | undefined, bigint>;
  unappliedMinor: ColumnType<bigint, bigint | undefined, bigint>;
  refundedMinor: ColumnType<bigint, bigint | undefined, bigint>;
  disputedMinor: ColumnType<bigint, bigint | undefined, bigint>;
  receivedOn: DateOnly;
  method: 'card' | 'bank_transfer' | 'direct_debit' | 'other';
  source: 'api' | 'stripe';
  externalId: string | null;
  chargeId: string | null;
  reference: string | null;
  status: 'succeeded' | 'failed' | 'refunded' | 'partially_refunded' | 'disputed';
  disputeStatus: 'open' | 'won' | 'lost' | null;
  disputeId: string | null;
  failureReason: string | null;
  version: Version;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

/** Money of a payment on an invoice: positive applies, negative reverses (refund, dispute). */
export interface PaymentApplicationsTable {
  id: string;
  seq: Generated<bigint>;
  paymentId: string;
  invoiceId: string;
  customerId: string;
  amountMinor: bigint;
  reason: 'payment' | 'credit_balance' | 'refund' | 'dispute' | 'dispute_won' | 'payment_failed';
  effectiveOn: DateOnly;
  actor: string;
  appliedAt: Timestamp;
}

export interface CustomerCreditBalancesTable {
  customerId: string;
  currency: string;
  entityId: string;
  balanceMinor: ColumnType<bigint, bigint | undefined, bigint>;
  updatedAt: Timestamp;
}

export interface CreditBalanceEntriesTable {
  id: string;
  customerId: string;
  currency: string;
  amountMinor: bigint;
  reason: 'overpayment' | 'applied_to_invoice' | 'refund' | 'dispute' | 'dispute_won' | 'payment_failed';
  paymentId: string | null;
  invoiceId: string | null;
  actor: string;
  createdAt: Timestamp;
}

export interface WebhookEventsTable {
  source: string;
  eventId: string;
  eventType: string;
  outcome: 'processed' | 'ignored' | 'rejected';
  detail: string | null;
  paymentId: string | null;
  payload: JSONColumnType<Record<string, unknown> | null, string | null, string | null>;
  receivedAt: Timestamp;
}

export interface InvoiceDeliveriesTable {
  id: string;
  invoiceId: string;
  customerId: string;
  /** `issue` for the document itself, `reminder_<days>` for an overdue reminder. */
  purpose: string;
  channel: 'email';
  recipients: string[];
  status: 'sent' | 'bounced' | 'failed';
  messageId: string | null;
  error: string | null;
  attemptedAt: Timestamp;
}

import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/**
 * Table types as the database returns them after the driver set-up in
 * `create-database.ts`: int8 → bigint, numeric → string (exact), timestamptz → Date,
 * date → string (YYYY-MM-DD). Property names are camelCase (Kysely CamelCasePlugin).
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateOnly = ColumnType<string, string, string>;
type Version = ColumnType<number, number | undefined, number>;
type Json<T extends object | null> = JSONColumnType<T, string, string>;

export interface PostalAddress {
  line1: string;
  line2?: string | null;
  city: string;
  region?: string | null;
  postalCode?: string | null;
  country: string;
}

export interface TaxRegistration {
  country: string;
  type: string;
  number: string;
}

export interface InvoiceSeriesConfig {
  code: string;
  prefix: string;
  documentType: string;
}

export interface Contact {
  name: string;
  email: string;
  role?: string | null;
  phone?: string | null;
}

export interface BankAccount {
  iban: string;
  bic: string;
  accountName: string;
}

export interface DefaultCoding {
  glAccountCode: string;
  taxCode?: string | null;
  dimensions?: Record<string, string>;
}

export interface CurrenciesTable {
  code: string;
  name: string;
  minorUnits: number;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface FxRatesTable {
  id: string;
  baseCurrency: string;
  quoteCurrency: string;
  rate: string;
  effectiveDate: DateOnly;
  source: string;
  version: Version;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface LegalEntitiesTable {
  id: string;
  code: string;
  legalName: string;
  country: string;
  functionalCurrency: string;
  taxRegistrations: Json<TaxRegistration[]>;
  address: Json<PostalAddress>;
  timeZone: string;
  roundingMode: string;
  invoiceSeries: Json<InvoiceSeriesConfig[]>;
  reminderDays: ColumnType<number[], number[] | undefined, number[]>;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  version: Version;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface NumberSeriesTable {
  entityId: string;
  series: string;
  prefix: string;
  nextNumber: ColumnType<bigint, bigint | undefined, bigint>;
  padding: ColumnType<number, number | undefined, number>;
}

export interface GlAccountsTable {
  id: string;
  code: string;
  name: string;
  type: 'asset' | 'liability' | 'equity' | 'revenue' | 'expense';
  active: ColumnType<boolean, boolean | undefined, boolean>;
  version: Version;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface GlDimensionsTable {
  id: string;
  code: string;
  name: string;
  requiredFor: ColumnType<string[], string[] | undefined, string[]>;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  version: Version;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface GlDimensionValuesTable {
  id: string;
  dimensionCode: string;
  code: string;
  name: string;
  ownerUserId: string | null;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  version: Version;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface TaxJurisdictionsTable {
  id: string;
  code: string;
  name: string;
  country: string;
  region: string | null;
  version: Version;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface TaxCodesTable {
  id: string;
  code: string;
  jurisdictionCode: string;
  name: string;
  rate: string;
  vatCategory: string;
  taxCategory: string;
  validFrom: DateOnly;
  validTo: string | null;
  version: Version;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface ProductsTable {
  id: string;
  sku: string;
  name: string;
  description: string | null;
  unit: string;
  revenueAccountCode: string;
  taxCategory: string;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  version: Version;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface CustomersTable {
  id: string;
  entityId: string;
  number: string;
  name: string;
  billingCurrency: string;
  taxId: string | null;
  taxIdType: string | null;
  taxExempt: boolean;
  exemptionCertificateRef: string | null;
  poRequired: boolean;
  paymentTermsDays: number;
  billingAddress: Json<PostalAddress>;
  contacts: Json<Contact[]>;
  timeZone: string;
  segment: string;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  version: Version;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface SuppliersTable {
  id: string;
  number: string;
  name: string;
  entityIds: string[];
  country: string;
  taxId: string | null;
  taxIdType: string | null;
  bankAccount: JSONColumnType<BankAccount | null, string | null, string | null>;
  paymentTermsDays: number;
  defaultCoding: JSONColumnType<DefaultCoding | null, string | null, string | null>;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  version: Version;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface ExternalIdsTable {
  id: string;
  system: string;
  objectType: string;
  externalId: string;
  objectId: string;
  version: Version;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  passwordHash: string | null;
  kind: 'human' | 'machine';
  active: ColumnType<boolean, boolean | undefined, boolean>;
  version: Version;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface RoleGrantsTable {
  id: string;
  userId: string;
  role: string;
  entityId: string | null;
  createdAt: Timestamp;
}

export interface ApprovalLimitsTable {
  userId: string;
  currency: string;
  amountMinor: bigint;
  createdAt: Timestamp;
}

export interface SessionsTable {
  tokenHash: string;
  userId: string;
  createdAt: Timestamp;
  expiresAt: Timestamp;
  lastSeenAt: Timestamp;
}

export interface ApiKeysTable {
  id: string;
  userId: string;
  name: string;
  tokenPrefix: string;
  tokenHash: string;
  roles: string[];
  entityIds: string[] | null;
  createdBy: string;
  createdAt: Timestamp;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface AuditLogTable {
  seq: bigint;
  id: string;
  occurredAt: Date;
  actor: string;
  action: string;
  objectType: string;
  objectId: string;
  entityId: string | null;
  diff: Json<Record<string, unknown>>;
  reason: string | null;
  requestId: string | null;
  prevHash: string;
  hash: string;
}

export interface IdempotencyKeysTable {
  principal: string;
  key: string;
  method: string;
  path: string;
  requestHash: string;
  state: 'in_progress' | 'completed';
  statusCode: number | null;
  responseBody: string | null;
  responseHeaders: JSONColumnType<Record<string, string> | null, string | null, string | null>;
  createdAt: Timestamp;
  lockedUntil: Date;
  expiresAt: Date;
}

export interface JobsTable {
  id: string;
  type: string;
  version: ColumnType<number, number | undefined, number>;
  payload: Json<Record<string, unknown>>;
  state: ColumnType<'queued' | 'running' | 'succeeded' | 'failed' | 'dead', 'queued' | undefined, 'queued' | 'running' | 'succeeded' | 'failed' | 'dead'>;
  runAt: Timestamp;
  attempts: ColumnType<number, number | undefined, number>;
  maxAttempts: ColumnType<number, number | undefined, number>;
  lockedBy: string | null;
  lockedUntil: Date | null;
  lastError: string | null;
  dedupeKey: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  finishedAt: Date | null;
}

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
  status: 'accepted' | 'flagged';
  flagReason: string | null;
  receivedAt: Timestamp;
  invoiceId: string | null;
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

export interface KyselyMigrationTable {
  name: string;
  timestamp: string;
}

/** The whole schema, as Kysely sees it. */
export interface Database {
  currencies: CurrenciesTable;
  fxRates: FxRatesTable;
  legalEntities: LegalEntitiesTable;
  numberSeries: NumberSeriesTable;
  glAccounts: GlAccountsTable;
  glDimensions: GlDimensionsTable;
  glDimensionValues: GlDimensionValuesTable;
  taxJurisdictions: TaxJurisdictionsTable;
  taxCodes: TaxCodesTable;
  products: ProductsTable;
  customers: CustomersTable;
  suppliers: SuppliersTable;
  externalIds: ExternalIdsTable;
  users: UsersTable;
  roleGrants: RoleGrantsTable;
  approvalLimits: ApprovalLimitsTable;
  sessions: SessionsTable;
  apiKeys: ApiKeysTable;
  auditLog: AuditLogTable;
  idempotencyKeys: IdempotencyKeysTable;
  jobs: JobsTable;
  billableMetrics: BillableMetricsTable;
  usageEvents: UsageEventsTable;
  contracts: ContractsTable;
  contractLines: ContractLinesTable;
  contractAmendments: ContractAmendmentsTable;
  contractMilestones: ContractMilestonesTable;
  billRuns: BillRunsTable;
  invoices: InvoicesTable;
  invoiceLines: InvoiceLinesTable;
  invoiceGlEntries: InvoiceGlEntriesTable;
  revenueSchedules: RevenueSchedulesTable;
  invoiceDeliveries: InvoiceDeliveriesTable;
  payments: PaymentsTable;
  paymentApplications: PaymentApplicationsTable;
  customerCreditBalances: CustomerCreditBalancesTable;
  creditBalanceEntries: CreditBalanceEntriesTable;
  webhookEvents: WebhookEventsTable;
}

/** Generated is re-exported for the odd table that gets a database default id later. */
export type { Generated };

import type { ColumnType, JSONColumnType } from 'kysely';
import type { Timestamp, DateOnly, Version, Json } from './column-types.ts';

// Foundation tables: reference and master data, identity, audit, idempotency, jobs.

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

/**
 * Where customers pay a legal entity, as printed on its invoices. An account has an IBAN
 * or a local account number (with the US ABA routing number, UK sort code or AU BSB).
 */
export interface EntityBankAccount {
  /** ISO 4217; the account for invoices in this currency. Absent: any currency. */
  currency?: string;
  bankName: string;
  accountName: string;
  iban?: string;
  bic?: string;
  accountNumber?: string;
  routingNumber?: string;
  sortCode?: string;
  bsb?: string;
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
  bankAccounts: JSONColumnType<EntityBankAccount[], string | undefined, string>;
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
  /** End of the latest usage window a bill run aggregated (usage before it arriving later is late). */
  usageBilledUntil: ColumnType<Date | null, never, Date | null>;
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

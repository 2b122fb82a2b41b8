/**
 * The shapes the API answers with. Types only (erased at build time): the web app talks
 * to the server over HTTP, but its types come from the same zod schemas the server
 * validates and documents with, so a change of contract fails the typecheck here.
 */
import type { z } from 'zod';
import type { approvalRequestSchema } from '@invoiceops/core';

export type {
  BillRun,
  ConnectorStatus,
  DeadLetter,
  DocumentTrace,
  ErpConnection,
  ErpConnectionMapping,
  ErpMappingContent,
  ExceptionRecord,
  Invoice,
  IntegrationEvent,
  InvoiceLine,
  InvoicePayment,
  MetricSeries,
  MetricsSummary,
  PaymentWithApplications,
  Permission,
  ReleaseDiffResult,
  ReleaseRecord,
  ReleaseSimulation,
  ReleaseSummary,
  Role,
  SimulatedChange,
  TrialBalance,
  ValidationRule,
  WebhookDelivery,
  WebhookSubscription,
} from '@invoiceops/core';

export type ApprovalRequest = z.output<typeof approvalRequestSchema>;
export type ApprovalStep = ApprovalRequest['steps'][number];

/** Every list answers `{ data, nextCursor }`. */
export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/** `GET /v1/integrations/connectors`: an ERP connector kind this installation has. */
export interface ConnectorKind {
  kind: string;
  displayName: string;
  limits: { concurrency: number; perMinute: number };
}

/** `POST /v1/integrations/dead-letters/replay` and `…/{id}/replay` */
export interface ReplayedJobs {
  replayed: string[];
}

/** `GET /v1/me` */
export interface Me {
  kind: string;
  id: string;
  actor: string;
  name: string;
  grants: { role: string; entityId: string | null }[];
  user: { id: string; email: string; name: string };
}

/** The fields of `GET /v1/legal-entities` the app shows. */
export interface LegalEntity {
  id: string;
  code: string;
  legalName: string;
  functionalCurrency: string;
  timeZone: string;
}

/** The fields of `GET /v1/customers` the app shows. */
export interface CustomerSummary {
  id: string;
  number: string;
  name: string;
  entityId: string;
  taxId: string | null;
  taxIdType: string | null;
}

/** The fields of `GET /v1/users` the app shows (to name the actors of audit rows and releases). */
export interface UserSummary {
  id: string;
  email: string;
  name: string;
}

/** `POST /v1/audit/verify` */
export interface AuditVerification {
  ok: boolean;
  rowsChecked: number;
  firstBroken?: { seq: string; id: string; problem: string };
}

/** `GET /v1/audit/{objectType}/{objectId}` rows. */
export interface AuditRecord {
  seq: string;
  id: string;
  occurredAt: string;
  actor: string;
  action: string;
  diff: Record<string, unknown>;
  reason: string | null;
  hash: string;
}

// Customers, contracts and usage pages.
export type {
  Contract,
  ContractAmendment,
  ContractLine,
  ContractSchedule,
  CreditBalance,
  Customer,
  MetricUsage,
  OpenInvoice,
  ScheduleEntry,
  ScheduleLine,
  UsageEvent,
  UsageSummary,
} from '@invoiceops/core';

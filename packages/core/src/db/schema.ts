import type { Generated } from 'kysely';

import type { CurrenciesTable, FxRatesTable, LegalEntitiesTable, NumberSeriesTable, GlAccountsTable, GlDimensionsTable, GlDimensionValuesTable, TaxJurisdictionsTable, TaxCodesTable, ProductsTable, CustomersTable, SuppliersTable, ExternalIdsTable, UsersTable, RoleGrantsTable, ApprovalLimitsTable, SessionsTable, ApiKeysTable, AuditLogTable, IdempotencyKeysTable, JobsTable } from './master-data-tables.ts';
import type { BillableMetricsTable, UsageEventsTable, ContractsTable, ContractLinesTable, ContractAmendmentsTable, ContractMilestonesTable, BillRunsTable, InvoicesTable, InvoiceLinesTable, InvoiceGlEntriesTable, RevenueSchedulesTable, PaymentsTable, PaymentApplicationsTable, CustomerCreditBalancesTable, CreditBalanceEntriesTable, WebhookEventsTable, InvoiceDeliveriesTable } from './receivables-tables.ts';
import type { ConnectorSlotWaitersTable, ConnectorSlotsTable, ConnectorStatesTable, ErpConnectionsTable, IntegrationEventsTable, LedgerJournalsTable, LedgerLinesTable } from './integration-tables.ts';
import type {
  ControlDecisionBatchesTable, ControlDecisionsTable, DecisionBatchDocumentsTable, ControlReleasesTable, DocumentTrailView, DocumentTransitionsTable, ReleaseSimulationsTable, ExceptionSlaPoliciesTable, ExceptionsTable, ExceptionCommentsTable,
} from './controls-tables.ts';
import type { ApprovalActionsTable, ApprovalDelegationsTable, ApprovalRequestsTable, ApprovalStepsTable, EntityApprovalLimitsTable } from './controls-tables.ts';
import type { InboundWebhookRejectionsTable, OutboundEventsTable, VaultSecretsTable, WebhookDeliveriesTable, WebhookDeliveryAttemptsTable, WebhookSubscriptionsTable } from './webhook-tables.ts';

export type * from './column-types.ts';
export type * from './master-data-tables.ts';
export type * from './receivables-tables.ts';
export type * from './controls-tables.ts';
export type * from './webhook-tables.ts';

/**
 * Table types as the database returns them after the driver set-up in
 * `create-database.ts`: int8 → bigint, numeric → string (exact), timestamptz → Date,
 * date → string (YYYY-MM-DD). Property names are camelCase (Kysely CamelCasePlugin).
 * The tables themselves are in `master-data-tables.ts`, `receivables-tables.ts` and
 * `controls-tables.ts`.
 */

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
  exceptionSlaPolicies: ExceptionSlaPoliciesTable;
  exceptions: ExceptionsTable;
  exceptionComments: ExceptionCommentsTable;
  documentTransitions: DocumentTransitionsTable;
  ledgerJournals: LedgerJournalsTable;
  ledgerLines: LedgerLinesTable;
  integrationEvents: IntegrationEventsTable;
  erpConnections: ErpConnectionsTable;
  connectorStates: ConnectorStatesTable;
  connectorSlots: ConnectorSlotsTable;
  connectorSlotWaiters: ConnectorSlotWaitersTable;
  controlDecisions: ControlDecisionsTable;
  controlDecisionBatches: ControlDecisionBatchesTable;
  decisionBatchDocuments: DecisionBatchDocumentsTable;
  /** A view: the transitions and the batched documents' transitions. */
  documentTrail: DocumentTrailView;
  controlReleases: ControlReleasesTable;
  releaseSimulations: ReleaseSimulationsTable;
  entityApprovalLimits: EntityApprovalLimitsTable;
  approvalDelegations: ApprovalDelegationsTable;
  approvalRequests: ApprovalRequestsTable;
  approvalSteps: ApprovalStepsTable;
  approvalActions: ApprovalActionsTable;
  vaultSecrets: VaultSecretsTable;
  webhookSubscriptions: WebhookSubscriptionsTable;
  outboundEvents: OutboundEventsTable;
  webhookDeliveries: WebhookDeliveriesTable;
  webhookDeliveryAttempts: WebhookDeliveryAttemptsTable;
  inboundWebhookRejections: InboundWebhookRejectionsTable;
}

/** Generated is re-exported for the odd table that gets a database default id later. */
export type { Generated };

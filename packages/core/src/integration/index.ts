/** Posting to the ERP (docs/posting.md): canonical postings, connectors, the integration event log. */
export { BUILTIN_LEDGER, builtinLedger, postingImbalance } from './builtin-ledger.ts';
export { POST_DOCUMENT_JOB, enqueuePostings, requeuePosting } from './enqueue-postings.ts';
export { exportLedgerCsv, exportLedgerHledger, getTrialBalance, ledgerQuery, trialBalanceSchema, type LedgerQuery, type TrialBalance } from './ledger-reports.ts';
export { integrationEventSchema, listIntegrationEvents, listIntegrationEventsQuery, type IntegrationEvent, type ListIntegrationEventsQuery } from './list-integration-events.ts';
export { loadCanonicalPosting } from './load-canonical-posting.ts';
export { postDocument, type PostDocumentResult } from './post-document.ts';
export { PostingRefused, postingExternalId, type CanonicalPosting, type CanonicalPostingLine, type PostingConnector, type PostingResult } from './posting-connector.ts';
export { ErpCallError, erpExternalId, type ErpConnector, type ErpDocumentLine, type ErpFailureKind, type ErpGlLine, type ErpPostContext, type ErpPostResult, type ErpPostingDocument, type ErpTaxLine } from './erp-connector.ts';
export * from './mapping/index.ts';
export { connectionForEntity, getErpConnection, listErpConnections } from './connections/list-erp-connections.ts';
export { saveErpConnection } from './connections/save-erp-connection.ts';
export { connectorStatusSchema, erpConnectionNameParam, erpConnectionSchema, saveErpConnectionInput, type ConnectorStatus, type ErpConnection, type SaveErpConnectionInput } from './connections/erp-connection-schemas.ts';
export { ConnectorUnavailable, type ConnectionLimits, type ConnectorLimiter, type Permit } from './resilience/connector-limiter.ts';
export { DbConnectorLimiter, SLOT_LEASE_MS } from './resilience/db-limiter.ts';
export { MemoryConnectorLimiter } from './resilience/memory-limiter.ts';
export { getConnectorStatuses } from './connections/get-connector-statuses.ts';
export { postDocumentsToErp, type ErpAttemptJob, type ErpBatchItem, type ErpBatchOutcome, type ErpTarget } from './post-documents-to-erp.ts';

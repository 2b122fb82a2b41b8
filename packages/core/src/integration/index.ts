/** Posting to the ERP (docs/posting.md): canonical postings, connectors, the integration event log. */
export { BUILTIN_LEDGER, builtinLedger, postingImbalance } from './builtin-ledger.ts';
export { POST_DOCUMENT_JOB, enqueuePostings } from './enqueue-postings.ts';
export { exportLedgerCsv, exportLedgerHledger, getTrialBalance, ledgerQuery, trialBalanceSchema, type LedgerQuery, type TrialBalance } from './ledger-reports.ts';
export { integrationEventSchema, listIntegrationEvents, listIntegrationEventsQuery, type IntegrationEvent, type ListIntegrationEventsQuery } from './list-integration-events.ts';
export { loadCanonicalPosting } from './load-canonical-posting.ts';
export { postDocument, type PostDocumentResult } from './post-document.ts';
export { PostingRefused, postingExternalId, type CanonicalPosting, type CanonicalPostingLine, type PostingConnector, type PostingResult } from './posting-connector.ts';
export { ErpCallError, erpExternalId, type ErpConnector, type ErpDocumentLine, type ErpFailureKind, type ErpGlLine, type ErpPostContext, type ErpPostResult, type ErpPostingDocument, type ErpTaxLine } from './erp-connector.ts';

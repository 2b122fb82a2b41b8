/** Oracle Fusion Cloud Financials: Receivables invoices and credit memos. */
export { oracleFusionConnector } from './oracle-fusion-connector.ts';
export { ORACLE_DEFAULT_TEMPLATES } from './oracle-templates.ts';

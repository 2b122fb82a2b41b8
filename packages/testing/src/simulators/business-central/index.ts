/** Contract simulator of Dynamics 365 Business Central API v2.0 (with its Entra ID token endpoint). */
export { createBusinessCentralSimulator, DEFAULT_COMPANY_ID, type BusinessCentralSimulator, type BusinessCentralSimulatorOptions } from './business-central-simulator.ts';
export type { StoredDocument, StoredLine } from './business-central-documents.ts';

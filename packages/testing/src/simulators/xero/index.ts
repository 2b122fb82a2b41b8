export { createXeroSimulator, type XeroSimulator, type XeroSimulatorOptions } from './xero-simulator.ts';
export type { XeroSimDocument } from './xero-document-store.ts';
export type { XeroKnownIds } from './validate-xero-document.ts';
export type { XeroLimits } from './xero-rate-limits.ts';

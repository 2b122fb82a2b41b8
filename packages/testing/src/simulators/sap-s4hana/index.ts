/** The SAP S/4HANA Cloud contract simulator. */
export { createSapS4hanaSimulator, SAP_SIMULATOR_USER, type SapS4hanaSimulator, type SapS4hanaSimulatorOptions } from './sap-s4hana-simulator.ts';
export type { SimJournalEntry, SimJournalEntryLine } from './journal-entry-service.ts';
export type { SimSupplierInvoice } from './supplier-invoice-service.ts';

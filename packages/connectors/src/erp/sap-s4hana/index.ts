/** SAP S/4HANA Cloud: journal entries for receivables, supplier invoices for payables. */
export { sapS4hanaConnector } from './sap-s4hana-connector.ts';
export { postSapSupplierInvoice, createSupplierInvoiceSession, type PostSapSupplierInvoiceOptions, type SapSupplierInvoiceResult } from './post-supplier-invoice.ts';
export { SapCsrfSession } from './sap-csrf-session.ts';
export { SAP_DEFAULT_TEMPLATES } from './sap-templates.ts';

/**
 * Adapters to the outside world (ERP clients, tax engines, mail, document readers)
 * implementing the ports defined in core.
 */

export { BuiltinTaxEngine, TAX_TABLE_VERSION, calculateBuiltinTax, createTaxEngine, type TaxEngineConfig } from './tax/index.ts';
export { renderInvoicePdf, type InvoicePdfOptions } from './documents/invoice-pdf.ts';
export { createNotifier, notifierConfigFromEnv, type NotifierConfig } from './mail/index.ts';
export { renderCustomerDocument } from './documents/render-customer-document.ts';
export * from './erp/index.ts';

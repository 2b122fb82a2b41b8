/**
 * Adapters to the outside world (ERP clients, tax engines, mail, document readers)
 * implementing the ports defined in core. The first connectors arrive with the
 * integration middleware issue; this package exists so the layout is in place.
 */
export const CONNECTORS: readonly string[] = [];

export { BuiltinTaxEngine, TAX_TABLE_VERSION, calculateBuiltinTax, createTaxEngine, type TaxEngineConfig } from './tax/index.ts';
export { renderInvoicePdf, type InvoicePdfOptions } from './documents/invoice-pdf.ts';
export { createNotifier, notifierConfigFromEnv, type NotifierConfig } from './mail/index.ts';
export { renderCustomerDocument } from './documents/render-customer-document.ts';

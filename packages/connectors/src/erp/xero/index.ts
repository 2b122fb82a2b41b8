export { xeroConnector } from './xero-connector.ts';
export { createXeroConnector, type XeroConnection } from './create-xero-connector.ts';
export { xeroCredentialsSchema, xeroSettingsSchema, xeroTokenUrl, type XeroCredentials, type XeroSettings } from './xero-config.ts';
export { XERO_CREDIT_NOTE_TEMPLATE, XERO_INVOICE_TEMPLATE } from './xero-templates.ts';
export { readXeroError, xeroFailure, type XeroErrorReason } from './xero-errors.ts';

export { netsuiteConnector } from './netsuite-connector.ts';
export { createNetsuiteConnector, internalIdFromLocation, type NetsuiteConnection } from './create-netsuite-connector.ts';
export { netsuiteCredentialsSchema, netsuiteSettingsSchema, type NetsuiteCredentials, type NetsuiteSettings } from './netsuite-config.ts';
export { NETSUITE_CREDIT_MEMO_TEMPLATE, NETSUITE_INVOICE_TEMPLATE } from './netsuite-templates.ts';
export { readNetsuiteError, netsuiteFailure, type NetsuiteErrorReason } from './netsuite-errors.ts';

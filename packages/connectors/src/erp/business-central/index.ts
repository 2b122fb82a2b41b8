/** Microsoft Dynamics 365 Business Central (API v2.0) connector. */
export { businessCentralConnector, createBusinessCentralConnector } from './business-central-connector.ts';
export { businessCentralTemplates } from './business-central-templates.ts';
export { BUSINESS_CENTRAL_SCOPE } from './business-central-token.ts';
export { EXTERNAL_DOCUMENT_NUMBER_MAX } from './business-central-body.ts';

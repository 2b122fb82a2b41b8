import { ErpCallError, type ErpConnector } from '@invoiceops/core';
import type { ErpConnectionConfig, ErpConnectorDefinition } from '../connector-definition.ts';
import { createBusinessCentralApi } from './business-central-api.ts';
import { BUSINESS_CENTRAL, businessCentralFailure } from './business-central-errors.ts';
import { businessCentralCredentialsSchema, businessCentralSettingsSchema, readBusinessCentralConnection } from './business-central-settings.ts';
import { businessCentralTemplates } from './business-central-templates.ts';
import { createBusinessCentralTokenSource } from './business-central-token.ts';
import { postBusinessCentralDocument } from './post-business-central-document.ts';

/**
 * Builds a connector for one Business Central company. Throws an `auth` ErpCallError when
 * the connection is incomplete. Tokens are cached per connector instance.
 */
export function createBusinessCentralConnector(config: ErpConnectionConfig): ErpConnector {
  const connection = readBusinessCentralConnection(config);
  const tokens = createBusinessCentralTokenSource({ tokenUrl: connection.tokenUrl, clientId: connection.clientId, clientSecret: connection.clientSecret, ...(connection.timeoutMs !== undefined ? { timeoutMs: connection.timeoutMs } : {}) });
  const api = createBusinessCentralApi(connection, tokens);
  return {
    kind: 'business_central',
    post: (document, body, context) => onlyErpErrors(() => postBusinessCentralDocument({ api, document, body, context })),
    ping: (signal) =>
      onlyErpErrors(async () => {
        const action = 'checking the connection';
        const response = await api.call({ method: 'GET', path: 'salesInvoices?$top=1&$select=id', action, signal });
        if (response.status !== 200) throw businessCentralFailure(response, { action, subject: 'the connection check' });
      }),
  };
}

/** The port promises ErpCallError for every failure; anything else (a bug) becomes a retryable `malformed`. */
async function onlyErpErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ErpCallError) throw error;
    throw new ErpCallError(`${BUSINESS_CENTRAL} call failed unexpectedly: ${(error as Error)?.message ?? String(error)}`, 'malformed', { errorCode: 'connector_error', outcomeUnknown: true });
  }
}

/**
 * Microsoft Dynamics 365 Business Central (API v2.0): sales invoices and credit memos,
 * Entra ID client-credentials auth, exactly-once by looking up the external document
 * number before every write. Limits: 5 concurrent OData requests and 600 per minute in
 * production (operational-limits-online; sandboxes allow 300).
 */
export const businessCentralConnector: ErpConnectorDefinition = {
  kind: 'business_central',
  displayName: 'Microsoft Dynamics 365 Business Central',
  credentialsSchema: businessCentralCredentialsSchema,
  settingsSchema: businessCentralSettingsSchema,
  limits: { concurrency: 5, perMinute: 600 },
  defaultTemplates: businessCentralTemplates,
  create: createBusinessCentralConnector,
};

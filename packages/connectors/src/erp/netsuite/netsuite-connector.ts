import { ErpCallError } from '@invoiceops/core';
import type { ErpConnectorDefinition } from '../connector-definition.ts';
import { createNetsuiteConnector } from './create-netsuite-connector.ts';
import { readPrivateKey } from './netsuite-client-assertion.ts';
import { netsuiteCredentialsSchema, netsuiteSettingsSchema } from './netsuite-config.ts';
import { NETSUITE_CREDIT_MEMO_TEMPLATE, NETSUITE_INVOICE_TEMPLATE } from './netsuite-templates.ts';

/**
 * Oracle NetSuite through REST web services (record/v1), signed in with OAuth 2.0 client
 * credentials (M2M, a JWT signed by the mapped certificate). Limits: the account's
 * concurrency limit is shared by SOAP, REST and RESTlets — 15 on a standard tier with one
 * SuiteCloud Plus licence; NetSuite states no per-minute limit, 600 is our assumption.
 */
export const netsuiteConnector: ErpConnectorDefinition = {
  kind: 'netsuite',
  displayName: 'Oracle NetSuite',
  credentialsSchema: netsuiteCredentialsSchema,
  settingsSchema: netsuiteSettingsSchema,
  limits: { concurrency: 15, perMinute: 600 },
  defaultTemplates: { invoice: NETSUITE_INVOICE_TEMPLATE, credit_memo: NETSUITE_CREDIT_MEMO_TEMPLATE },
  create(config) {
    const credentials = netsuiteCredentialsSchema.safeParse(config.credentials);
    const settings = netsuiteSettingsSchema.safeParse(config.settings);
    if (!credentials.success || !settings.success) {
      const issues = [...(credentials.error?.issues ?? []), ...(settings.error?.issues ?? [])].map((issue) => `${issue.path.join('.')}: ${issue.message}`);
      throw new ErpCallError(`The NetSuite connection is not configured correctly (${issues.join('; ')}); an administrator must fix it`, 'auth', { errorCode: 'invalid_configuration' });
    }
    const privateKey = readPrivateKey(credentials.data.privateKey);
    if (!privateKey) {
      throw new ErpCallError('The NetSuite certificate’s private key cannot be read; an administrator must paste the PEM private key again', 'auth', { errorCode: 'invalid_private_key' });
    }
    return createNetsuiteConnector({ baseUrl: config.baseUrl, credentials: credentials.data, privateKey, settings: settings.data, timeoutMs: config.timeoutMs });
  },
};

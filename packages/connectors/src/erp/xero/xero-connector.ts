import { ErpCallError } from '@invoiceops/core';
import type { ErpConnectorDefinition } from '../connector-definition.ts';
import { createXeroConnector } from './create-xero-connector.ts';
import { xeroCredentialsSchema, xeroSettingsSchema } from './xero-config.ts';
import { XERO_CREDIT_NOTE_TEMPLATE, XERO_INVOICE_TEMPLATE } from './xero-templates.ts';

/**
 * Xero through the Accounting API, signed in as a custom connection (OAuth 2.0 client
 * credentials). Limits per organisation: 5 calls at once, 60 a minute, 5,000 a day (and
 * 10,000 a minute per app across organisations).
 */
export const xeroConnector: ErpConnectorDefinition = {
  kind: 'xero',
  displayName: 'Xero',
  credentialsSchema: xeroCredentialsSchema,
  settingsSchema: xeroSettingsSchema,
  limits: { concurrency: 5, perMinute: 60 },
  defaultTemplates: { invoice: XERO_INVOICE_TEMPLATE, credit_memo: XERO_CREDIT_NOTE_TEMPLATE },
  create(config) {
    const credentials = xeroCredentialsSchema.safeParse(config.credentials);
    const settings = xeroSettingsSchema.safeParse(config.settings);
    if (!credentials.success || !settings.success) {
      const issues = [...(credentials.error?.issues ?? []), ...(settings.error?.issues ?? [])].map((issue) => `${issue.path.join('.')}: ${issue.message}`);
      throw new ErpCallError(`The Xero connection is not configured correctly (${issues.join('; ')}); an administrator must fix it`, 'auth', { errorCode: 'invalid_configuration' });
    }
    return createXeroConnector({ baseUrl: config.baseUrl, credentials: credentials.data, settings: settings.data, timeoutMs: config.timeoutMs });
  },
};

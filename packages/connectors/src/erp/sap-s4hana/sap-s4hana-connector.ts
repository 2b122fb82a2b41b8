import { z } from 'zod';
import type { ErpConnector } from '@invoiceops/core';
import type { ErpConnectionConfig, ErpConnectorDefinition } from '../connector-definition.ts';
import { classifyHttpFailure, erpFetch } from '../http/erp-http.ts';
import { postJournalEntry } from './post-journal-entry.ts';
import { readODataError } from './read-odata-error.ts';
import { SAP_PATHS, SAP_SYSTEM, sapAuthorization, sapUrl } from './sap-connection.ts';
import { SAP_DEFAULT_TEMPLATES } from './sap-templates.ts';

const credentialsSchema = z.object({
  /** The communication user of the communication arrangement (SAP_COM_0002, SAP_COM_0057). */
  username: z.string().min(1),
  password: z.string().min(1),
});

const settingsSchema = z.object({
  /** The company code to post in; when empty, the document's company (the entity mapped to a company code). */
  companyCode: z.string().regex(/^[A-Z0-9]{4}$/, 'must be a four-character SAP company code').optional(),
});

/**
 * SAP S/4HANA Cloud: customer invoices and credit memos posted as journal entries through
 * the synchronous SOAP service `JournalEntryCreateRequestConfirmation_In`, looked up first by
 * reference (SAP has no idempotency key); supplier invoices through
 * {@link ./post-supplier-invoice.ts}. SAP publishes no rate limits: the defaults are a
 * cautious guess an admin can change.
 */
export const sapS4hanaConnector: ErpConnectorDefinition = {
  kind: 'sap_s4hana',
  displayName: 'SAP S/4HANA Cloud',
  credentialsSchema,
  settingsSchema,
  limits: { concurrency: 10, perMinute: 600 },
  defaultTemplates: SAP_DEFAULT_TEMPLATES,
  create(config: ErpConnectionConfig): ErpConnector {
    credentialsSchema.parse(config.credentials);
    settingsSchema.parse(config.settings);
    return {
      kind: 'sap_s4hana',
      post: (document, body, context) => postJournalEntry(config, document, body, context),
      ping: (signal) => pingSap(config, signal),
    };
  },
};

// The service document of the journal entry read service: authenticated, cheap, no data.
async function pingSap(config: ErpConnectionConfig, signal?: AbortSignal): Promise<void> {
  const action = 'checking the connection';
  const response = await erpFetch(
    `${sapUrl(config, SAP_PATHS.journalEntryItemService)}?$format=json`,
    { method: 'GET', headers: { Authorization: sapAuthorization(config), Accept: 'application/json' } },
    { system: SAP_SYSTEM, action, timeoutMs: config.timeoutMs, signal },
  );
  if (response.status !== 200) {
    const { code, message } = readODataError(response);
    throw classifyHttpFailure(response, { system: SAP_SYSTEM, action, errorCode: code, message });
  }
}

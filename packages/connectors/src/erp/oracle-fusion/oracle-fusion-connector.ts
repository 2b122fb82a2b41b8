import { z } from 'zod';
import type { ErpConnector } from '@invoiceops/core';
import type { ErpConnectionConfig, ErpConnectorDefinition } from '../connector-definition.ts';
import { classifyHttpFailure, erpFetch } from '../http/erp-http.ts';
import { ORACLE_SYSTEM, oracleHeaders, oracleResourceUrl } from './oracle-connection.ts';
import { ORACLE_DEFAULT_TEMPLATES } from './oracle-templates.ts';
import { postReceivablesTransaction } from './post-receivables-transaction.ts';
import { readOracleError } from './read-oracle-error.ts';

const credentialsSchema = z.object({
  /** An integration user with the Receivables privileges, HTTP Basic. */
  username: z.string().min(1),
  password: z.string().min(1),
});

const settingsSchema = z.object({
  /** The business unit to post in; when empty, the document's company (the entity mapped to a business unit). */
  businessUnit: z.string().min(1).optional(),
  /** The Receivables transaction source; "Manual-NES" when empty. */
  transactionSource: z.string().min(1).optional(),
});

/**
 * Oracle Fusion Cloud Financials: Receivables invoices and credit memos through the REST
 * resources `receivablesInvoices` / `receivablesCreditMemos`, looked up first by transaction
 * number (Oracle has no idempotency key). Oracle publishes no rate limits: the defaults are
 * a cautious guess an admin can change.
 */
export const oracleFusionConnector: ErpConnectorDefinition = {
  kind: 'oracle_fusion',
  displayName: 'Oracle Fusion Cloud Financials',
  credentialsSchema,
  settingsSchema,
  limits: { concurrency: 8, perMinute: 600 },
  defaultTemplates: ORACLE_DEFAULT_TEMPLATES,
  create(config: ErpConnectionConfig): ErpConnector {
    credentialsSchema.parse(config.credentials);
    settingsSchema.parse(config.settings);
    return {
      kind: 'oracle_fusion',
      post: (document, body, context) => postReceivablesTransaction(config, document, body, context),
      ping: (signal) => pingOracle(config, signal),
    };
  },
};

// One invoice, data only: authenticated and cheap.
async function pingOracle(config: ErpConnectionConfig, signal?: AbortSignal): Promise<void> {
  const action = 'checking the connection';
  const response = await erpFetch(`${oracleResourceUrl(config, 'receivablesInvoices')}?limit=1&onlyData=true`, { method: 'GET', headers: oracleHeaders(config, false) }, { system: ORACLE_SYSTEM, action, timeoutMs: config.timeoutMs, signal });
  if (response.status !== 200) {
    const { code, message } = readOracleError(response);
    throw classifyHttpFailure(response, { system: ORACLE_SYSTEM, action, errorCode: code, message });
  }
}

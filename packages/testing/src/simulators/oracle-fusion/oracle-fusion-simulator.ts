import type { SimRequest, SimResponse, VendorSimulator } from '../simulator-server.ts';
import { frontEndPage, plainTextError } from './oracle-answers.ts';
import { createReceivablesTransaction } from './receivables-create.ts';
import { findReceivablesTransactions } from './receivables-finder.ts';
import type { SimReceivablesResource, SimReceivablesTransaction } from './receivables-store.ts';

/** The integration user the simulator accepts unless told otherwise. */
export const ORACLE_SIMULATOR_USER = { username: 'invoiceops.integration', password: 'sim-secret' } as const;

export interface OracleFusionSimulatorOptions {
  readonly username?: string;
  readonly password?: string;
  /** Business units that exist (default Vision Operations, US1 Business Unit, DE1 Business Unit). */
  readonly businessUnits?: readonly string[];
  /** Transaction sources that exist (default Manual-NES, Manual). */
  readonly transactionSources?: readonly string[];
  /** Customer account numbers that do not exist (default 9999). */
  readonly unknownCustomers?: readonly string[];
  /** Retry-After of the limit error: seconds, the harness's value (default; Oracle documents nothing), or none. */
  readonly retryAfterSeconds?: number | 'harness' | 'none';
}

/** The Oracle simulator: records are the Receivables transactions created. */
export interface OracleFusionSimulator extends VendorSimulator {
  records(): SimReceivablesTransaction[];
}

const RESOURCES = '/fscmRestApi/resources/11.13.18.05/';

/**
 * A contract simulator of Oracle Fusion Cloud Financials Receivables
 * (../shared/reference/erp-api-contracts.md §4): Basic auth, `receivablesInvoices` and
 * `receivablesCreditMemos` create (201) and `q=` finder; refusals mostly as plain text.
 */
export function createOracleFusionSimulator(options: OracleFusionSimulatorOptions = {}): OracleFusionSimulator {
  const expected = `Basic ${Buffer.from(`${options.username ?? ORACLE_SIMULATOR_USER.username}:${options.password ?? ORACLE_SIMULATOR_USER.password}`, 'utf8').toString('base64')}`;
  const master = {
    businessUnits: options.businessUnits ?? ['Vision Operations', 'US1 Business Unit', 'DE1 Business Unit'],
    transactionSources: options.transactionSources ?? ['Manual-NES', 'Manual'],
    unknownCustomers: options.unknownCustomers ?? ['9999'],
  };
  const store: SimReceivablesTransaction[] = [];

  function handle(request: SimRequest): SimResponse {
    if (request.headers.authorization !== expected) return { status: 401, headers: { 'www-authenticate': 'Basic realm="Oracle Fusion Applications"' } };
    const resource = request.path.startsWith(RESOURCES) ? request.path.slice(RESOURCES.length).replace(/\/$/, '') : '';
    if (resource !== 'receivablesInvoices' && resource !== 'receivablesCreditMemos') return plainTextError(404, `The resource ${request.path} was not found.`);
    if (request.method === 'GET') return findReceivablesTransactions(request, resource as SimReceivablesResource, store);
    if (request.method === 'POST') return createReceivablesTransaction(request, resource as SimReceivablesResource, master, store);
    return plainTextError(405, `Invalid operation ${request.method.toLowerCase()} for the specified resource.`);
  }

  return {
    name: 'oracle_fusion',
    handle,
    limitError(harnessSeconds) {
      const setting = options.retryAfterSeconds ?? 'harness';
      const seconds = setting === 'harness' ? harnessSeconds : setting;
      return frontEndPage(429, 'Too Many Requests', seconds === 'none' ? {} : { 'retry-after': String(seconds) });
    },
    serverError: () => frontEndPage(503, 'Service Unavailable'),
    records: () => [...store],
    reset: () => {
      store.length = 0;
    },
  };
}

import type { SimRequest, SimResponse, VendorSimulator } from '../simulator-server.ts';
import { handleJournalEntryItems } from './journal-entry-lookup.ts';
import { handleJournalEntryRequest, type SimJournalEntry } from './journal-entry-service.ts';
import { dispatcherPage, odataError } from './soap-answers.ts';
import { handleSupplierInvoiceService, type SimSupplierInvoice, type SupplierInvoiceState } from './supplier-invoice-service.ts';

/** The communication user the simulator accepts unless told otherwise. */
export const SAP_SIMULATOR_USER = { username: 'INVOICEOPS_COMM', password: 'sim-secret' } as const;

export interface SapS4hanaSimulatorOptions {
  readonly username?: string;
  readonly password?: string;
  /** Company codes that exist (default 1010, 1710, 2010). */
  readonly companyCodes?: readonly string[];
  /** G/L accounts that do not exist (default 999999). */
  readonly unknownGlAccounts?: readonly string[];
  /** Customers that do not exist (default 9999). */
  readonly unknownDebtors?: readonly string[];
  /** Suppliers that do not exist (default 9999). */
  readonly unknownSuppliers?: readonly string[];
  /**
   * Retry-After of the limit error: seconds, the harness's value, or none. SAP publishes no
   * limits; the one report is a gateway answering 429 with `Retry-After: 60` (the default).
   */
  readonly retryAfterSeconds?: number | 'harness' | 'none';
  /** SAP's duplicate supplier invoice check (configurable in SAP as a warning or an error): default error. */
  readonly duplicateSupplierInvoiceCheck?: 'error' | 'off';
}

/** The SAP simulator, with the hooks the CSRF tests need. */
export interface SapS4hanaSimulator extends VendorSimulator {
  /** Journal entries and supplier invoices created, in order (one entry per document). */
  records(): Array<SimJournalEntry | SimSupplierInvoice>;
  /** Forgets every CSRF token, as when SAP's session times out. */
  expireCsrfTokens(): void;
  /** How many times a CSRF token was fetched. */
  csrfTokenFetches(): number;
}

const JOURNAL_ENTRY_SOAP = '/sap/bc/srt/scs_ext/sap/journalentrycreaterequestconfi';
const JOURNAL_ENTRY_ITEMS = '/sap/opu/odata/sap/API_JOURNALENTRYITEMBASIC_SRV';
const SUPPLIER_INVOICES = '/sap/opu/odata/sap/API_SUPPLIERINVOICE_PROCESS_SRV';

/**
 * A contract simulator of SAP S/4HANA Cloud (../shared/reference/erp-api-contracts.md §3):
 * Basic auth with a communication user; the synchronous journal entry SOAP service (HTTP
 * 200 even when it refuses, no duplicate protection); the journal entry item OData lookup;
 * the supplier invoice OData service behind the CSRF handshake.
 */
export function createSapS4hanaSimulator(options: SapS4hanaSimulatorOptions = {}): SapS4hanaSimulator {
  const username = options.username ?? SAP_SIMULATOR_USER.username;
  const password = options.password ?? SAP_SIMULATOR_USER.password;
  const companyCodes = options.companyCodes ?? ['1010', '1710', '2010'];
  const unknownGlAccounts = options.unknownGlAccounts ?? ['999999'];
  const journalEntries: SimJournalEntry[] = [];
  const supplierState: SupplierInvoiceState = { sessions: new Map(), invoices: [], tokenFetches: 0 };
  const expected = `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;

  function handle(request: SimRequest): SimResponse {
    if (request.headers.authorization !== expected) {
      return dispatcherPage(401, 'Logon failed', { 'www-authenticate': 'Basic realm="SAP NetWeaver Application Server [SIM/100]"' });
    }
    if (request.path === JOURNAL_ENTRY_SOAP) return handleJournalEntryRequest(request, { companyCodes, unknownGlAccounts, unknownDebtors: options.unknownDebtors ?? ['9999'] }, journalEntries);
    if (request.path.startsWith(JOURNAL_ENTRY_ITEMS)) return handleJournalEntryItems(request, journalEntries);
    if (request.path.startsWith(SUPPLIER_INVOICES)) {
      return handleSupplierInvoiceService(request, supplierState, {
        companyCodes,
        unknownGlAccounts,
        unknownSuppliers: options.unknownSuppliers ?? ['9999'],
        duplicateCheck: options.duplicateSupplierInvoiceCheck ?? 'error',
      });
    }
    return odataError(404, '/IWFND/MED/170', `No service found for namespace '', name '${request.path}'`);
  }

  return {
    name: 'sap_s4hana',
    handle,
    limitError(harnessSeconds) {
      const setting = options.retryAfterSeconds ?? 60;
      const seconds = setting === 'harness' ? harnessSeconds : setting;
      return dispatcherPage(429, 'Too Many Requests', seconds === 'none' ? {} : { 'retry-after': String(seconds) });
    },
    serverError: () => dispatcherPage(503, 'Service Unavailable'),
    records: () => [...journalEntries, ...supplierState.invoices],
    reset() {
      journalEntries.length = 0;
      supplierState.invoices.length = 0;
      supplierState.sessions.clear();
      supplierState.tokenFetches = 0;
    },
    expireCsrfTokens: () => supplierState.sessions.clear(),
    csrfTokenFetches: () => supplierState.tokenFetches,
  };
}

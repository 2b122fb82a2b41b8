import type { ErpConnectionConfig } from '../connector-definition.ts';
import { classifyHttpFailure, erpFetch } from '../http/erp-http.ts';
import { readODataError } from './read-odata-error.ts';
import { odataString, SAP_PATHS, SAP_SYSTEM, sapAuthorization, sapUrl } from './sap-connection.ts';

/** The key of a journal entry in SAP. */
export interface SapJournalEntryKey {
  readonly companyCode: string;
  readonly accountingDocument: string;
  readonly fiscalYear: string;
}

export interface FindJournalEntryInput {
  readonly companyCode: string;
  /** The DocumentReferenceID the entry was posted with (our document number, last 16 characters). */
  readonly documentReferenceId: string;
  /** For messages ("invoice INV-1"). */
  readonly label: string;
  readonly signal?: AbortSignal;
}

interface JournalEntryItemsAnswer {
  d?: { results?: unknown } | unknown[];
}

/**
 * Looks a journal entry up by its reference in the company code through
 * `API_JOURNALENTRYITEMBASIC_SRV` (OData V2): SAP has no idempotency key, so this lookup is
 * what makes posting exactly once. Undefined when SAP has no such entry.
 */
export async function findJournalEntry(config: ErpConnectionConfig, input: FindJournalEntryInput): Promise<{ key: SapJournalEntryKey; httpStatus: number } | undefined> {
  const filter = `CompanyCode eq ${odataString(input.companyCode)} and DocumentReferenceID eq ${odataString(input.documentReferenceId)}`;
  const query = `$filter=${encodeURIComponent(filter)}&$select=CompanyCode,AccountingDocument,FiscalYear&$top=1&$format=json`;
  const action = `looking up ${input.label} in company code ${input.companyCode}`;
  const response = await erpFetch(
    `${sapUrl(config, SAP_PATHS.journalEntryItems)}?${query}`,
    { method: 'GET', headers: { Authorization: sapAuthorization(config), Accept: 'application/json' } },
    { system: SAP_SYSTEM, action, timeoutMs: config.timeoutMs, signal: input.signal },
  );
  if (response.status !== 200) {
    const { code, message } = readODataError(response);
    throw classifyHttpFailure(response, { system: SAP_SYSTEM, action, errorCode: code, message });
  }
  const d = (response.json as JournalEntryItemsAnswer | undefined)?.d;
  const results = Array.isArray(d) ? d : d?.results;
  if (!Array.isArray(results)) throw classifyHttpFailure(response, { system: SAP_SYSTEM, action });
  const first = results[0] as Record<string, unknown> | undefined;
  if (!first) return undefined;
  const accountingDocument = String(first.AccountingDocument ?? '');
  const fiscalYear = String(first.FiscalYear ?? '');
  if (accountingDocument === '' || fiscalYear === '') throw classifyHttpFailure(response, { system: SAP_SYSTEM, action });
  return { key: { companyCode: String(first.CompanyCode ?? input.companyCode), accountingDocument, fiscalYear }, httpStatus: response.status };
}

/** The ERP id we store for a journal entry: `{CompanyCode}/{AccountingDocument}/{FiscalYear}`. */
export function journalEntryId(key: SapJournalEntryKey): string {
  return `${key.companyCode}/${key.accountingDocument}/${key.fiscalYear}`;
}

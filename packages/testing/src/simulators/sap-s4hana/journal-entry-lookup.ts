import type { SimRequest, SimResponse } from '../simulator-server.ts';
import type { SimJournalEntry } from './journal-entry-service.ts';
import { odataError } from './soap-answers.ts';

const FILTERABLE = new Set(['CompanyCode', 'DocumentReferenceID', 'AccountingDocument', 'FiscalYear', 'AccountingDocumentType']);
const SERVICE = '/sap/opu/odata/sap/API_JOURNALENTRYITEMBASIC_SRV';

/**
 * `API_JOURNALENTRYITEMBASIC_SRV/A_JournalEntryItemBasic` (OData V2, read only): one row
 * per G/L item of the posted entries, filtered by `eq` conditions joined with `and`, `$top`
 * honoured, answered as `{"d":{"results":[…]}}`. The service root answers the service document.
 */
export function handleJournalEntryItems(request: SimRequest, store: readonly SimJournalEntry[]): SimResponse {
  if (request.method !== 'GET') return odataError(405, 'SY/530', `Method ${request.method} is not allowed: the service is read only`);
  if (request.path === `${SERVICE}/` || request.path === SERVICE) return { status: 200, body: { d: { EntitySets: ['A_JournalEntryItemBasic'] } } };
  if (request.path !== `${SERVICE}/A_JournalEntryItemBasic`) return odataError(404, '/IWFND/MED/170', `No service found for ${request.path}`);
  const conditions = parseFilter(request.query.get('$filter') ?? '');
  if (typeof conditions === 'string') return odataError(400, '/IWBEP/CM_MGW_RT/022', conditions);
  const top = Number.parseInt(request.query.get('$top') ?? '', 10);
  const rows = store
    .flatMap((entry) =>
      entry.items.map((item, index) => ({
        __metadata: { type: 'API_JOURNALENTRYITEMBASIC_SRV.A_JournalEntryItemBasicType' },
        CompanyCode: entry.companyCode,
        FiscalYear: entry.fiscalYear,
        AccountingDocument: entry.accountingDocument,
        AccountingDocumentItem: String(index + 1).padStart(3, '0'),
        AccountingDocumentType: entry.accountingDocumentType,
        DocumentReferenceID: entry.documentReferenceId,
        GLAccount: item.account,
        AmountInTransactionCurrency: item.amount,
        TransactionCurrency: item.currency,
      })),
    )
    .filter((row) => conditions.every(([field, value]) => (row as Record<string, unknown>)[field] === value));
  return { status: 200, body: { d: { results: Number.isNaN(top) ? rows : rows.slice(0, top) } } };
}

// `Field eq 'value' and Field eq 'value'` (OData V2 string literals, '' for a quote).
function parseFilter(filter: string): Array<[string, string]> | string {
  if (filter.trim() === '') return [];
  const conditions: Array<[string, string]> = [];
  for (const part of filter.split(/\s+and\s+(?=\w+\s+eq\s)/)) {
    const match = /^\s*(\w+)\s+eq\s+'((?:[^']|'')*)'\s*$/.exec(part);
    if (!match?.[1] || match[2] === undefined) return `Invalid filter expression: ${part}`;
    if (!FILTERABLE.has(match[1])) return `Property ${match[1]} cannot be used in $filter`;
    conditions.push([match[1], match[2].replace(/''/g, "'")]);
  }
  return conditions;
}

import type { SimRequest, SimResponse } from '../simulator-server.ts';
import { formatMillionths, toMillionths } from './decimal-text.ts';
import { soapAttribute, soapElements, soapText, xmlProblem, type RawElement } from './read-soap-request.ts';
import { journalEntryConfirmation, soapFault, type SimLogItem } from './soap-answers.ts';

/** A line of a journal entry as the simulator stored it. */
export interface SimJournalEntryLine {
  readonly account: string;
  readonly amount: string;
  readonly currency: string;
  readonly taxCode?: string;
  readonly text?: string;
  readonly costCenter?: string;
  readonly profitCenter?: string;
}

/** A journal entry the simulator posted (one per `records()` entry). */
export interface SimJournalEntry {
  readonly type: 'journalEntry';
  readonly companyCode: string;
  readonly accountingDocument: string;
  readonly fiscalYear: string;
  readonly accountingDocumentType: string;
  readonly documentReferenceId: string;
  readonly documentHeaderText: string;
  readonly documentDate: string;
  readonly postingDate: string;
  readonly messageId: string;
  readonly items: SimJournalEntryLine[];
  readonly debtorItems: SimJournalEntryLine[];
  readonly taxItems: Array<SimJournalEntryLine & { readonly baseAmount: string }>;
}

/** What the journal entry service knows of the tenant's master data. */
export interface JournalEntryMasterData {
  readonly companyCodes: readonly string[];
  readonly unknownGlAccounts: readonly string[];
  readonly unknownDebtors: readonly string[];
}

const DOCUMENT_TYPES = new Set(['SA', 'DR', 'DG', 'DZ', 'KR', 'KG', 'AB']);
const GENERIC_ERROR: SimLogItem = { typeId: '000(FINS_FI_CA)', severity: 3, note: 'Error in document: BKPFF $ SIMCLNT100' };

/**
 * `JournalEntryCreateRequestConfirmation_In`: reads the SOAP request, checks it as SAP's
 * document check would (master data, balance, field lengths) and answers HTTP 200 either
 * way: posted with a document number, or refused with `0000000000` and severity 3. An
 * unreadable request is a `Client` fault. Like SAP, it does not recognise a repeat: posting
 * the same request twice makes two documents.
 */
export function handleJournalEntryRequest(request: SimRequest, master: JournalEntryMasterData, store: SimJournalEntry[]): SimResponse {
  if (request.method !== 'POST') return soapFault('Client', `Method ${request.method} not allowed for this SOAP service`);
  const problem = xmlProblem(request.body);
  if (problem) return soapFault('Client', `XML parse error: ${problem}`);
  const bulk = soapElements(request.body, 'JournalEntryBulkCreateRequest')[0];
  const entryXml = bulk && soapElements(bulk.inner, 'JournalEntry')[0]?.inner;
  const messageId = bulk ? (soapText(bulk.inner, 'ID') ?? '') : '';
  if (!entryXml) return soapFault('Client', 'No JournalEntryBulkCreateRequest/JournalEntryCreateRequest/JournalEntry in the request');
  if (messageId === '' || messageId.length > 35) return soapFault('Client', `MessageHeader/ID must have 1 to 35 characters, got ${messageId.length}`);

  const field = (name: string) => soapText(entryXml, name) ?? '';
  const entry: SimJournalEntry = {
    type: 'journalEntry',
    companyCode: field('CompanyCode'),
    accountingDocument: '',
    fiscalYear: field('PostingDate').slice(0, 4),
    accountingDocumentType: field('AccountingDocumentType'),
    documentReferenceId: field('DocumentReferenceID'),
    documentHeaderText: field('DocumentHeaderText'),
    documentDate: field('DocumentDate'),
    postingDate: field('PostingDate'),
    messageId,
    items: soapElements(entryXml, 'Item').map((item) => ({
      ...line(item, 'GLAccount'),
      taxCode: soapText(item.inner, 'TaxCode'),
      costCenter: soapText(item.inner, 'CostCenter'),
      profitCenter: soapText(item.inner, 'ProfitCenter'),
    })),
    debtorItems: soapElements(entryXml, 'DebtorItem').map((item) => line(item, 'Debtor')),
    taxItems: soapElements(entryXml, 'ProductTaxItem').map((item) => ({ ...line(item, 'TaxCode'), baseAmount: soapText(item.inner, 'TaxBaseAmountInTransCrcy') ?? '' })),
  };
  const errors = checkEntry(entry, master);
  if (errors.length > 0) {
    return journalEntryConfirmation({ accountingDocument: '0000000000', companyCode: '', fiscalYear: '0000' }, [...errors, GENERIC_ERROR], messageId);
  }
  const sequence = store.filter((posted) => posted.companyCode === entry.companyCode && posted.fiscalYear === entry.fiscalYear).length + 1;
  const posted = { ...entry, accountingDocument: String(100_000_000 + sequence).padStart(10, '0') };
  store.push(posted);
  const note = `Document posted successfully: BKPFF ${posted.accountingDocument}${posted.companyCode}${posted.fiscalYear} SIMCLNT100`;
  return journalEntryConfirmation(posted, [{ typeId: '605(RW)', severity: 1, note }], messageId);
}

function line(item: RawElement, partyElement: string): SimJournalEntryLine {
  const amount = soapElements(item.inner, 'AmountInTransactionCurrency')[0];
  return {
    account: soapText(item.inner, partyElement) ?? '',
    amount: soapText(item.inner, 'AmountInTransactionCurrency') ?? '',
    currency: amount ? (soapAttribute(amount, 'currencyCode') ?? '') : '',
    text: soapText(item.inner, 'DocumentItemText'),
  };
}

function checkEntry(entry: SimJournalEntry, master: JournalEntryMasterData): SimLogItem[] {
  const errors: SimLogItem[] = [];
  const error = (typeId: string, note: string) => errors.push({ typeId, severity: 3, note });
  if (!master.companyCodes.includes(entry.companyCode)) error('165(F5)', `Company code ${entry.companyCode || '(blank)'} does not exist`);
  if (!DOCUMENT_TYPES.has(entry.accountingDocumentType)) error('814(F5)', `Document type ${entry.accountingDocumentType || '(blank)'} is not defined`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(entry.postingDate) || !/^\d{4}-\d{2}-\d{2}$/.test(entry.documentDate)) error('019(F5)', 'Enter a posting date and a document date');
  if (entry.documentReferenceId.length > 16) error('001(FINS_ACDOC_POST)', `Reference ${entry.documentReferenceId} is longer than 16 characters`);
  if (entry.documentHeaderText.length > 25) error('001(FINS_ACDOC_POST)', 'Document header text is longer than 25 characters');
  if (entry.items.length === 0 || entry.debtorItems.length === 0) error('702(F5)', 'A customer document needs G/L account items and a customer item');
  for (const item of entry.items) {
    if (master.unknownGlAccounts.includes(item.account)) error('025(F5)', `Account ${item.account} does not exist in company code ${entry.companyCode}`);
  }
  for (const item of entry.debtorItems) {
    if (master.unknownDebtors.includes(item.account)) error('351(F5)', `Customer ${item.account} is not defined in company code ${entry.companyCode}`);
  }
  const lines = [...entry.items, ...entry.debtorItems, ...entry.taxItems];
  const currencies = new Set(lines.map((item) => item.currency));
  if (currencies.size !== 1 || currencies.has('')) error('152(F5)', 'Every amount needs the same currencyCode');
  let balance = 0n;
  for (const item of lines) {
    const amount = toMillionths(item.amount);
    if (amount === undefined) error('118(F5)', `Amount ${item.amount || '(blank)'} is not a number`);
    else balance += amount;
  }
  if (balance !== 0n) error('702(F5)', `Balance in transaction currency ${[...currencies][0] ?? ''}: ${formatMillionths(balance)}`);
  return errors;
}

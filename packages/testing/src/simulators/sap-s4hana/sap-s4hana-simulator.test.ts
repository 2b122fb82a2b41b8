import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../simulator-server.ts';
import { createSapS4hanaSimulator, SAP_SIMULATOR_USER, type SapS4hanaSimulator } from './sap-s4hana-simulator.ts';

const AUTH = `Basic ${Buffer.from(`${SAP_SIMULATOR_USER.username}:${SAP_SIMULATOR_USER.password}`).toString('base64')}`;
const SOAP_PATH = '/sap/bc/srt/scs_ext/sap/journalentrycreaterequestconfi';
const ITEMS_PATH = '/sap/opu/odata/sap/API_JOURNALENTRYITEMBASIC_SRV/A_JournalEntryItemBasic';
const SUPPLIER_SERVICE = '/sap/opu/odata/sap/API_SUPPLIERINVOICE_PROCESS_SRV/';

function journalEntryXml(options: { reference?: string; account?: string; debtorAmount?: string; text?: string } = {}): string {
  const money = (value: string) => `<AmountInTransactionCurrency currencyCode="EUR">${value}</AmountInTransactionCurrency>`;
  return (
    '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:sfin="http://sap.com/xi/SAPSCORE/SFIN"><soapenv:Body>' +
    '<sfin:JournalEntryBulkCreateRequest><MessageHeader><ID>abc</ID><CreationDateTime>2026-01-31T10:00:00Z</CreationDateTime></MessageHeader>' +
    '<JournalEntryCreateRequest><MessageHeader><ID>abc</ID></MessageHeader><JournalEntry>' +
    `<OriginalReferenceDocumentType>BKPFF</OriginalReferenceDocumentType><BusinessTransactionType>RFBU</BusinessTransactionType><AccountingDocumentType>DR</AccountingDocumentType>` +
    `<DocumentReferenceID>${options.reference ?? 'INV-1'}</DocumentReferenceID><CompanyCode>1010</CompanyCode><DocumentDate>2026-01-31</DocumentDate><PostingDate>2026-01-31</PostingDate>` +
    `<Item><GLAccount>${options.account ?? '41000000'}</GLAccount>${money('-100.00')}<DocumentItemText>${options.text ?? 'Subscription'}</DocumentItemText><Tax><TaxCode>A1</TaxCode></Tax></Item>` +
    `<DebtorItem><Debtor>10100001</Debtor>${money(options.debtorAmount ?? '119.00')}</DebtorItem>` +
    `<ProductTaxItem><TaxCode>A1</TaxCode>${money('-19.00')}<TaxBaseAmountInTransCrcy currencyCode="EUR">-100.00</TaxBaseAmountInTransCrcy></ProductTaxItem>` +
    '</JournalEntry></JournalEntryCreateRequest></sfin:JournalEntryBulkCreateRequest></soapenv:Body></soapenv:Envelope>'
  );
}

describe('SAP S/4HANA Cloud simulator', () => {
  let vendor: SapS4hanaSimulator;
  let sim: RunningSimulator;
  const call = (path: string, init: RequestInit = {}) => fetch(`${sim.url}${path}`, { ...init, headers: { authorization: AUTH, ...(init.headers as Record<string, string>) } });
  const postEntry = (xml: string) => call(SOAP_PATH, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: xml });

  beforeAll(async () => {
    vendor = createSapS4hanaSimulator();
    sim = await startSimulator(vendor);
  });
  beforeEach(() => {
    vendor.reset();
    sim.setFaults({});
  });
  afterAll(() => sim.close());

  it('asks for Basic credentials', async () => {
    const response = await fetch(`${sim.url}${ITEMS_PATH}`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Basic/);
  });

  it('posts a journal entry, and posts a repeat again: the SOAP service has no duplicate protection', async () => {
    for (const expected of ['0100000001', '0100000002']) {
      const response = await postEntry(journalEntryXml());
      expect(response.status).toBe(200);
      expect(await response.text()).toContain(`<AccountingDocument>${expected}</AccountingDocument>`);
    }
    expect(vendor.records()).toHaveLength(2);
  });

  it('answers a business error with HTTP 200, a zero document number and severity 3', async () => {
    const response = await postEntry(journalEntryXml({ account: '999999' }));
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(text).toContain('<AccountingDocument>0000000000</AccountingDocument>');
    expect(text).toContain('<MaximumLogItemSeverityCode>3</MaximumLogItemSeverityCode>');
    expect(text).toContain('Account 999999 does not exist in company code 1010');
    expect(vendor.records()).toHaveLength(0);
  });

  it('refuses an unbalanced entry', async () => {
    const text = await (await postEntry(journalEntryXml({ debtorAmount: '118.99' }))).text();
    expect(text).toContain('Balance in transaction currency EUR: -0.01');
  });

  it('answers badly escaped XML with a Client fault', async () => {
    const response = await postEntry(journalEntryXml({ text: 'R&D' }));
    expect(response.status).toBe(500);
    expect(await response.text()).toMatch(/<faultcode>soap-env:Client<\/faultcode>.*unescaped ampersand/);
  });

  it('finds journal entry items by company code and reference', async () => {
    await postEntry(journalEntryXml({ reference: "O'NEIL-1" }));
    const filter = encodeURIComponent("CompanyCode eq '1010' and DocumentReferenceID eq 'O''NEIL-1'");
    const found = (await (await call(`${ITEMS_PATH}?$filter=${filter}&$top=1&$format=json`)).json()) as { d: { results: unknown[] } };
    expect(found.d.results).toEqual([expect.objectContaining({ CompanyCode: '1010', AccountingDocument: '0100000001', FiscalYear: '2026', DocumentReferenceID: "O'NEIL-1" })]);
    const none = (await (await call(`${ITEMS_PATH}?$filter=${encodeURIComponent("CompanyCode eq '1010' and DocumentReferenceID eq 'INV-2'")}`)).json()) as { d: { results: unknown[] } };
    expect(none.d.results).toEqual([]);
  });

  it('refuses a supplier invoice write without the CSRF token and its session cookie', async () => {
    const body = JSON.stringify({ CompanyCode: '1010', InvoicingParty: '1', DocumentDate: '2026-01-31T00:00:00', PostingDate: '2026-01-31T00:00:00', DocumentCurrency: 'EUR', InvoiceGrossAmount: '1.00' });
    const write = (headers: Record<string, string>) => call(`${SUPPLIER_SERVICE}A_SupplierInvoice`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const without = await write({});
    expect(without.status).toBe(403);
    expect(without.headers.get('x-csrf-token')).toBe('Required');
    expect(await without.text()).toBe('CSRF token validation failed');

    const fetched = await call(SUPPLIER_SERVICE, { headers: { 'x-csrf-token': 'Fetch' } });
    const token = fetched.headers.get('x-csrf-token') ?? '';
    const cookie = (fetched.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect((await write({ 'x-csrf-token': token })).status).toBe(403);
    expect((await write({ 'x-csrf-token': token, cookie })).status).toBe(201);
  });

  it('sends Retry-After 60 with its limit error unless told otherwise', () => {
    expect(vendor.limitError(1)).toMatchObject({ status: 429, headers: { 'retry-after': '60' } });
    expect(createSapS4hanaSimulator({ retryAfterSeconds: 'harness' }).limitError(7)).toMatchObject({ headers: { 'retry-after': '7' } });
    expect(createSapS4hanaSimulator({ retryAfterSeconds: 'none' }).limitError(7).headers).not.toHaveProperty('retry-after');
  });
});

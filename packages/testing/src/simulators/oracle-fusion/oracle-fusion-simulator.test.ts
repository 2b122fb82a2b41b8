import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../simulator-server.ts';
import { createOracleFusionSimulator, ORACLE_SIMULATOR_USER, type OracleFusionSimulator } from './oracle-fusion-simulator.ts';

const AUTH = `Basic ${Buffer.from(`${ORACLE_SIMULATOR_USER.username}:${ORACLE_SIMULATOR_USER.password}`).toString('base64')}`;
const INVOICES = '/fscmRestApi/resources/11.13.18.05/receivablesInvoices';

const invoice = (overrides: Record<string, unknown> = {}) => ({
  BusinessUnit: 'Vision Operations',
  TransactionSource: 'Manual-NES',
  TransactionType: 'Invoice',
  TransactionNumber: 'INV-1',
  BillToCustomerNumber: '1008',
  TransactionDate: '2026-01-31',
  InvoiceCurrencyCode: 'USD',
  receivablesInvoiceLines: [{ LineNumber: 1, Description: 'A', Quantity: 1, UnitSellingPrice: 100, TaxClassificationCode: 'VAT20' }],
  ...overrides,
});

describe('Oracle Fusion simulator', () => {
  let vendor: OracleFusionSimulator;
  let sim: RunningSimulator;
  const create = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${sim.url}${INVOICES}`, { method: 'POST', headers: { authorization: AUTH, 'content-type': 'application/vnd.oracle.adf.resourceitem+json', 'rest-framework-version': '4', ...headers }, body: JSON.stringify(body) });

  beforeAll(async () => {
    vendor = createOracleFusionSimulator();
    sim = await startSimulator(vendor);
  });
  beforeEach(() => vendor.reset());
  afterAll(() => sim.close());

  it('asks for Basic credentials', async () => {
    expect((await fetch(`${sim.url}${INVOICES}`)).status).toBe(401);
  });

  it('creates an invoice (201 with CustomerTransactionId) and refuses its number a second time with plain text', async () => {
    const created = await create(invoice());
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ CustomerTransactionId: 300100170996427, TransactionNumber: 'INV-1' });
    const again = await create(invoice());
    expect(again.status).toBe(400);
    expect(again.headers.get('content-type')).toContain('text/plain');
    expect(await again.text()).toContain('The transaction number INV-1 already exists');
    expect(vendor.records()).toHaveLength(1);
  });

  it('finds a transaction by number and business unit with q=', async () => {
    await create(invoice());
    const q = encodeURIComponent("TransactionNumber='INV-1';BusinessUnit='Vision Operations'");
    const found = (await (await fetch(`${sim.url}${INVOICES}?q=${q}&onlyData=true`, { headers: { authorization: AUTH } })).json()) as { items: unknown[]; count: number };
    expect(found).toMatchObject({ count: 1, items: [expect.objectContaining({ CustomerTransactionId: 300100170996427 })] });
    expect(found.items[0]).not.toHaveProperty('links');
    const other = encodeURIComponent("TransactionNumber='INV-1';BusinessUnit='US1 Business Unit'");
    expect(await (await fetch(`${sim.url}${INVOICES}?q=${other}`, { headers: { authorization: AUTH } })).json()).toMatchObject({ count: 0, items: [] });
  });

  it('answers AR_BU_NOT_FOUND for an unknown business unit and refuses an unknown customer', async () => {
    expect(await (await create(invoice({ BusinessUnit: 'Nowhere' }))).text()).toBe("AR_BU_NOT_FOUND: The business unit you entered doesn't exist.");
    expect(await (await create(invoice({ BillToCustomerNumber: '9999' }))).text()).toContain('9999');
  });

  it('sends framework errors as JSON to version 4 clients and as text to older ones', async () => {
    const json = await create(invoice({ TransactionDate: undefined }));
    expect(await json.json()).toMatchObject({ 'o:errorDetails': [{ 'o:errorCode': '27014' }] });
    const text = await create(invoice({ TransactionDate: undefined }), { 'rest-framework-version': '1' });
    expect(await text.text()).toBe('JBO-27014: Attribute TransactionDate in receivablesInvoices is required.');
  });

  it('refuses a body that is not an object and a credit memo that debits', async () => {
    expect(await (await create([invoice()])).text()).toBe('Invalid operation create for the specified resource.');
    const memo = await fetch(`${sim.url}/fscmRestApi/resources/11.13.18.05/receivablesCreditMemos`, {
      method: 'POST',
      headers: { authorization: AUTH, 'content-type': 'application/json' },
      body: JSON.stringify({ ...invoice({ TransactionType: 'Credit Memo', InvoiceCurrencyCode: undefined, receivablesInvoiceLines: undefined }), CreditMemoCurrency: 'USD', receivablesCreditMemoLines: [{ LineNumber: 1, LineDescription: 'A', LineQuantityCredit: 1, UnitSellingPrice: 10 }] }),
    });
    expect(await memo.text()).toContain('must be negative');
  });
});

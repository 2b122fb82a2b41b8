import { describe, expect, it } from 'vitest';
import type { SimRequest, SimResponse } from '../simulator-server.ts';
import { createBusinessCentralSimulator, type BusinessCentralSimulator } from './business-central-simulator.ts';

function request(method: string, pathAndQuery: string, body?: unknown, headers: Record<string, string> = {}): SimRequest {
  const url = new URL(pathAndQuery, 'http://sim');
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { method, path: url.pathname, query: url.searchParams, headers, body: text, json };
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const SCOPE = 'https://api.businesscentral.dynamics.com/.default';

async function signIn(vendor: BusinessCentralSimulator): Promise<(method: string, path: string, body?: unknown) => Promise<SimResponse>> {
  const answer = await vendor.handle(request('POST', `/${vendor.tenant}/oauth2/v2.0/token`, form({ grant_type: 'client_credentials', client_id: vendor.clientId, client_secret: vendor.clientSecret, scope: SCOPE })));
  const token = (answer.body as { access_token: string }).access_token;
  const base = `/v2.0/${vendor.tenant}/${vendor.environment}/api/v2.0/companies(${vendor.companyId})/`;
  return async (method, path, body) => vendor.handle(request(method, base + path, body, { authorization: `Bearer ${token}` }));
}

const errorOf = (answer: SimResponse) => (answer.body as { error: { code: string; message: string } }).error;
const header = (externalDocumentNumber: string, extra: Record<string, unknown> = {}) => ({ customerNumber: '20000', invoiceDate: '2026-01-31', externalDocumentNumber, ...extra });
const line = { lineType: 'Item', lineObjectNumber: '1928-S', quantity: 1, unitPrice: 100 };

describe('Business Central simulator', () => {
  it('issues Entra tokens for the client credentials it knows', async () => {
    const vendor = createBusinessCentralSimulator();
    const ok = await vendor.handle(request('POST', `/${vendor.tenant}/oauth2/v2.0/token`, form({ grant_type: 'client_credentials', client_id: vendor.clientId, client_secret: vendor.clientSecret, scope: SCOPE })));
    expect(ok).toMatchObject({ status: 200, body: { token_type: 'Bearer', expires_in: 3599, access_token: expect.any(String) } });

    const wrongSecret = await vendor.handle(request('POST', `/${vendor.tenant}/oauth2/v2.0/token`, form({ grant_type: 'client_credentials', client_id: vendor.clientId, client_secret: 'nope', scope: SCOPE })));
    expect(wrongSecret).toMatchObject({ status: 401, body: { error: 'invalid_client', error_codes: [7000215], error_description: expect.stringMatching(/^AADSTS7000215: Invalid client secret provided/) } });
    const wrongTenant = await vendor.handle(request('POST', '/other/oauth2/v2.0/token', form({ grant_type: 'client_credentials', client_id: vendor.clientId, client_secret: vendor.clientSecret, scope: SCOPE })));
    expect(wrongTenant).toMatchObject({ status: 400, body: { error: 'invalid_request', error_codes: [90002] } });
    expect(vendor.tokenRequests()).toBe(3);
  });

  it('refuses API calls without a live bearer token', async () => {
    const vendor = createBusinessCentralSimulator();
    const answer = await vendor.handle(request('GET', `/v2.0/${vendor.tenant}/${vendor.environment}/api/v2.0/companies(${vendor.companyId})/salesInvoices`));
    expect(answer.status).toBe(401);
    expect(errorOf(answer).code).toBe('Authentication_InvalidCredentials');
  });

  it('expires tokens after expires_in', async () => {
    let now = 1_000_000;
    const vendor = createBusinessCentralSimulator({ tokenLifetimeSeconds: 60, now: () => now });
    const api = await signIn(vendor);
    expect((await api('GET', 'salesInvoices')).status).toBe(200);
    now += 60_000;
    expect((await api('GET', 'salesInvoices')).status).toBe(401);
  });

  it('creates drafts with a GUID, a number sequence and an etag, and does not refuse a duplicate external document number', async () => {
    const vendor = createBusinessCentralSimulator();
    const api = await signIn(vendor);
    const first = await api('POST', 'salesInvoices', header('inv-1'));
    const second = await api('POST', 'salesInvoices', header('INV-1'));
    expect(first).toMatchObject({ status: 201, body: { id: expect.stringMatching(/^[0-9a-f-]{36}$/), number: 'S-INV-103001', status: 'Draft', externalDocumentNumber: 'INV-1', '@odata.etag': expect.stringMatching(/^W\/"/) } });
    expect(second).toMatchObject({ status: 201, body: { number: 'S-INV-103002' } });
    expect(vendor.records()).toHaveLength(2);

    const found = await api('GET', `salesInvoices?$filter=${encodeURIComponent("externalDocumentNumber eq 'INV-1'")}`);
    expect((found.body as { value: unknown[] }).value).toHaveLength(2);
    const none = await api('GET', `salesInvoices?$filter=${encodeURIComponent("externalDocumentNumber eq 'INV-2'")}`);
    expect(none.body).toMatchObject({ value: [] });
  });

  it('posts a draft once: 204, then Open; a second post and new lines are refused', async () => {
    const vendor = createBusinessCentralSimulator();
    const api = await signIn(vendor);
    const id = ((await api('POST', 'salesInvoices', header('INV-9'))).body as { id: string }).id;
    const empty = await api('POST', `salesInvoices(${id})/Microsoft.NAV.post`);
    expect(empty.status).toBe(400);
    expect(errorOf(empty)).toMatchObject({ code: 'Application_DialogException', message: expect.stringMatching(/^There is nothing to post\./) });

    expect((await api('POST', `salesInvoices(${id})/salesInvoiceLines`, line)).status).toBe(201);
    expect(await api('POST', `salesInvoices(${id})/Microsoft.NAV.post`)).toEqual({ status: 204 });
    expect((await api('GET', `salesInvoices(${id})`)).body).toMatchObject({ id, status: 'Open', totalAmountExcludingTax: 100 });

    const again = await api('POST', `salesInvoices(${id})/Microsoft.NAV.post`);
    expect(again.status).toBe(400);
    expect(errorOf(again)).toMatchObject({ code: 'Application_DialogException', message: expect.stringContaining('is already posted') });
    expect((await api('POST', `salesInvoices(${id})/salesInvoiceLines`, line)).status).toBe(400);
    expect(vendor.records()).toEqual([expect.objectContaining({ id, status: 'Open', lines: [expect.objectContaining({ sequence: 10000, lineObjectNumber: '1928-S' })] })]);
  });

  it('validates fields as Business Central does', async () => {
    const vendor = createBusinessCentralSimulator({ unknownNumbers: ['9999', 'GONE'] });
    const api = await signIn(vendor);
    const customer = await api('POST', 'salesInvoices', { ...header('INV-1'), customerNumber: 'GONE' });
    expect(customer.status).toBe(400);
    expect(errorOf(customer)).toMatchObject({ code: 'Application_FieldValidationException', message: expect.stringContaining('contains a value (GONE)') });

    const tooLong = await api('POST', 'salesInvoices', header('invoiceops-invoice-inv_01JBC000000000000000000000'));
    expect(errorOf(tooLong).message).toMatch(/must be less than or equal to 35 characters/);
    const creditMemoWithPo = await api('POST', 'salesCreditMemos', { customerNumber: '20000', creditMemoDate: '2026-01-31', externalDocumentNumber: 'CN-1', customerPurchaseOrderReference: 'PO-1' });
    expect(errorOf(creditMemoWithPo).message).toMatch(/'customerPurchaseOrderReference' does not exist on type 'Microsoft.NAV.salesCreditMemo'/);

    const id = ((await api('POST', 'salesInvoices', header('INV-1'))).body as { id: string }).id;
    const item = await api('POST', `salesInvoices(${id})/salesInvoiceLines`, { ...line, lineObjectNumber: '9999' });
    expect(errorOf(item).message).toMatch(/value \(9999\) that cannot be found in the related table \(Item\)/);
    const quantityAsText = await api('POST', `salesInvoices(${id})/salesInvoiceLines`, { ...line, quantity: '1.00' });
    expect(errorOf(quantityAsText).message).toMatch(/Edm\.Decimal/);
  });

  it('answers its limit and server errors in its own shape', () => {
    const vendor = createBusinessCentralSimulator({ serverErrorStatus: 500 });
    const limit = vendor.limitError(12);
    expect(limit).toMatchObject({ status: 429, headers: { 'retry-after': '12' } });
    expect(errorOf(limit).code).toBe('Application_TooManyRequests');
    expect(vendor.serverError().status).toBe(500);
    expect(errorOf(createBusinessCentralSimulator().serverError())).toMatchObject({ code: 'Internal_ServiceUnavailable', message: expect.stringContaining('CorrelationId') });
  });

  it('answers unknown companies and paths with 404', async () => {
    const vendor = createBusinessCentralSimulator();
    const api = await signIn(vendor);
    expect((await api('GET', 'salesOrders')).status).toBe(404);
    expect((await api('GET', 'salesInvoices(00000000-0000-0000-0000-000000000000)')).status).toBe(404);
  });
});

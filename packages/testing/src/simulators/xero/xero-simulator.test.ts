import { beforeEach, describe, expect, it } from 'vitest';
import type { SimRequest, SimResponse } from '../simulator-server.ts';
import { createXeroSimulator } from './xero-simulator.ts';

const TENANT = 'tenant-1';
let clock = Date.parse('2026-02-01T10:00:00Z');
const sim = createXeroSimulator({ clientId: 'id', clientSecret: 'secret', tenantId: TENANT, limits: { minute: 5 }, now: () => clock });
let auth: Record<string, string>;

function request(method: string, pathAndQuery: string, body?: unknown, headers: Record<string, string> = {}): SimRequest {
  const url = new URL(pathAndQuery, 'http://xero.example');
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  return { method, path: url.pathname, query: url.searchParams, headers: { accept: 'application/json', ...headers }, body: text, json: typeof body === 'string' ? undefined : body };
}

function tokenRequest(id: string, secret: string): SimRequest {
  return request('POST', '/connect/token', 'grant_type=client_credentials', { authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}` });
}

const api = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  sim.handle(request(method, `/api.xro/2.0/${path}`, body, { ...auth, 'xero-tenant-id': TENANT, ...headers })) as SimResponse;

const invoice = (number: string, type = 'ACCREC', accountCode = '200') => ({
  Invoices: [{ Type: type, Contact: { ContactID: 'c-1' }, Date: '2026-01-31', InvoiceNumber: number, Status: 'AUTHORISED', LineItems: [{ Description: 'A', Quantity: 1, UnitAmount: 100, AccountCode: accountCode, TaxType: 'OUTPUT' }] }],
});
const body = (answer: SimResponse) => answer.body as Record<string, unknown> & { Invoices: Record<string, unknown>[]; Elements: { ValidationErrors: { Message: string }[] }[] };

beforeEach(() => {
  sim.reset();
  clock += 3_600_000;
  const answer = sim.handle(tokenRequest('id', 'secret')) as SimResponse;
  auth = { authorization: `Bearer ${(answer.body as { access_token: string }).access_token}` };
});

describe('Xero simulator', () => {
  it('issues custom-connection tokens and refuses a wrong secret with 401 invalid_client', () => {
    expect(sim.tokenRequests()).toBe(1);
    expect(sim.handle(tokenRequest('id', 'wrong'))).toEqual({ status: 401, body: { error: 'invalid_client' } });
  });

  it('answers a call without a valid token 401 and one for another organisation 403', () => {
    expect(api('GET', 'Invoices', undefined, { authorization: 'Bearer nope' }).status).toBe(401);
    expect(api('GET', 'Invoices', undefined, { 'xero-tenant-id': 'other' }).status).toBe(403);
  });

  it('creates an invoice with PUT and answers with the envelope, the InvoiceID and the rate headers', () => {
    const answer = api('PUT', 'Invoices?summarizeErrors=true', invoice('INV-1'));
    expect(answer.status).toBe(200);
    expect(body(answer)).toMatchObject({ Status: 'OK', Invoices: [{ InvoiceNumber: 'INV-1', InvoiceID: expect.stringMatching(/^[0-9a-f-]{36}$/), Status: 'AUTHORISED' }] });
    expect(answer.headers).toMatchObject({ 'x-minlimit-remaining': '4', 'x-daylimit-remaining': '4999', 'x-appminlimit-remaining': '9999' });
  });

  it('refuses a second ACCREC invoice with the same number, but not a bill', () => {
    api('PUT', 'Invoices', invoice('INV-1'));
    const duplicate = api('PUT', 'Invoices', invoice('INV-1'));
    expect(duplicate.status).toBe(400);
    expect(body(duplicate)).toMatchObject({ ErrorNumber: 10, Type: 'ValidationException', Message: 'A validation exception occurred' });
    expect(body(duplicate).Elements[0]!.ValidationErrors).toEqual([{ Message: 'Invoice # must be unique.' }]);
    expect(api('PUT', 'Invoices', invoice('INV-1', 'ACCPAY')).status).toBe(200);
    expect(sim.records()).toHaveLength(2);
  });

  it('replays the first answer for a repeated Idempotency-Key and refuses the key with another request', () => {
    const key = { 'idempotency-key': 'k-1' };
    const created = api('PUT', 'Invoices', invoice('INV-1'), key);
    const replayed = api('PUT', 'Invoices', invoice('INV-1'), key);
    expect([replayed.status, replayed.body]).toEqual([created.status, created.body]);
    const conflict = api('PUT', 'Invoices', invoice('INV-2'), key);
    expect(conflict.status).toBe(400);
    expect(body(conflict).Detail).toBe('Idempotency Key k-1 is used with a different request');
    expect(sim.records()).toHaveLength(1);
  });

  it('forgets an Idempotency-Key after its window', () => {
    api('PUT', 'Invoices', invoice('INV-1'), { 'idempotency-key': 'k-1' });
    clock += 6 * 60_000 + 1;
    expect(body(api('PUT', 'Invoices', invoice('INV-1'), { 'idempotency-key': 'k-1' })).Elements[0]!.ValidationErrors[0]!.Message).toBe('Invoice # must be unique.');
  });

  it('updates with POST where PUT would refuse', () => {
    const id = body(api('PUT', 'Invoices', invoice('INV-1'))).Invoices[0]!.InvoiceID;
    const updated = api('POST', 'Invoices', invoice('INV-1'));
    expect(body(updated).Invoices[0]!.InvoiceID).toBe(id);
    expect(sim.records()).toMatchObject([{ updates: 1 }]);
  });

  it('finds invoices by InvoiceNumbers and credit notes by a where clause', () => {
    api('PUT', 'Invoices', invoice('INV-1'));
    api('PUT', 'CreditNotes', { CreditNotes: [{ Type: 'ACCRECCREDIT', Contact: { ContactID: 'c-1' }, CreditNoteNumber: 'CN-1', LineItems: [{ Description: 'A', Quantity: 1, UnitAmount: 5 }] }] });
    expect(body(api('GET', 'Invoices?InvoiceNumbers=INV-1,INV-9')).Invoices).toHaveLength(1);
    const credit = body(api('GET', `CreditNotes?where=${encodeURIComponent('CreditNoteNumber=="CN-1"')}`)).CreditNotes as Record<string, unknown>[];
    expect(credit).toMatchObject([{ CreditNoteNumber: 'CN-1', Type: 'ACCRECCREDIT', CreditNoteID: expect.any(String) }]);
    expect(body(api('GET', `CreditNotes?where=${encodeURIComponent('CreditNoteNumber=="CN-2"')}`)).CreditNotes).toEqual([]);
  });

  it('reports invalid elements in a 200 with summarizeErrors=false and saves the valid ones', () => {
    const answer = api('PUT', 'Invoices?summarizeErrors=false', { Invoices: [...invoice('INV-1').Invoices, ...invoice('INV-2', 'ACCREC', '9999').Invoices] });
    expect(answer.status).toBe(200);
    expect(body(answer).Invoices[1]).toMatchObject({ HasErrors: true, StatusAttributeString: 'ERROR', InvoiceID: '00000000-0000-0000-0000-000000000000' });
    expect(sim.records().map((r) => r.number)).toEqual(['INV-1']);
  });

  it('answers past the minute limit with 429, Retry-After and X-Rate-Limit-Problem', () => {
    for (let i = 0; i < 5; i += 1) api('GET', 'Organisation');
    const limited = api('GET', 'Organisation');
    expect(limited.status).toBe(429);
    expect(limited.headers).toMatchObject({ 'retry-after': '60', 'x-rate-limit-problem': 'minute', 'x-minlimit-remaining': '0' });
  });

  it('answers XML to a client that does not ask for JSON', () => {
    const answer = sim.handle(request('GET', '/api.xro/2.0/Organisation', undefined, { ...auth, 'xero-tenant-id': TENANT, accept: '*/*' })) as SimResponse;
    expect(answer.headers?.['content-type']).toContain('xml');
    expect(answer.body).toMatch(/^<Response>/);
  });
});

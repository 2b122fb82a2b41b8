import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErpCallError } from '@invoiceops/core';
import { xeroConnector } from './xero-connector.ts';
import { xeroTestDocument } from './xero-test-document.ts';

interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

const json = (status: number, value: unknown): Answer => ({ status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) });
const validToken = json(200, { access_token: 't', expires_in: 1800, token_type: 'Bearer' });
const html = '<html><body><h1>Bad Gateway</h1></body></html>';
let answers: { token: Answer; api: Answer };
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    const answer = req.url?.startsWith('/connect/') ? answers.token : answers.api;
    res.writeHead(answer.status, answer.headers ?? {});
    res.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function postAgainst(token: Answer, api: Answer): Promise<ErpCallError> {
  answers = { token, api };
  const connector = xeroConnector.create({ baseUrl, credentials: { clientId: 'c', clientSecret: 's' }, settings: { tenantId: 't' }, timeoutMs: 2_000 });
  const error = await connector.post(xeroTestDocument(), { Invoices: [] }, { attempt: 1, mayExist: false }).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ErpCallError);
  return error as ErpCallError;
}

describe('Xero connector facing answers it cannot use', () => {
  it.each<[string, string, Answer, Answer]>([
    ['an HTML page with 200', 'malformed', validToken, { status: 200, headers: { 'content-type': 'text/html' }, body: html }],
    ['XML with 200', 'malformed', validToken, { status: 200, headers: { 'content-type': 'text/xml' }, body: '<Response><Status>OK</Status></Response>' }],
    ['200 without an InvoiceID', 'malformed', validToken, json(200, { Status: 'OK', Invoices: [{}] })],
    ['200 with the zero GUID', 'malformed', validToken, json(200, { Invoices: [{ InvoiceID: '00000000-0000-0000-0000-000000000000' }] })],
    ['200 with an element in error', 'refused', validToken, json(200, { Invoices: [{ StatusAttributeString: 'ERROR', ValidationErrors: [{ Message: 'Invoice Type must be specified' }] }] })],
    ['invalid JSON with 400', 'refused', validToken, { status: 400, headers: { 'content-type': 'application/json' }, body: '{"Elements": [' }],
    ['a 2 MB body with 500', 'transient', validToken, json(500, { Detail: 'x'.repeat(2_000_000) })],
    ['201 (not what Xero answers)', 'malformed', validToken, json(201, { Invoices: [{ InvoiceID: 'a' }] })],
    ['HTML with 401 (twice)', 'auth', validToken, { status: 401, headers: { 'content-type': 'text/html' }, body: html }],
    ['an HTML sign-in page', 'malformed', { status: 200, headers: { 'content-type': 'text/html' }, body: html }, json(200, {})],
    ['a sign-in refused with 400 invalid_client', 'auth', json(400, { error: 'invalid_client' }), json(200, {})],
  ])('%s → %s', async (_name, kind, token, api) => {
    const error = await postAgainst(token, api);
    expect(error.kind).toBe(kind);
    expect((error.details.responseSnippet ?? '').length).toBeLessThanOrEqual(2_010);
  });
});

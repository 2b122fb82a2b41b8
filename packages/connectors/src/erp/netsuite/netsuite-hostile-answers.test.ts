import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErpCallError } from '@invoiceops/core';
import { netsuiteConnector } from './netsuite-connector.ts';
import { netsuiteTestDocument } from './netsuite-test-document.ts';

/** What the hostile server answers to the token request and to the record call. */
let answers: { token: Answer; record: Answer };
interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

const validToken: Answer = { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ access_token: 't', expires_in: '3600', token_type: 'bearer' }) };
const html = '<html><body><h1>Bad Gateway</h1></body></html>';
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    const answer = req.url?.includes('/oauth2/') ? answers.token : answers.record;
    res.writeHead(answer.status, answer.headers ?? {});
    res.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

async function postAgainst(token: Answer, record: Answer): Promise<ErpCallError> {
  answers = { token, record };
  const connector = netsuiteConnector.create({ baseUrl, credentials: { clientId: 'c', certificateId: 'k', privateKey }, settings: {}, timeoutMs: 2_000 });
  const document = netsuiteTestDocument();
  const error = await connector.post(document, { entity: { id: '1' } }, { attempt: 1, mayExist: false }).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ErpCallError);
  return error as ErpCallError;
}

describe('NetSuite connector facing answers it cannot use', () => {
  it.each<[string, string, Answer, Answer]>([
    ['an HTML page with 200', 'malformed', validToken, { status: 200, headers: { 'content-type': 'text/html' }, body: html }],
    ['204 without Location', 'malformed', validToken, { status: 204 }],
    ['204 with a Location that holds no internal id', 'malformed', validToken, { status: 204, headers: { location: '/services/rest/record/v1/invoice/eid:x' } }],
    ['invalid JSON with 400', 'refused', validToken, { status: 400, headers: { 'content-type': 'application/json' }, body: '{"o:errorDetails": [' }],
    ['a 2 MB body with 500', 'transient', validToken, { status: 500, headers: { 'content-type': 'application/json' }, body: `{"title":"${'x'.repeat(2_000_000)}"}` }],
    ['a redirect without Location', 'malformed', validToken, { status: 302 }],
    ['HTML with 401 (twice)', 'auth', validToken, { status: 401, headers: { 'content-type': 'text/html' }, body: html }],
    ['an HTML sign-in page', 'malformed', { status: 200, headers: { 'content-type': 'text/html' }, body: html }, { status: 204 }],
    ['a sign-in refused without a body', 'auth', { status: 401 }, { status: 204 }],
    ['a sign-in answered 502', 'transient', { status: 502, body: html }, { status: 204 }],
  ])('%s → %s', async (_name, kind, token, record) => {
    const error = await postAgainst(token, record);
    expect(error.kind).toBe(kind);
    expect((error.details.responseSnippet ?? '').length).toBeLessThanOrEqual(2_010);
  });

  it('never marks a failed sign-in as a write whose outcome is unknown', async () => {
    const error = await postAgainst({ status: 502, body: html }, { status: 204 });
    expect(error.details.outcomeUnknown).toBe(false);
  });
});

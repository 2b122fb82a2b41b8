import { generateKeyPairSync } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { createClientAssertion } from '../../../../connectors/src/erp/netsuite/netsuite-client-assertion.ts';
import type { SimRequest, SimResponse } from '../simulator-server.ts';
import { createNetsuiteSimulator } from './netsuite-simulator.ts';

const HOST = 'acct.example';
const TOKEN_URL = `http://${HOST}/services/rest/auth/oauth2/v1/token`;
const certificate = generateKeyPairSync('rsa', { modulusLength: 2048 });
const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
const sim = createNetsuiteSimulator({ clientId: 'client-1', certificateId: 'cert-1', publicKey: certificate.publicKey, knownIds: { entity: ['614', '615'] } });

function request(method: string, pathAndQuery: string, body?: unknown, headers: Record<string, string> = {}): SimRequest {
  const url = new URL(pathAndQuery, `http://${HOST}`);
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  return { method, path: url.pathname, query: url.searchParams, headers: { host: HOST, ...headers }, body: text, json: typeof body === 'string' ? undefined : body };
}

function tokenRequest(overrides: { key?: typeof certificate.privateKey; clientId?: string; audience?: string; now?: number; grantType?: string } = {}): SimRequest {
  const assertion = createClientAssertion({ clientId: overrides.clientId ?? 'client-1', certificateId: 'cert-1', privateKey: overrides.key ?? certificate.privateKey, algorithm: 'PS256', audience: overrides.audience ?? TOKEN_URL, now: overrides.now });
  const form = new URLSearchParams({ grant_type: overrides.grantType ?? 'client_credentials', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: assertion });
  return request('POST', '/services/rest/auth/oauth2/v1/token', form.toString(), { 'content-type': 'application/x-www-form-urlencoded' });
}

async function bearer(): Promise<Record<string, string>> {
  const answer = await sim.handle(tokenRequest());
  return { authorization: `Bearer ${(answer.body as { access_token: string }).access_token}` };
}

const invoice = (item = '86') => ({ entity: { id: '614' }, subsidiary: { id: '1' }, tranDate: '2026-01-31', item: { items: [{ item: { id: item }, quantity: 1, rate: 100 }] } });
const errorDetails = (answer: SimResponse) => (answer.body as { 'o:errorDetails': Record<string, string>[] })['o:errorDetails'][0];

beforeEach(() => sim.reset());

describe('NetSuite simulator: token endpoint', () => {
  it('issues a bearer token for a correctly signed assertion', async () => {
    const answer = await sim.handle(tokenRequest());
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ expires_in: '3600', token_type: 'bearer', access_token: expect.any(String) });
    expect(sim.tokenRequests()).toBe(1);
  });

  it.each([
    ['a signature by another key', { key: stranger.privateKey }, 401, 'invalid_client'],
    ['an unknown client id', { clientId: 'other' }, 401, 'invalid_client'],
    ['another audience', { audience: 'http://elsewhere/services/rest/auth/oauth2/v1/token' }, 400, 'invalid_grant'],
    ['an expired assertion', { now: Date.now() - 3_600_000 }, 400, 'invalid_grant'],
    ['another grant type', { grantType: 'authorization_code' }, 400, 'unsupported_grant_type'],
  ])('refuses %s', async (_name, overrides, status, error) => {
    const answer = await sim.handle(tokenRequest(overrides));
    expect(answer.status).toBe(status);
    expect(answer.body).toMatchObject({ error });
    expect(sim.tokenRequests()).toBe(0);
  });
});

describe('NetSuite simulator: records', () => {
  it('answers a record call without a valid token with 401 INVALID_LOGIN', async () => {
    const answer = await sim.handle(request('GET', '/services/rest/record/v1/invoice', undefined, { authorization: 'Bearer made-up' }));
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ title: 'Unauthorized', status: 401 });
    expect(errorDetails(answer)).toMatchObject({ 'o:errorCode': 'INVALID_LOGIN' });
  });

  it('upserts by external id: 204 with Location, and a repeat updates the same record', async () => {
    const auth = await bearer();
    const firstAnswer = await sim.handle(request('PUT', '/services/rest/record/v1/invoice/eid:inv-1', invoice(), auth));
    const secondAnswer = await sim.handle(request('PUT', '/services/rest/record/v1/invoice/eid:inv-1', invoice('87'), auth));
    expect(firstAnswer).toEqual({ status: 204, headers: { location: `http://${HOST}/services/rest/record/v1/invoice/1001` } });
    expect(secondAnswer).toEqual(firstAnswer);
    expect(sim.records()).toMatchObject([{ recordType: 'invoice', internalId: '1001', externalId: 'inv-1', updates: 1, createdBy: 'PUT' }]);
  });

  it('finds a record by external id and by internal id, and says 404 NONEXISTENT_ID otherwise', async () => {
    const auth = await bearer();
    await sim.handle(request('PUT', '/services/rest/record/v1/creditMemo/eid:cm-1', invoice(), auth));
    const byExternalId = await sim.handle(request('GET', '/services/rest/record/v1/creditMemo/eid:cm-1', undefined, auth));
    const byInternalId = await sim.handle(request('GET', '/services/rest/record/v1/creditMemo/1001', undefined, auth));
    const missing = await sim.handle(request('GET', '/services/rest/record/v1/invoice/eid:cm-1', undefined, auth));
    expect(byExternalId.body).toMatchObject({ id: '1001', externalId: 'cm-1', entity: { id: '614' } });
    expect(byInternalId.body).toEqual(byExternalId.body);
    expect(missing.status).toBe(404);
    expect(errorDetails(missing)).toMatchObject({ 'o:errorCode': 'NONEXISTENT_ID' });
  });

  it('creates by POST and refuses a second POST with the same external id', async () => {
    const auth = await bearer();
    const created = await sim.handle(request('POST', '/services/rest/record/v1/invoice', { ...invoice(), externalId: 'p-1' }, auth));
    const again = await sim.handle(request('POST', '/services/rest/record/v1/invoice', { ...invoice(), externalId: 'p-1' }, auth));
    expect(created.status).toBe(204);
    expect(again.status).toBe(400);
    expect(sim.records()).toHaveLength(1);
  });

  it('refuses an unknown item with the documented validation body', async () => {
    const answer = await sim.handle(request('PUT', '/services/rest/record/v1/invoice/eid:inv-2', invoice('9999'), await bearer()));
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      type: 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.1',
      title: 'Bad Request',
      status: 400,
      'o:errorDetails': [{ detail: 'Error while accessing resource: You have entered an Invalid Field Value 9999 for the following field: item', 'o:errorCode': 'INVALID_CONTENT', 'o:errorPath': 'item.items[0].item' }],
    });
    expect(sim.records()).toHaveLength(0);
  });

  it.each([
    ['a customer outside the configured list', { ...invoice(), entity: { id: '700' } }, 'entity'],
    ['a rate sent as a string', { ...invoice(), item: { items: [{ item: { id: '86' }, quantity: 1, rate: '100.00' }] } }, 'item.items[0].rate'],
    ['a tax code 9999', { ...invoice(), item: { items: [{ item: { id: '86' }, taxCode: { id: '9999' } }] } }, 'item.items[0].taxCode'],
    ['a line without an item', { ...invoice(), item: { items: [{ quantity: 1 }] } }, 'item.items[0].item'],
  ])('refuses %s', async (_name, body, path) => {
    const answer = await sim.handle(request('PUT', '/services/rest/record/v1/invoice/eid:inv-3', body, await bearer()));
    expect(answer.status).toBe(400);
    expect(errorDetails(answer)!['o:errorPath']).toBe(path);
  });

  it('answers its limit error as 429 in NetSuite’s shape with Retry-After', () => {
    const answer = sim.limitError(4);
    expect(answer.status).toBe(429);
    expect(answer.headers).toMatchObject({ 'retry-after': '4' });
    expect(errorDetails(answer)).toMatchObject({ 'o:errorCode': 'CONCURRENCY_LIMIT_EXCEEDED' });
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ErpCallError } from '@invoiceops/core';
import { BUSINESS_CENTRAL_SCOPE, createBusinessCentralTokenSource } from './business-central-token.ts';

let server: Server | undefined;

/** A local Entra token endpoint: answers in order, then fresh tokens; counts the requests and keeps their forms. */
async function entra(answers: Array<{ status: number; body: unknown }>) {
  const forms: URLSearchParams[] = [];
  const calls = { count: 0 };
  let issued = 0;
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      calls.count += 1;
      forms.push(new URLSearchParams(body));
      const answer = answers.shift() ?? { status: 200, body: { token_type: 'Bearer', expires_in: 3599, access_token: `token-${++issued}` } };
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const tokenUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/contoso/oauth2/v2.0/token`;
  return { calls, forms, tokenUrl };
}

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

describe('Business Central token source', () => {
  it('asks Entra for client credentials with the Business Central scope, once for concurrent callers', async () => {
    const { calls, forms, tokenUrl } = await entra([]);
    const tokens = createBusinessCentralTokenSource({ tokenUrl, clientId: 'app', clientSecret: 's3cret' });
    expect(await Promise.all([tokens.get(), tokens.get(), tokens.get()])).toEqual(['token-1', 'token-1', 'token-1']);
    expect(calls.count).toBe(1);
    expect(Object.fromEntries(forms[0]!)).toEqual({ grant_type: 'client_credentials', client_id: 'app', client_secret: 's3cret', scope: BUSINESS_CENTRAL_SCOPE });
  });

  it('keeps the token until shortly before it expires', async () => {
    let now = 0;
    const { calls, tokenUrl } = await entra([]);
    const tokens = createBusinessCentralTokenSource({ tokenUrl, clientId: 'app', clientSecret: 's', now: () => now });
    await tokens.get();
    now = 3_400_000;
    expect(await tokens.get()).toBe('token-1');
    now = 3_500_000; // within two minutes of expires_in (3,599 s)
    expect(await tokens.get()).toBe('token-2');
    expect(calls.count).toBe(2);
  });

  it('fetches a new token after the API refused one', async () => {
    const { tokenUrl } = await entra([]);
    const tokens = createBusinessCentralTokenSource({ tokenUrl, clientId: 'app', clientSecret: 's' });
    const first = await tokens.get();
    tokens.invalidate('some-older-token');
    expect(await tokens.get()).toBe(first);
    tokens.invalidate(first);
    expect(await tokens.get()).toBe('token-2');
  });

  it.each([
    [401, { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided. Trace ID: 1 Correlation ID: 2' }, 'auth'],
    [400, { error: 'invalid_request', error_description: "AADSTS90002: Tenant 'x' not found." }, 'auth'],
    [503, { error: 'temporarily_unavailable' }, 'transient'],
    [200, { token_type: 'Bearer' }, 'malformed'],
  ] as const)('turns Entra %i into %s', async (status, body, kind) => {
    const { tokenUrl } = await entra([{ status, body }]);
    const tokens = createBusinessCentralTokenSource({ tokenUrl, clientId: 'app', clientSecret: 's' });
    const error = await tokens.get().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ErpCallError);
    expect((error as ErpCallError).kind).toBe(kind);
    expect((error as ErpCallError).details.outcomeUnknown).toBeFalsy();
    expect((error as ErpCallError).message).not.toContain('Trace ID');
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { ErpCallError } from '@invoiceops/core';
import { BUSINESS_CENTRAL_SCOPE, createBusinessCentralTokenSource } from './business-central-token.ts';

const TOKEN_URL = 'https://login.example/contoso/oauth2/v2.0/token';

function entra(answers: Array<{ status: number; body: unknown }>) {
  const forms: URLSearchParams[] = [];
  let issued = 0;
  const fetchMock = vi.fn(async (_url: string | URL | Request, init?: RequestInit) => {
    forms.push(new URLSearchParams(String(init?.body)));
    const answer = answers.shift() ?? { status: 200, body: { token_type: 'Bearer', expires_in: 3599, access_token: `token-${++issued}` } };
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { fetchMock, forms };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('Business Central token source', () => {
  it('asks Entra for client credentials with the Business Central scope, once for concurrent callers', async () => {
    const { fetchMock, forms } = entra([]);
    const tokens = createBusinessCentralTokenSource({ tokenUrl: TOKEN_URL, clientId: 'app', clientSecret: 's3cret' });
    expect(await Promise.all([tokens.get(), tokens.get(), tokens.get()])).toEqual(['token-1', 'token-1', 'token-1']);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(Object.fromEntries(forms[0]!)).toEqual({ grant_type: 'client_credentials', client_id: 'app', client_secret: 's3cret', scope: BUSINESS_CENTRAL_SCOPE });
  });

  it('keeps the token until shortly before it expires', async () => {
    let now = 0;
    const { fetchMock } = entra([]);
    const tokens = createBusinessCentralTokenSource({ tokenUrl: TOKEN_URL, clientId: 'app', clientSecret: 's', now: () => now });
    await tokens.get();
    now = 3_400_000;
    expect(await tokens.get()).toBe('token-1');
    now = 3_500_000; // within two minutes of expires_in (3,599 s)
    expect(await tokens.get()).toBe('token-2');
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('fetches a new token after the API refused one', async () => {
    entra([]);
    const tokens = createBusinessCentralTokenSource({ tokenUrl: TOKEN_URL, clientId: 'app', clientSecret: 's' });
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
    entra([{ status, body }]);
    const tokens = createBusinessCentralTokenSource({ tokenUrl: TOKEN_URL, clientId: 'app', clientSecret: 's' });
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

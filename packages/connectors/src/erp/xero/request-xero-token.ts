import { ErpCallError } from '@invoiceops/core';
import { classifyHttpFailure, erpFetch, snippet, type ErpResponse } from '../http/erp-http.ts';
import type { IssuedToken } from '../http/access-token-cache.ts';

/** Everything one Xero token request needs. */
export interface XeroTokenRequest {
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Space-separated; empty for the scopes granted to the custom connection. */
  readonly scopes: string;
  readonly timeoutMs?: number;
}

const ACTION = 'signing in';

/**
 * Asks Xero's identity server for an access token of a custom connection: POST
 * `/connect/token` with HTTP Basic client id and secret and `grant_type=client_credentials`.
 * Throws {@link ErpCallError}; a refused client (400/401 `invalid_client` …) is `auth`.
 */
export async function requestXeroToken(request: XeroTokenRequest): Promise<IssuedToken> {
  const form = new URLSearchParams({ grant_type: 'client_credentials' });
  if (request.scopes !== '') form.set('scope', request.scopes);
  const basic = Buffer.from(`${request.clientId}:${request.clientSecret}`).toString('base64');
  try {
    const response = await erpFetch(
      request.tokenUrl,
      { method: 'POST', headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: form.toString() },
      { system: 'Xero', action: ACTION, timeoutMs: request.timeoutMs },
    );
    if (response.status === 200) return readToken(response);
    throw tokenFailure(response);
  } catch (error) {
    // A token request creates no document: a lost or failed sign-in never means "look the document up".
    if (error instanceof ErpCallError && error.details.outcomeUnknown) throw new ErpCallError(error.message, error.kind, { ...error.details, outcomeUnknown: false });
    throw error;
  }
}

function readToken(response: ErpResponse): IssuedToken {
  const body = (response.json ?? {}) as { access_token?: unknown; expires_in?: unknown };
  const expiresIn = Number(body.expires_in ?? 1800);
  if (typeof body.access_token !== 'string' || body.access_token === '' || !Number.isFinite(expiresIn) || expiresIn <= 0) {
    throw new ErpCallError('Xero answered the sign-in without an access token', 'malformed', { httpStatus: response.status, errorCode: 'missing_access_token', responseSnippet: snippet(response) });
  }
  return { accessToken: body.access_token, expiresInSeconds: expiresIn };
}

function tokenFailure(response: ErpResponse): ErpCallError {
  const body = (response.json ?? {}) as { error?: unknown; error_description?: unknown };
  const code = typeof body.error === 'string' ? body.error : undefined;
  const reason = [code, typeof body.error_description === 'string' ? body.error_description : undefined].filter(Boolean).join(': ') || undefined;
  // OAuth answers a wrong client id or secret with 400 or 401; either way only an admin can fix it.
  if (response.status === 400 && code !== undefined) {
    return new ErpCallError(`Xero refused our credentials while ${ACTION}: ${reason}; an administrator must check the custom connection’s client id and secret`, 'auth', {
      httpStatus: response.status,
      errorCode: code,
      responseSnippet: snippet(response),
    });
  }
  return classifyHttpFailure(response, { system: 'Xero', action: ACTION, errorCode: code, message: reason });
}

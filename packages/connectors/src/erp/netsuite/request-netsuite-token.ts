import type { KeyObject } from 'node:crypto';
import { ErpCallError } from '@invoiceops/core';
import { classifyHttpFailure, erpFetch, snippet, type ErpResponse } from '../http/erp-http.ts';
import type { IssuedToken } from '../http/access-token-cache.ts';
import { createClientAssertion } from './netsuite-client-assertion.ts';

/** Everything one token request needs. */
export interface NetsuiteTokenRequest {
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly certificateId: string;
  readonly privateKey: KeyObject;
  readonly algorithm: 'PS256' | 'RS256';
  readonly timeoutMs?: number;
}

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const ACTION = 'signing in';

/**
 * Asks NetSuite's token endpoint for an access token with a freshly signed client
 * assertion (OAuth 2.0 client credentials, M2M). Throws {@link ErpCallError}: a refused
 * assertion (400 invalid_grant, 401 invalid_client …) is `auth`.
 */
export async function requestNetsuiteToken(request: NetsuiteTokenRequest): Promise<IssuedToken> {
  const assertion = createClientAssertion({ clientId: request.clientId, certificateId: request.certificateId, privateKey: request.privateKey, algorithm: request.algorithm, audience: request.tokenUrl });
  const form = new URLSearchParams({ grant_type: 'client_credentials', client_assertion_type: JWT_BEARER, client_assertion: assertion });
  try {
    const response = await erpFetch(request.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: form.toString() }, { system: 'NetSuite', action: ACTION, timeoutMs: request.timeoutMs });
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
  const expiresIn = Number(body.expires_in ?? 3600);
  if (typeof body.access_token !== 'string' || body.access_token === '' || !Number.isFinite(expiresIn) || expiresIn <= 0) {
    throw new ErpCallError('NetSuite answered the sign-in without an access token', 'malformed', { httpStatus: response.status, errorCode: 'missing_access_token', responseSnippet: snippet(response) });
  }
  return { accessToken: body.access_token, expiresInSeconds: expiresIn };
}

function tokenFailure(response: ErpResponse): ErpCallError {
  const body = (response.json ?? {}) as { error?: unknown; error_description?: unknown };
  const code = typeof body.error === 'string' ? body.error : undefined;
  const description = typeof body.error_description === 'string' ? body.error_description : undefined;
  const reason = [code, description].filter(Boolean).join(': ') || undefined;
  // OAuth answers a bad client or assertion with 400 or 401; either way only an admin can fix it.
  if (response.status === 400 && code !== undefined) {
    return new ErpCallError(`NetSuite refused our credentials while ${ACTION}: ${reason}; an administrator must check the client id, certificate id and private key`, 'auth', {
      httpStatus: response.status,
      errorCode: code,
      responseSnippet: snippet(response),
    });
  }
  return classifyHttpFailure(response, { system: 'NetSuite', action: ACTION, errorCode: code, message: reason });
}

import { ErpCallError } from '@invoiceops/core';
import { classifyHttpFailure, erpFetch, snippet, type ErpResponse } from '../http/erp-http.ts';
import { BUSINESS_CENTRAL } from './business-central-errors.ts';

/** The scope of a service-to-service token for the Business Central API. */
export const BUSINESS_CENTRAL_SCOPE = 'https://api.businesscentral.dynamics.com/.default';

/** Bearer tokens for one connection, fetched once and shared by concurrent calls. */
export interface BusinessCentralTokenSource {
  /** A bearer token valid for a while yet (fetched when there is none or it is about to expire). */
  get(signal?: AbortSignal): Promise<string>;
  /** Forgets `token` (the API refused it): the next `get` fetches a new one. */
  invalidate(token: string): void;
}

export interface TokenSourceOptions {
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly timeoutMs?: number;
  /** Clock, for tests. */
  readonly now?: () => number;
}

/** Refresh this long before expiry, or half the lifetime when tokens live shorter than that. */
const REFRESH_MARGIN_MS = 120_000;
const ACTION = 'getting an access token from Microsoft Entra ID';

/**
 * Entra ID client credentials (`grant_type=client_credentials`), cached until shortly
 * before `expires_in`. A refused secret is an `auth` failure; Entra's 5xx and 429 are
 * transient. Fetching a token changes nothing, so a lost answer is never `outcomeUnknown`.
 */
export function createBusinessCentralTokenSource(options: TokenSourceOptions): BusinessCentralTokenSource {
  const now = options.now ?? Date.now;
  let cached: { token: string; refreshAt: number } | undefined;
  let pending: Promise<string> | undefined;

  async function fetchToken(signal?: AbortSignal): Promise<string> {
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: options.clientId, client_secret: options.clientSecret, scope: BUSINESS_CENTRAL_SCOPE });
    const requestedAt = now();
    let response: ErpResponse;
    try {
      response = await erpFetch(options.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: form.toString() }, {
        system: BUSINESS_CENTRAL,
        action: ACTION,
        ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      if (error instanceof ErpCallError) throw new ErpCallError(error.message, error.kind, { ...error.details, outcomeUnknown: false });
      throw error;
    }
    const body = (response.json ?? {}) as { access_token?: unknown; expires_in?: unknown };
    if (response.status !== 200) throw tokenFailure(response);
    const lifetimeSeconds = Number(body.expires_in);
    if (typeof body.access_token !== 'string' || body.access_token === '' || !Number.isFinite(lifetimeSeconds) || lifetimeSeconds <= 0) {
      throw new ErpCallError(`Microsoft Entra ID answered without an access token while ${ACTION}`, 'malformed', { httpStatus: response.status, errorCode: 'unexpected_answer', responseSnippet: snippet(response) });
    }
    const lifetimeMs = lifetimeSeconds * 1000;
    cached = { token: body.access_token, refreshAt: requestedAt + lifetimeMs - Math.min(REFRESH_MARGIN_MS, lifetimeMs / 2) };
    return body.access_token;
  }

  return {
    async get(signal) {
      if (cached && now() < cached.refreshAt) return cached.token;
      pending ??= fetchToken(signal).finally(() => {
        pending = undefined;
      });
      return pending;
    },
    invalidate(token) {
      if (cached?.token === token) cached = undefined;
    },
  };
}

/**
 * Entra answers a wrong client id, secret or tenant with 400 or 401 and an AADSTS body
 * (`{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret …"}`):
 * every one of them needs an administrator, so 400 counts as `auth` here too.
 */
function tokenFailure(response: ErpResponse): ErpCallError {
  const body = (response.json ?? {}) as { error?: unknown; error_description?: unknown };
  const code = typeof body.error === 'string' ? body.error : undefined;
  // The description goes on with "Trace ID: … Correlation ID: … Timestamp: …" lines.
  const description = typeof body.error_description === 'string' ? body.error_description.split(/\r?\n| Trace ID:/)[0]?.trim() : undefined;
  const classified = classifyHttpFailure(response.status === 400 ? { ...response, status: 401 } : response, {
    system: 'Microsoft Entra ID (for Business Central)',
    action: ACTION,
    ...(code ? { errorCode: code } : {}),
    ...(description ? { message: description } : {}),
  });
  return new ErpCallError(classified.message, classified.kind, { ...classified.details, httpStatus: response.status, outcomeUnknown: false });
}

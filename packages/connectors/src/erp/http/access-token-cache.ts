import type { ErpResponse } from '../http/erp-http.ts';

/** What a token endpoint gave us. */
export interface IssuedToken {
  readonly accessToken: string;
  readonly expiresInSeconds: number;
}

/** A bearer token shared by every call of one connection, fetched again shortly before it expires. */
export interface AccessTokenCache {
  /** The current token, asking the vendor for one when none is valid (one request however many callers wait). */
  get(): Promise<string>;
  /** Forgets `token` after the vendor refused it (a later token is kept). */
  invalidate(token: string): void;
}

/** Refresh this long before the vendor's expiry, so a token never expires mid-call. */
const REFRESH_MARGIN_MS = 60_000;

/**
 * Caches the token `issue` returns until shortly before it expires. Concurrent callers share
 * one in-flight request; a failed request is not cached, so the next call asks again.
 */
export function createAccessTokenCache(issue: () => Promise<IssuedToken>, now: () => number = Date.now): AccessTokenCache {
  let current: { token: string; refreshAt: number } | undefined;
  let pending: Promise<string> | undefined;

  async function fetchToken(): Promise<string> {
    try {
      const issued = await issue();
      const lifetimeMs = issued.expiresInSeconds * 1000;
      // A short-lived token is refreshed at 90 % of its life rather than after it died.
      current = { token: issued.accessToken, refreshAt: now() + lifetimeMs - Math.min(REFRESH_MARGIN_MS, lifetimeMs / 10) };
      return issued.accessToken;
    } finally {
      pending = undefined;
    }
  }

  return {
    get() {
      if (current && now() < current.refreshAt) return Promise.resolve(current.token);
      pending ??= fetchToken();
      return pending;
    },
    invalidate(token) {
      if (current?.token === token) current = undefined;
    },
  };
}

/**
 * Sends a call with the cached bearer token; when the vendor answers 401 (token expired or
 * revoked early), fetches a new token and sends the call once more. A second 401 is returned
 * for the caller to report as an auth failure.
 */
export async function sendWithBearer(tokens: AccessTokenCache, send: (token: string) => Promise<ErpResponse>): Promise<ErpResponse> {
  const token = await tokens.get();
  const first = await send(token);
  if (first.status !== 401) return first;
  tokens.invalidate(token);
  return send(await tokens.get());
}

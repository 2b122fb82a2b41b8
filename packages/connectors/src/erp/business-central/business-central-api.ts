import { erpFetch, type ErpResponse } from '../http/erp-http.ts';
import { BUSINESS_CENTRAL } from './business-central-errors.ts';
import type { BusinessCentralRoute } from './business-central-routes.ts';
import type { BusinessCentralConnection } from './business-central-settings.ts';
import type { BusinessCentralTokenSource } from './business-central-token.ts';

/** One authenticated call to the company's API; the answer is returned whatever its status. */
export interface BusinessCentralApi {
  /**
   * `path` is relative to the company (`salesInvoices`, `salesInvoices(<id>)/Microsoft.NAV.post`).
   * Throws only ErpCallError (no answer, or no token).
   */
  call(request: { method: 'GET' | 'POST'; path: string; body?: unknown; action: string; signal?: AbortSignal }): Promise<ErpResponse>;
}

/** What every call about one document carries: the API, where the document lives, and its name in messages. */
export interface BusinessCentralCall {
  readonly api: BusinessCentralApi;
  readonly route: BusinessCentralRoute;
  /** "invoice INV-DE-2026-000042" */
  readonly subject: string;
  readonly signal?: AbortSignal;
}

/**
 * The company API with bearer tokens: a 401 means the token was refused (expired early,
 * revoked), so the token is fetched again and the call retried once; a request refused
 * with 401 was not applied, so repeating a write here cannot duplicate it. A second 401
 * is returned to the caller, which reports it as an `auth` failure.
 */
export function createBusinessCentralApi(connection: BusinessCentralConnection, tokens: BusinessCentralTokenSource): BusinessCentralApi {
  return {
    async call({ method, path, body, action, signal }) {
      const send = async (token: string) =>
        erpFetch(
          connection.apiBase + path,
          {
            method,
            headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
            ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
          },
          { system: BUSINESS_CENTRAL, action, timeoutMs: connection.timeoutMs, signal },
        );
      const token = await tokens.get(signal);
      const response = await send(token);
      if (response.status !== 401) return response;
      tokens.invalidate(token);
      return send(await tokens.get(signal));
    },
  };
}

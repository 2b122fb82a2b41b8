import type { ErpConnectionConfig } from '../connector-definition.ts';
import { classifyHttpFailure, erpFetch } from '../http/erp-http.ts';
import { readODataError } from './read-odata-error.ts';
import { SAP_SYSTEM, sapAuthorization, sapUrl } from './sap-connection.ts';

/**
 * SAP Gateway's CSRF handshake for one OData service: a `GET` of the service root with
 * `X-CSRF-Token: Fetch` returns a token bound to the session cookies it sets; every write
 * sends both back. Keep one session per connection and service so the token is reused
 * across writes; when SAP answers `403` with `x-csrf-token: Required` the token has expired
 * and is fetched again.
 */
export class SapCsrfSession {
  private token: string | undefined;
  private readonly cookies = new Map<string, string>();

  constructor(
    private readonly config: ErpConnectionConfig,
    /** The service root, e.g. `/sap/opu/odata/sap/API_SUPPLIERINVOICE_PROCESS_SRV/`. */
    private readonly servicePath: string,
  ) {}

  /** True once a token has been fetched (and not yet found expired). */
  get hasToken(): boolean {
    return this.token !== undefined;
  }

  /** Fetches a fresh token and the session cookies that go with it. */
  async fetchToken(signal?: AbortSignal): Promise<void> {
    this.token = undefined;
    const action = 'fetching a CSRF token';
    const response = await erpFetch(
      `${sapUrl(this.config, this.servicePath)}?$format=json`,
      { method: 'GET', headers: { Authorization: sapAuthorization(this.config), 'X-CSRF-Token': 'Fetch', Accept: 'application/json', ...this.cookieHeader() } },
      { system: SAP_SYSTEM, action, timeoutMs: this.config.timeoutMs, signal },
    );
    const token = response.headers.get('x-csrf-token');
    if (response.status !== 200 || !token || token.toLowerCase() === 'required') {
      const { code, message } = readODataError(response);
      throw classifyHttpFailure(response, { system: SAP_SYSTEM, action, errorCode: code, message: message ?? (response.status === 200 ? 'SAP sent no CSRF token' : undefined) });
    }
    for (const cookie of response.headers.getSetCookie()) {
      const pair = cookie.split(';', 1)[0] ?? '';
      const at = pair.indexOf('=');
      if (at > 0) this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
    this.token = token;
  }

  /** The headers a write carries: the token and the session cookies. */
  writeHeaders(): Record<string, string> {
    return { ...(this.token ? { 'X-CSRF-Token': this.token } : {}), ...this.cookieHeader() };
  }

  private cookieHeader(): Record<string, string> {
    if (this.cookies.size === 0) return {};
    return { Cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ') };
  }
}

/** True when SAP refused a write only because its CSRF token was missing or expired. */
export function isCsrfTokenRequired(status: number, headers: Headers): boolean {
  return status === 403 && (headers.get('x-csrf-token') ?? '').toLowerCase() === 'required';
}

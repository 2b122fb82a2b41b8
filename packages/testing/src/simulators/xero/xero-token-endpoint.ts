import { randomBytes } from 'node:crypto';
import type { SimRequest, SimResponse } from '../simulator-server.ts';

/** What the simulated custom connection accepts; any client id and secret when undefined. */
export interface XeroTokenOptions {
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly lifetimeSeconds: number;
}

/** Access tokens handed out, with their expiry. */
export class XeroTokenStore {
  private readonly tokens = new Map<string, number>();
  /** Token requests answered with a token. */
  issued = 0;

  issue(nowMs: number, lifetimeSeconds: number): string {
    const token = `xero.${randomBytes(24).toString('base64url')}`;
    this.tokens.set(token, nowMs + lifetimeSeconds * 1000);
    this.issued += 1;
    return token;
  }

  accepts(authorization: string | undefined, nowMs: number): boolean {
    const token = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
    const expiresAt = token === undefined ? undefined : this.tokens.get(token);
    return expiresAt !== undefined && expiresAt > nowMs;
  }

  expireAll(): void {
    this.tokens.clear();
  }

  reset(): void {
    this.tokens.clear();
    this.issued = 0;
  }
}

function basicCredentials(authorization: string | undefined): { id: string; secret: string } | undefined {
  const encoded = /^Basic (.+)$/i.exec(authorization ?? '')?.[1];
  if (!encoded) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

/**
 * POST `/connect/token` of a custom connection: HTTP Basic client id and secret,
 * `grant_type=client_credentials`. Answers `{"access_token","expires_in":1800,"token_type":"Bearer","scope"}`;
 * a wrong id or secret gets 401 `{"error":"invalid_client"}`.
 */
export function handleXeroTokenRequest(request: SimRequest, options: XeroTokenOptions, store: XeroTokenStore, nowMs: number): SimResponse {
  if (request.method !== 'POST') return { status: 405, body: { error: 'invalid_request' } };
  const client = basicCredentials(request.headers.authorization);
  if (!client || (options.clientId !== undefined && client.id !== options.clientId) || (options.clientSecret !== undefined && client.secret !== options.clientSecret)) {
    return { status: 401, body: { error: 'invalid_client' } };
  }
  const form = new URLSearchParams(request.body);
  if (form.get('grant_type') !== 'client_credentials') return { status: 400, body: { error: 'unsupported_grant_type' } };
  const scope = form.get('scope') ?? 'accounting.transactions accounting.contacts accounting.settings';
  return { status: 200, body: { access_token: store.issue(nowMs, options.lifetimeSeconds), expires_in: options.lifetimeSeconds, token_type: 'Bearer', scope } };
}

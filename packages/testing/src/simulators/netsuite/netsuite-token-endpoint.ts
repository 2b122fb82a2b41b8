import { randomBytes, type KeyObject } from 'node:crypto';
import type { SimRequest, SimResponse } from '../simulator-server.ts';
import { verifyClientAssertion } from './verify-client-assertion.ts';

/** The token endpoint's path under the account host. */
export const NETSUITE_TOKEN_PATH = '/services/rest/auth/oauth2/v1/token';

/** What the simulated M2M integration accepts. */
export interface NetsuiteTokenOptions {
  readonly clientId?: string;
  readonly certificateId?: string;
  readonly publicKey?: KeyObject | string;
  /** The `aud` expected; default the URL the request came to (`http://{Host}{path}`). */
  readonly tokenUrl?: string;
  readonly lifetimeSeconds: number;
}

/** Access tokens handed out, with their expiry. */
export class NetsuiteTokenStore {
  private readonly tokens = new Map<string, number>();
  /** Token requests answered with a token. */
  issued = 0;

  issue(nowMs: number, lifetimeSeconds: number): string {
    const token = `ns.${randomBytes(24).toString('base64url')}`;
    this.tokens.set(token, nowMs + lifetimeSeconds * 1000);
    this.issued += 1;
    return token;
  }

  /** Whether `Authorization: Bearer …` carries a live token. */
  accepts(authorization: string | undefined, nowMs: number): boolean {
    const token = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
    const expiresAt = token === undefined ? undefined : this.tokens.get(token);
    return expiresAt !== undefined && expiresAt > nowMs;
  }

  /** Makes every token handed out so far invalid (as after a revocation or expiry). */
  expireAll(): void {
    this.tokens.clear();
  }

  reset(): void {
    this.tokens.clear();
    this.issued = 0;
  }
}

const oauthError = (status: number, error: string, description: string): SimResponse => ({ status, body: { error, error_description: description } });

/**
 * POST `/services/rest/auth/oauth2/v1/token` with `grant_type=client_credentials`,
 * `client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer` and a signed
 * `client_assertion`. Answers `{"access_token","expires_in":"3600","token_type":"bearer"}`;
 * a wrong client, certificate or signature gets 401 `{"error":"invalid_client"}`, other
 * problems 400 with the OAuth error code.
 */
export function handleNetsuiteTokenRequest(request: SimRequest, options: NetsuiteTokenOptions, store: NetsuiteTokenStore, nowMs: number): SimResponse {
  if (request.method !== 'POST') return oauthError(405, 'invalid_request', 'the token endpoint takes POST');
  const form = new URLSearchParams(request.body);
  if (form.get('grant_type') !== 'client_credentials') return oauthError(400, 'unsupported_grant_type', 'grant_type must be client_credentials');
  if (form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer') return oauthError(400, 'invalid_request', 'client_assertion_type must be jwt-bearer');
  const assertion = form.get('client_assertion');
  if (!assertion) return oauthError(400, 'invalid_request', 'client_assertion is required');
  const audience = options.tokenUrl ?? `http://${request.headers.host ?? 'localhost'}${request.path}`;
  const problem = verifyClientAssertion(assertion, { clientId: options.clientId, certificateId: options.certificateId, publicKey: options.publicKey, audience, nowSeconds: Math.floor(nowMs / 1000) });
  if (problem) return oauthError(problem.error === 'invalid_client' ? 401 : 400, problem.error, problem.description);
  const token = store.issue(nowMs, options.lifetimeSeconds);
  return { status: 200, body: { access_token: token, expires_in: String(options.lifetimeSeconds), token_type: 'bearer' } };
}

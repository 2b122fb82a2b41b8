import { randomBytes, randomUUID } from 'node:crypto';
import type { SimRequest, SimResponse } from '../simulator-server.ts';
import { bcError } from './business-central-answers.ts';

const SCOPE = 'https://api.businesscentral.dynamics.com/.default';

export interface EntraOptions {
  readonly tenant: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly tokenLifetimeSeconds: number;
  readonly now: () => number;
}

/** The Entra ID token endpoint and the API's bearer check, sharing the tokens issued. */
export interface EntraSimulator {
  /** `POST /{tenant}/oauth2/v2.0/token` (client credentials). */
  token(request: SimRequest, tenant: string): SimResponse;
  /** Undefined when the request carries a live token, else the API's 401. */
  checkBearer(request: SimRequest): SimResponse | undefined;
  /** Token requests answered since the start or the last reset. */
  readonly tokenRequests: () => number;
  /** Every token issued so far stops working (as after a key rotation). */
  revokeAll(): void;
  /** While true the API refuses every token (the app lost its permission in Business Central). */
  setRejectAll(reject: boolean): void;
  reset(): void;
}

/** Entra's error body: the description carries the AADSTS code and trace lines. */
function aadsts(status: number, error: string, code: number, description: string): SimResponse {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date().toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  return {
    status,
    body: {
      error,
      error_description: `AADSTS${code}: ${description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    },
  };
}

/** Creates the Entra part of the simulator. */
export function createEntraSimulator(options: EntraOptions): EntraSimulator {
  const live = new Map<string, number>();
  let requests = 0;
  let rejectAll = false;

  return {
    token(request, tenant) {
      requests += 1;
      if (tenant !== options.tenant) return aadsts(400, 'invalid_request', 90002, `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`);
      const form = new URLSearchParams(request.body);
      if (form.get('grant_type') !== 'client_credentials') return aadsts(400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type.');
      if (form.get('client_id') !== options.clientId) {
        return aadsts(400, 'unauthorized_client', 700016, `Application with identifier '${form.get('client_id') ?? ''}' was not found in the directory '${tenant}'.`);
      }
      if (form.get('client_secret') !== options.clientSecret) {
        return aadsts(401, 'invalid_client', 7000215, `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${options.clientId}'.`);
      }
      if (form.get('scope') !== SCOPE) return aadsts(400, 'invalid_scope', 70011, `The provided value for the input parameter 'scope' is not valid. The scope ${form.get('scope') ?? ''} is not valid.`);
      const accessToken = `eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.sim.${randomBytes(24).toString('base64url')}`;
      live.set(accessToken, options.now() + options.tokenLifetimeSeconds * 1000);
      return { status: 200, body: { token_type: 'Bearer', expires_in: options.tokenLifetimeSeconds, ext_expires_in: options.tokenLifetimeSeconds, access_token: accessToken } };
    },
    checkBearer(request) {
      const header = request.headers.authorization ?? '';
      const token = /^Bearer (.+)$/i.exec(header)?.[1];
      const expiresAt = token ? live.get(token) : undefined;
      if (!rejectAll && expiresAt !== undefined && options.now() < expiresAt) return undefined;
      return bcError(401, 'Authentication_InvalidCredentials', 'The server has rejected the client credentials.', {
        'www-authenticate': 'Bearer authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="invalid_token"',
      });
    },
    tokenRequests: () => requests,
    revokeAll() {
      live.clear();
    },
    setRejectAll(reject) {
      rejectAll = reject;
    },
    reset() {
      requests = 0;
      rejectAll = false;
    },
  };
}

import type { SimRequest, SimResponse, VendorSimulator } from '../simulator-server.ts';
import { XERO_COLLECTIONS } from './xero-collections.ts';
import { XeroDocumentStore, xeroEnvelope, type XeroSimDocument } from './xero-document-store.ts';
import { xeroProblem, xeroUnauthorized } from './xero-error-body.ts';
import { XeroIdempotency } from './xero-idempotency.ts';
import { XeroRateLimits, type XeroLimits } from './xero-rate-limits.ts';
import { handleXeroTokenRequest, XeroTokenStore } from './xero-token-endpoint.ts';
import type { XeroKnownIds } from './validate-xero-document.ts';
import { asXeroXml } from './xero-xml.ts';

/** How the simulated Xero organisation and custom connection are set up. */
export interface XeroSimulatorOptions {
  /** The custom connection's client id and secret; any when undefined. */
  clientId?: string;
  clientSecret?: string;
  /** The organisation (`xero-tenant-id`) the connection may use; any non-empty when undefined. */
  tenantId?: string;
  /** Contacts, account codes, item codes and tax types the organisation has; by default anything but "9999". */
  knownIds?: XeroKnownIds;
  /** Access token lifetime (Xero: 30 minutes). */
  tokenLifetimeSeconds?: number;
  /** How long an Idempotency-Key replays its first answer (reported: about 6 minutes). */
  idempotencyWindowMs?: number;
  /** Per-tenant minute and day limits and the per-app minute limit (60, 5,000, 10,000). */
  limits?: Partial<XeroLimits>;
  now?: () => number;
}

/** The Xero simulator, with what tests need beyond {@link VendorSimulator}. */
export interface XeroSimulator extends VendorSimulator {
  records(): XeroSimDocument[];
  /** Token requests answered with a token since start or reset. */
  tokenRequests(): number;
  /** Invalidates every access token handed out (the next API call gets 401). */
  expireTokens(): void;
}

const TOKEN_PATH = '/connect/token';
const API_PATH = /^\/api\.xro\/2\.0\/([A-Za-z]+)(?:\/([^/]+))?\/?$/;

/**
 * The Xero Accounting API as documented and reported: custom-connection token endpoint;
 * bearer and `xero-tenant-id` on every call; PUT creates and POST creates or updates
 * invoices and credit notes; `Idempotency-Key` replays; a duplicate ACCREC number is a 400
 * ValidationException "Invoice # must be unique."; rate headers on every answer and 429 with
 * `Retry-After` and `X-Rate-Limit-Problem` past a limit; XML unless JSON is asked for.
 */
export function createXeroSimulator(options: XeroSimulatorOptions = {}): XeroSimulator {
  const now = options.now ?? Date.now;
  const tokens = new XeroTokenStore();
  const store = new XeroDocumentStore(options.knownIds ?? {});
  const idempotency = new XeroIdempotency(options.idempotencyWindowMs ?? 6 * 60_000);
  const limits = new XeroRateLimits({ minute: options.limits?.minute ?? 60, day: options.limits?.day ?? 5_000, appMinute: options.limits?.appMinute ?? 10_000 });
  const tokenOptions = { clientId: options.clientId, clientSecret: options.clientSecret, lifetimeSeconds: options.tokenLifetimeSeconds ?? 1800 };

  function write(request: SimRequest, tenantId: string, resource: string, mode: 'create' | 'upsert'): SimResponse {
    const collection = XERO_COLLECTIONS[resource]!;
    const key = typeof request.headers['idempotency-key'] === 'string' ? request.headers['idempotency-key'] : null;
    if (key === null) return store.write(request, tenantId, collection, mode, null, now());
    const fingerprint = `${request.method} ${request.path} ${request.body}`;
    const earlier = idempotency.check(tenantId, key, fingerprint, now());
    if (earlier) return earlier;
    const answer = store.write(request, tenantId, collection, mode, key, now());
    idempotency.remember(tenantId, key, fingerprint, answer, now());
    return answer;
  }

  function route(request: SimRequest, tenantId: string): SimResponse {
    const match = API_PATH.exec(request.path);
    const [resource, id] = [match?.[1] ?? '', match?.[2] === undefined ? undefined : decodeURIComponent(match[2])];
    if (resource === 'Organisation' && request.method === 'GET') {
      return xeroEnvelope('Organisations', [{ OrganisationID: tenantId, Name: 'Demo Company (Simulator)', BaseCurrency: 'EUR', OrganisationType: 'COMPANY' }], now());
    }
    const collection = XERO_COLLECTIONS[resource];
    if (!collection) return xeroProblem(404, 'Resource Not Found', "The resource you're looking for cannot be found");
    if (request.method === 'GET') return store.read(request, tenantId, collection, id, now());
    if (id === undefined && request.method === 'PUT') return write(request, tenantId, resource, 'create');
    if (id === undefined && request.method === 'POST') return write(request, tenantId, resource, 'upsert');
    return xeroProblem(405, 'Method Not Allowed', `${request.method} is not supported on ${request.path}`);
  }

  function api(request: SimRequest): SimResponse {
    if (!tokens.accepts(request.headers.authorization, now())) return xeroUnauthorized();
    const tenantId = request.headers['xero-tenant-id'];
    if (typeof tenantId !== 'string' || tenantId === '' || (options.tenantId !== undefined && tenantId !== options.tenantId)) return xeroProblem(403, 'Forbidden', 'AuthenticationUnsuccessful');
    const rate = limits.take(tenantId, now());
    if (rate.over) return xeroProblem(429, 'Too Many Requests', `You have exceeded the ${rate.over.problem} rate limit`, rate.headers);
    const answer = route(request, tenantId);
    return { ...answer, headers: { ...rate.headers, ...(answer.headers ?? {}) } };
  }

  return {
    name: 'xero',
    exemptFromFaults: (request) => request.path === TOKEN_PATH,
    handle(request) {
      if (request.path === TOKEN_PATH) return handleXeroTokenRequest(request, tokenOptions, tokens, now());
      const answer = request.path.startsWith('/api.xro/2.0/') ? api(request) : xeroProblem(404, 'Resource Not Found', "The resource you're looking for cannot be found");
      return (request.headers.accept ?? '').includes('application/json') ? answer : asXeroXml(answer);
    },
    limitError: (retryAfterSeconds) => xeroProblem(429, 'Too Many Requests', 'You have exceeded the minute rate limit', { 'retry-after': String(retryAfterSeconds), 'x-rate-limit-problem': 'minute' }),
    serverError: () => xeroProblem(500, 'An error occurred', 'An error occurred in Xero. Check the API Status page http://status.developer.xero.com for current service status.'),
    records: () => store.documents,
    tokenRequests: () => tokens.issued,
    expireTokens: () => tokens.expireAll(),
    reset() {
      store.reset();
      tokens.reset();
      idempotency.reset();
      limits.reset();
    },
  };
}

import type { KeyObject } from 'node:crypto';
import type { SimRequest, SimResponse, VendorSimulator } from '../simulator-server.ts';
import { invalidLogin, netsuiteError } from './netsuite-error-body.ts';
import { handleNetsuiteTokenRequest, NETSUITE_TOKEN_PATH, NetsuiteTokenStore } from './netsuite-token-endpoint.ts';
import { validateNetsuiteRecord, type NetsuiteKnownIds } from './validate-netsuite-record.ts';

/** How the simulated NetSuite account is set up. */
export interface NetsuiteSimulatorOptions {
  /** The integration's client id (`iss` of the assertion); any when undefined. */
  clientId?: string;
  /** The M2M certificate id (`kid`); any when undefined. */
  certificateId?: string;
  /** The certificate's public key: assertions must be signed by its private key. Unchecked when undefined. */
  publicKey?: KeyObject | string;
  /** The `aud` expected in assertions; default the URL the token request came to. */
  tokenUrl?: string;
  /** Access token lifetime (NetSuite: 60 minutes). */
  tokenLifetimeSeconds?: number;
  /** Ids the account has; by default any non-empty id except "9999". */
  knownIds?: NetsuiteKnownIds;
  /** Whether the 429 carries Retry-After (unverified for NetSuite REST; default true). */
  sendRetryAfter?: boolean;
  /** The first internal id handed out (transactions share one sequence). */
  firstInternalId?: number;
  now?: () => number;
}

/** One transaction the simulator holds. */
export interface NetsuiteSimRecord {
  readonly recordType: 'invoice' | 'creditMemo';
  readonly internalId: string;
  readonly externalId: string | null;
  body: Record<string, unknown>;
  readonly createdBy: 'PUT' | 'POST';
  /** How many times an upsert changed it after creation. */
  updates: number;
}

/** The NetSuite simulator, with what tests need beyond {@link VendorSimulator}. */
export interface NetsuiteSimulator extends VendorSimulator {
  records(): NetsuiteSimRecord[];
  /** Token requests answered with a token since start or reset. */
  tokenRequests(): number;
  /** Invalidates every access token handed out (the next record call gets 401 INVALID_LOGIN). */
  expireTokens(): void;
  /**
   * With `false`, tokens are still issued but every record call is refused with 401
   * INVALID_LOGIN, as when the integration's role lacks "Log in using OAuth 2.0 Access Tokens".
   */
  setLoginAllowed(allowed: boolean): void;
}

const RECORD_PATH = /^\/services\/rest\/record\/v1\/([A-Za-z]+)(?:\/([^/]+))?\/?$/;
const RECORD_TYPES = new Set(['invoice', 'creditMemo']);

/**
 * Oracle NetSuite REST web services (record/v1) as documented: OAuth 2.0 M2M token
 * endpoint; `PUT /record/v1/{type}/eid:{externalId}` upserts (204, `Location` with the
 * numeric internal id; a repeat updates the same record); `POST` creates (204 + Location);
 * `GET` by internal id or `eid:`; 400 `o:errorDetails` validation errors; 401 INVALID_LOGIN;
 * 429 and 500 in NetSuite's error shape.
 */
export function createNetsuiteSimulator(options: NetsuiteSimulatorOptions = {}): NetsuiteSimulator {
  const now = options.now ?? Date.now;
  const tokens = new NetsuiteTokenStore();
  let stored: NetsuiteSimRecord[] = [];
  // Look-ups by `type|id` and `type|eid:externalId`, as NetSuite's own are indexed: a look-up
  // that scanned every record would make the simulator, not the client, the bottleneck at scale.
  let byKey = new Map<string, NetsuiteSimRecord>();
  let nextId = options.firstInternalId ?? 1001;
  let loginAllowed = true;
  const tokenOptions = { clientId: options.clientId, certificateId: options.certificateId, publicKey: options.publicKey, tokenUrl: options.tokenUrl, lifetimeSeconds: options.tokenLifetimeSeconds ?? 3600 };

  const find = (type: string, id: string) => byKey.get(`${type}|${id}`);
  const recordUrl = (request: SimRequest, record: NetsuiteSimRecord) => `http://${request.headers.host ?? 'localhost'}/services/rest/record/v1/${record.recordType}/${record.internalId}`;
  const created = (request: SimRequest, record: NetsuiteSimRecord): SimResponse => ({ status: 204, headers: { location: recordUrl(request, record) } });

  function create(type: string, externalId: string | null, body: Record<string, unknown>, createdBy: 'PUT' | 'POST'): NetsuiteSimRecord {
    const record: NetsuiteSimRecord = { recordType: type as NetsuiteSimRecord['recordType'], internalId: String(nextId++), externalId, body, createdBy, updates: 0 };
    stored.push(record);
    byKey.set(`${type}|${record.internalId}`, record);
    if (externalId !== null) byKey.set(`${type}|eid:${externalId}`, record);
    return record;
  }

  function show(request: SimRequest, record: NetsuiteSimRecord): SimResponse {
    return { status: 200, body: { links: [{ rel: 'self', href: recordUrl(request, record) }], ...record.body, id: record.internalId, externalId: record.externalId ?? undefined } };
  }

  function list(request: SimRequest, type: string): SimResponse {
    const limit = Math.max(1, Math.min(1000, Number(request.query.get('limit') ?? 1000) || 1000));
    const ofType = stored.filter((r) => r.recordType === type);
    const items = ofType.slice(0, limit).map((r) => ({ links: [{ rel: 'self', href: recordUrl(request, r) }], id: r.internalId }));
    return { status: 200, body: { links: [], count: items.length, hasMore: ofType.length > limit, items, offset: 0, totalResults: ofType.length } };
  }

  function upsert(request: SimRequest, type: string, id: string): SimResponse {
    const externalId = id.slice(4);
    if (!/^[A-Za-z0-9_-]{1,255}$/.test(externalId)) return netsuiteError(400, 'INVALID_ID', `Invalid external ID ${externalId}: use letters, digits, _ and - only.`);
    const problem = validateNetsuiteRecord(request.json, options.knownIds ?? {});
    if (problem) return problem;
    const body = request.json as Record<string, unknown>;
    const existing = find(type, id);
    if (!existing) return created(request, create(type, externalId, body, 'PUT'));
    existing.body = body;
    existing.updates += 1;
    return created(request, existing);
  }

  function createByPost(request: SimRequest, type: string): SimResponse {
    const problem = validateNetsuiteRecord(request.json, options.knownIds ?? {});
    if (problem) return problem;
    const body = request.json as Record<string, unknown>;
    const externalId = typeof body.externalId === 'string' ? body.externalId : null;
    // The error for a POST reusing an external id is not documented; this code is an assumption.
    if (externalId !== null && find(type, `eid:${externalId}`)) return netsuiteError(400, 'DUP_RCRD', `A record with the external ID ${externalId} already exists.`, { path: 'externalId' });
    return created(request, create(type, externalId, body, 'POST'));
  }

  function records(request: SimRequest, type: string, id: string | undefined): SimResponse {
    if (!RECORD_TYPES.has(type)) return netsuiteError(404, 'INVALID_RCRD_TYPE', `Record type '${type}' does not exist.`);
    if (id === undefined) {
      if (request.method === 'GET') return list(request, type);
      if (request.method === 'POST') return createByPost(request, type);
    } else if (request.method === 'GET') {
      const record = find(type, id);
      return record ? show(request, record) : netsuiteError(404, 'NONEXISTENT_ID', 'The record instance does not exist. Provide a valid record instance ID.');
    } else if (request.method === 'PUT' && id.startsWith('eid:')) {
      return upsert(request, type, id);
    }
    return netsuiteError(405, 'METHOD_NOT_ALLOWED', `${request.method} is not supported here.`);
  }

  return {
    name: 'netsuite',
    exemptFromFaults: (request) => request.path === NETSUITE_TOKEN_PATH,
    handle(request) {
      if (request.path === NETSUITE_TOKEN_PATH) return handleNetsuiteTokenRequest(request, tokenOptions, tokens, now());
      if (!loginAllowed || !tokens.accepts(request.headers.authorization, now())) return invalidLogin();
      const match = RECORD_PATH.exec(request.path);
      if (!match) return netsuiteError(404, 'INVALID_URL', `The URL ${request.path} is not a REST web services resource.`);
      return records(request, match[1]!, match[2] === undefined ? undefined : decodeURIComponent(match[2]));
    },
    limitError(retryAfterSeconds) {
      const headers: Record<string, string> = options.sendRetryAfter === false ? {} : { 'retry-after': String(retryAfterSeconds) };
      return netsuiteError(429, 'CONCURRENCY_LIMIT_EXCEEDED', 'Too Many Requests: the request exceeds the concurrency limit of this account. Try again later.', { headers });
    },
    serverError: () => netsuiteError(500, 'UNEXPECTED_ERROR', 'An unexpected error occurred. Error ID: sim-500.'),
    records: () => stored,
    tokenRequests: () => tokens.issued,
    expireTokens: () => tokens.expireAll(),
    setLoginAllowed(allowed) {
      loginAllowed = allowed;
    },
    reset() {
      loginAllowed = true;
      stored = [];
      byKey = new Map();
      nextId = options.firstInternalId ?? 1001;
      tokens.reset();
    },
  };
}

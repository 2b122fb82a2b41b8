import type { SimRequest, SimResponse, VendorSimulator } from '../simulator-server.ts';
import { bcError, notFound } from './business-central-answers.ts';
import { createEntraSimulator } from './business-central-auth.ts';
import { createDocumentStore } from './business-central-documents.ts';
import type { SalesEntity } from './business-central-validation.ts';

export interface BusinessCentralSimulatorOptions {
  /** Entra tenant in both the token and the API paths (default `sim-tenant`). */
  tenant?: string;
  /** Environment in the API path (default `production`). */
  environment?: string;
  /** The only company (default a fixed GUID, {@link DEFAULT_COMPANY_ID}). */
  companyId?: string;
  /** The app registration the token endpoint accepts. */
  clientId?: string;
  clientSecret?: string;
  /** `expires_in` of issued tokens (default 3599, as Entra). */
  tokenLifetimeSeconds?: number;
  /** Customer, item and account numbers that do not exist (default `["9999"]`). */
  unknownNumbers?: readonly string[];
  /** The first document number of the sequence (`S-INV-103001`). */
  firstNumber?: number;
  /** Status of `serverError()`: 503 (default) or 500. */
  serverErrorStatus?: 500 | 503;
  /** Clock for token expiry. */
  now?: () => number;
}

/** The simulator plus controls tests use to exercise authentication. */
export interface BusinessCentralSimulator extends VendorSimulator {
  readonly tenant: string;
  readonly environment: string;
  readonly companyId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Requests the token endpoint answered since the start or the last reset. */
  tokenRequests(): number;
  /** Every token issued so far stops working (the API answers 401 until a new one is fetched). */
  revokeTokens(): void;
  /** While true the API refuses every token, new ones included. */
  setRejectTokens(reject: boolean): void;
}

/** The company id the simulator serves unless told otherwise. */
export const DEFAULT_COMPANY_ID = '5d115c9c-44e3-ea11-bb43-000d3a2feca1';

const TOKEN_PATH = /^\/([^/]+)\/oauth2\/v2\.0\/token$/;
const API_PATH = /^\/v2\.0\/([^/]+)\/([^/]+)\/api\/v2\.0\/companies\(([^)]+)\)(?:\/(.*))?$/;
const LINES: Record<SalesEntity, string> = { salesInvoices: 'salesInvoiceLines', salesCreditMemos: 'salesCreditMemoLines' };

/**
 * A contract simulator of Dynamics 365 Business Central API v2.0 (sales invoices and
 * credit memos) with its Entra ID token endpoint, for `startSimulator`:
 * - `POST /{tenant}/oauth2/v2.0/token` (client credentials; AADSTS errors);
 * - `/v2.0/{tenant}/{environment}/api/v2.0/companies({id})/salesInvoices|salesCreditMemos`
 *   with `$filter=externalDocumentNumber eq '…'`, `(id)`, `(id)/salesInvoiceLines|salesCreditMemoLines`
 *   and `(id)/Microsoft.NAV.post` (204; a second post is refused).
 *
 * From Microsoft's API v2.0 reference: the routes, 201 with `id`/`number`/`status`/
 * `@odata.etag`, the 204 post action, the status values, the id kept through posting,
 * the property lists, "External Document No." as Code[35] (upper-cased) and no uniqueness
 * check on it. Assumed (unverified, shared/reference/erp-api-contracts.md [U]): the exact
 * codes and texts of validation errors, `Application_StringExceededLength`, the 5xx codes
 * (`Internal_ServiceUnavailable`, `Internal_ServerError`), `NoEnvironment`, `BadRequest` for
 * unknown properties, Retry-After on 429, and case-sensitive `$filter` matching.
 */
export function createBusinessCentralSimulator(options: BusinessCentralSimulatorOptions = {}): BusinessCentralSimulator {
  const tenant = options.tenant ?? 'sim-tenant';
  const environment = options.environment ?? 'production';
  const companyId = (options.companyId ?? DEFAULT_COMPANY_ID).toLowerCase();
  const clientId = options.clientId ?? 'bc-sim-client';
  const clientSecret = options.clientSecret ?? 'bc-sim-secret';
  const entra = createEntraSimulator({ tenant, clientId, clientSecret, tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3599, now: options.now ?? Date.now });
  const store = createDocumentStore({
    master: { unknownNumbers: new Set(options.unknownNumbers ?? ['9999']) },
    firstNumber: options.firstNumber ?? 103001,
    contextBase: `https://api.businesscentral.dynamics.com/v2.0/${tenant}/${environment}/api/v2.0`,
  });

  function api(request: SimRequest, rest: string): SimResponse {
    const { method } = request;
    const collection = /^(salesInvoices|salesCreditMemos)$/.exec(rest);
    if (collection) {
      const entity = collection[1] as SalesEntity;
      if (method === 'GET') return store.list(entity, request.query);
      if (method === 'POST') return store.create(entity, request.json ?? request.body);
      return methodNotAllowed(method);
    }
    const item = /^(salesInvoices|salesCreditMemos)\(([^)]+)\)(?:\/(.+))?$/.exec(rest);
    if (!item) return notFound(`No HTTP resource was found that matches the request URI '${request.path}'.`);
    const entity = item[1] as SalesEntity;
    const id = item[2] ?? '';
    const sub = item[3];
    if (sub === undefined) return method === 'GET' ? store.read(entity, id) : methodNotAllowed(method);
    if (sub === LINES[entity]) {
      if (method === 'GET') return store.listLines(entity, id);
      if (method === 'POST') return store.addLine(entity, id, request.json ?? request.body);
      return methodNotAllowed(method);
    }
    if (sub === 'Microsoft.NAV.post') return method === 'POST' ? store.post(entity, id) : methodNotAllowed(method);
    return notFound(`No HTTP resource was found that matches the request URI '${request.path}'.`);
  }

  return {
    name: 'business_central',
    tenant,
    environment,
    companyId,
    clientId,
    clientSecret,
    exemptFromFaults: (request) => TOKEN_PATH.test(request.path),
    handle(request) {
      const token = TOKEN_PATH.exec(request.path);
      if (token) return request.method === 'POST' ? entra.token(request, decodeURIComponent(token[1] ?? '')) : methodNotAllowed(request.method);
      const match = API_PATH.exec(request.path);
      if (!match) return notFound(`No HTTP resource was found that matches the request URI '${request.path}'.`);
      const refused = entra.checkBearer(request);
      if (refused) return refused;
      const [, pathTenant, pathEnvironment, pathCompany, rest] = match;
      if (decodeURIComponent(pathTenant ?? '') !== tenant || decodeURIComponent(pathEnvironment ?? '') !== environment) {
        return notFound(`Environment '${decodeURIComponent(pathEnvironment ?? '')}' of tenant '${decodeURIComponent(pathTenant ?? '')}' does not exist.`, 'NoEnvironment');
      }
      if ((pathCompany ?? '').toLowerCase() !== companyId) return notFound(`Cannot find company '${pathCompany ?? ''}'.`, 'BadRequest_NotFound');
      return api(request, rest ?? '');
    },
    limitError(retryAfterSeconds) {
      return bcError(429, 'Application_TooManyRequests', 'Too many requests reached. Actual (101). Maximum (100).', { 'retry-after': String(retryAfterSeconds) });
    },
    serverError() {
      return options.serverErrorStatus === 500
        ? bcError(500, 'Internal_ServerError', 'An unexpected error occurred on the server.')
        : bcError(503, 'Internal_ServiceUnavailable', 'The service is temporarily unavailable. Please try again later.');
    },
    records() {
      return store.all().map((d) => ({
        entity: d.entity,
        id: d.id,
        number: d.number,
        externalDocumentNumber: d.externalDocumentNumber,
        status: d.status,
        customerNumber: d.fields.customerNumber,
        lines: d.lines.map((line) => ({ sequence: line.sequence, ...line.fields })),
      }));
    },
    reset() {
      store.reset();
      entra.reset();
    },
    tokenRequests: () => entra.tokenRequests(),
    revokeTokens: () => entra.revokeAll(),
    setRejectTokens: (reject) => entra.setRejectAll(reject),
  };
}

function methodNotAllowed(method: string): SimResponse {
  return bcError(405, 'BadRequest_MethodNotAllowed', `'${method}' requests for this resource are not supported.`);
}

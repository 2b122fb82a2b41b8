import { randomBytes } from 'node:crypto';
import type { SimRequest, SimResponse } from '../simulator-server.ts';
import { odataError } from './soap-answers.ts';

/** A supplier invoice the simulator created (one per `records()` entry). */
export interface SimSupplierInvoice {
  readonly type: 'supplierInvoice';
  readonly supplierInvoice: string;
  readonly fiscalYear: string;
  readonly companyCode: string;
  readonly invoicingParty: string;
  readonly reference: string;
  readonly currency: string;
  readonly grossAmount: string;
  readonly glItems: ReadonlyArray<Record<string, unknown>>;
}

/** The supplier invoice service's state: CSRF sessions and created invoices. */
export interface SupplierInvoiceState {
  /** Session cookie value → the CSRF token issued for it. */
  readonly sessions: Map<string, string>;
  readonly invoices: SimSupplierInvoice[];
  tokenFetches: number;
}

export interface SupplierInvoiceRules {
  readonly companyCodes: readonly string[];
  readonly unknownSuppliers: readonly string[];
  readonly unknownGlAccounts: readonly string[];
  /** SAP's duplicate invoice check (same supplier, reference and company code): an error, or off. */
  readonly duplicateCheck: 'error' | 'off';
}

const SERVICE = '/sap/opu/odata/sap/API_SUPPLIERINVOICE_PROCESS_SRV';
const SESSION_COOKIE = 'SAP_SESSIONID_SIM_100';

/**
 * `API_SUPPLIERINVOICE_PROCESS_SRV` with SAP Gateway's CSRF protection: a GET with
 * `X-CSRF-Token: Fetch` issues a token bound to a session cookie; a POST without both (or
 * with an expired token) gets `403` with `x-csrf-token: Required` and "CSRF token validation
 * failed". `A_SupplierInvoice` is deep-create only; 201 with `SupplierInvoice` and `FiscalYear`.
 */
export function handleSupplierInvoiceService(request: SimRequest, state: SupplierInvoiceState, rules: SupplierInvoiceRules): SimResponse {
  if (request.method === 'GET') {
    if ((header(request, 'x-csrf-token') ?? '').toLowerCase() !== 'fetch') return { status: 200, body: { d: { EntitySets: ['A_SupplierInvoice'] } } };
    state.tokenFetches += 1;
    const known = sessionOf(request);
    const session = known !== undefined && state.sessions.has(known) ? known : randomBytes(12).toString('hex');
    const token = randomBytes(18).toString('base64');
    state.sessions.set(session, token);
    return {
      status: 200,
      headers: { 'x-csrf-token': token, 'set-cookie': `${SESSION_COOKIE}=${session}; path=/; secure; HttpOnly` },
      body: { d: { EntitySets: ['A_SupplierInvoice'] } },
    };
  }
  if (request.method !== 'POST' || request.path !== `${SERVICE}/A_SupplierInvoice`) return odataError(405, 'SY/530', `${request.method} ${request.path} is not supported`);
  const session = sessionOf(request);
  const token = header(request, 'x-csrf-token');
  if (session === undefined || token === undefined || state.sessions.get(session) !== token) {
    return { status: 403, headers: { 'x-csrf-token': 'Required', 'content-type': 'text/plain' }, body: 'CSRF token validation failed' };
  }
  return createSupplierInvoice(request.json, state, rules);
}

function createSupplierInvoice(json: unknown, state: SupplierInvoiceState, rules: SupplierInvoiceRules): SimResponse {
  if (typeof json !== 'object' || json === null) return odataError(400, '/IWBEP/CM_MGW_RT/004', 'The request body is not valid JSON');
  const wrapped = (json as { d?: unknown }).d;
  const body = (typeof wrapped === 'object' && wrapped !== null ? wrapped : json) as Record<string, unknown>;
  const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
  for (const required of ['CompanyCode', 'InvoicingParty', 'DocumentDate', 'PostingDate', 'DocumentCurrency', 'InvoiceGrossAmount']) {
    if (text(required) === '') return odataError(400, 'M8/034', `Property ${required} is required`);
  }
  if (!rules.companyCodes.includes(text('CompanyCode'))) return odataError(400, 'F5/165', `Company code ${text('CompanyCode')} does not exist`);
  if (rules.unknownSuppliers.includes(text('InvoicingParty'))) return odataError(400, 'F5/352', `Supplier ${text('InvoicingParty')} is not defined in company code ${text('CompanyCode')}`);
  const glItems = ((body.to_SupplierInvoiceItemGLAcct as { results?: unknown } | undefined)?.results ?? []) as Array<Record<string, unknown>>;
  if (!Array.isArray(glItems)) return odataError(400, '/IWBEP/CM_MGW_RT/004', 'to_SupplierInvoiceItemGLAcct.results must be an array');
  const unknownAccount = glItems.find((item) => rules.unknownGlAccounts.includes(String(item.GLAccount ?? '')));
  if (unknownAccount) return odataError(400, 'F5/025', `Account ${String(unknownAccount.GLAccount)} does not exist in company code ${text('CompanyCode')}`);
  const fiscalYear = yearOf(text('PostingDate'));
  if (fiscalYear === undefined) return odataError(400, '/IWBEP/CM_MGW_RT/004', `Invalid value for PostingDate: ${text('PostingDate')}`);
  const reference = text('SupplierInvoiceIDByInvcgParty');
  const earlier = state.invoices.find((invoice) => invoice.invoicingParty === text('InvoicingParty') && invoice.companyCode === text('CompanyCode') && reference !== '' && invoice.reference === reference);
  if (rules.duplicateCheck === 'error' && earlier) {
    return odataError(400, 'M8/108', `Check if invoice already entered under accounting document ${earlier.supplierInvoice} ${earlier.fiscalYear}`);
  }
  const invoice: SimSupplierInvoice = {
    type: 'supplierInvoice',
    supplierInvoice: String(5_105_600_000 + state.invoices.length + 1),
    fiscalYear,
    companyCode: text('CompanyCode'),
    invoicingParty: text('InvoicingParty'),
    reference,
    currency: text('DocumentCurrency'),
    grossAmount: text('InvoiceGrossAmount'),
    glItems,
  };
  state.invoices.push(invoice);
  const key = `SupplierInvoice='${invoice.supplierInvoice}',FiscalYear='${fiscalYear}'`;
  return {
    status: 201,
    headers: { location: `${SERVICE}/A_SupplierInvoice(${key})` },
    body: { d: { __metadata: { uri: `${SERVICE}/A_SupplierInvoice(${key})`, type: 'API_SUPPLIERINVOICE_PROCESS_SRV.A_SupplierInvoiceType' }, ...body, SupplierInvoice: invoice.supplierInvoice, FiscalYear: fiscalYear } },
  };
}

// OData V2 `/Date(1738281600000)/` or an ISO date-time.
function yearOf(value: string): string | undefined {
  const epoch = /^\/Date\((-?\d+)(?:[+-]\d+)?\)\/$/.exec(value);
  const date = epoch?.[1] !== undefined ? new Date(Number(epoch[1])) : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : String(date.getUTCFullYear());
}

function header(request: SimRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function sessionOf(request: SimRequest): string | undefined {
  const cookies = header(request, 'cookie') ?? '';
  for (const pair of cookies.split(';')) {
    const [name, ...rest] = pair.trim().split('=');
    if (name === SESSION_COOKIE) return rest.join('=');
  }
  return undefined;
}

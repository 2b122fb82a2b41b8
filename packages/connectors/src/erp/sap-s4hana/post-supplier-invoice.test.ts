import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ErpCallError } from '@invoiceops/core';
import type { ErpConnectionConfig } from '../connector-definition.ts';
import { startSimulator, type RunningSimulator, type SimRequest } from '../../../../testing/src/simulators/simulator-server.ts';
import { createSapS4hanaSimulator, SAP_SIMULATOR_USER, type SapS4hanaSimulator } from '../../../../testing/src/simulators/sap-s4hana/index.ts';
import { createSupplierInvoiceSession, postSapSupplierInvoice } from './post-supplier-invoice.ts';

const JANUARY_31 = `/Date(${Date.UTC(2026, 0, 31)})/`;

function supplierInvoice(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    CompanyCode: '1010',
    DocumentDate: JANUARY_31,
    PostingDate: JANUARY_31,
    InvoicingParty: '10300003',
    SupplierInvoiceIDByInvcgParty: 'BILL-2026-17',
    DocumentCurrency: 'EUR',
    InvoiceGrossAmount: '119.00',
    TaxIsCalculatedAutomatically: true,
    to_SupplierInvoiceItemGLAcct: {
      results: [{ SupplierInvoiceItem: '1', CompanyCode: '1010', GLAccount: '61000000', CostCenter: '10101101', DocumentCurrency: 'EUR', SupplierInvoiceItemAmount: '100.00', TaxCode: 'V1', DebitCreditCode: 'S' }],
    },
    ...overrides,
  };
}

async function failureOf(promise: Promise<unknown>): Promise<ErpCallError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ErpCallError);
  return error as ErpCallError;
}

describe('postSapSupplierInvoice against the simulator', () => {
  let vendor: SapS4hanaSimulator;
  let sim: RunningSimulator;
  const seen: SimRequest[] = [];
  const config = (password: string = SAP_SIMULATOR_USER.password): ErpConnectionConfig => ({ baseUrl: sim.url, credentials: { username: SAP_SIMULATOR_USER.username, password }, settings: {}, timeoutMs: 5_000 });

  beforeAll(async () => {
    vendor = createSapS4hanaSimulator();
    sim = await startSimulator({
      ...vendor,
      handle: (request) => {
        seen.push(request);
        return vendor.handle(request);
      },
    });
  });
  beforeEach(() => {
    vendor.reset();
    sim.setFaults({});
    seen.length = 0;
  });
  afterAll(() => sim.close());

  it('fetches a CSRF token, sends it back with the session cookie and stores SupplierInvoice/FiscalYear', async () => {
    expect(await postSapSupplierInvoice(config(), supplierInvoice())).toEqual({ outcome: 'posted', erpDocumentId: '5105600001/2026', httpStatus: 201, supplierInvoice: '5105600001', fiscalYear: '2026' });
    const [fetch, write] = seen;
    expect(fetch).toMatchObject({ method: 'GET', headers: { 'x-csrf-token': 'Fetch' } });
    expect(write?.method).toBe('POST');
    expect(write?.headers['x-csrf-token']).toMatch(/.{10,}/);
    expect(write?.headers.cookie).toMatch(/^SAP_SESSIONID_SIM_100=[0-9a-f]+$/);
    expect(vendor.records()).toMatchObject([{ type: 'supplierInvoice', invoicingParty: '10300003', reference: 'BILL-2026-17', grossAmount: '119.00' }]);
  });

  it('reuses the token of a session across writes', async () => {
    const session = createSupplierInvoiceSession(config());
    await postSapSupplierInvoice(config(), supplierInvoice(), { session });
    await postSapSupplierInvoice(config(), supplierInvoice({ SupplierInvoiceIDByInvcgParty: 'BILL-2026-18' }), { session });
    expect(vendor.csrfTokenFetches()).toBe(1);
    expect(vendor.records()).toHaveLength(2);
  });

  it('fetches a new token once when SAP says the old one expired', async () => {
    const session = createSupplierInvoiceSession(config());
    await postSapSupplierInvoice(config(), supplierInvoice(), { session });
    vendor.expireCsrfTokens();
    expect(await postSapSupplierInvoice(config(), supplierInvoice({ SupplierInvoiceIDByInvcgParty: 'BILL-2026-18' }), { session })).toMatchObject({ outcome: 'posted', supplierInvoice: '5105600002' });
    expect(vendor.csrfTokenFetches()).toBe(2);
    expect(seen.filter((request) => request.method === 'POST')).toHaveLength(3);
  });

  it('gives up after one new token when SAP keeps refusing it', async () => {
    let posts = 0;
    const refusing = await startSimulator({
      ...vendor,
      handle: (request) => {
        if (request.method !== 'POST') return vendor.handle(request);
        posts += 1;
        return { status: 403, headers: { 'x-csrf-token': 'Required' }, body: 'CSRF token validation failed' };
      },
    });
    try {
      const error = await failureOf(postSapSupplierInvoice({ ...config(), baseUrl: refusing.url }, supplierInvoice()));
      expect(error).toMatchObject({ kind: 'auth', details: { httpStatus: 403 } });
      expect(error.message).toContain('CSRF token validation failed');
      expect(posts).toBe(2);
    } finally {
      await refusing.close();
    }
  });

  it('refuses an unknown supplier in SAP words', async () => {
    const error = await failureOf(postSapSupplierInvoice(config(), supplierInvoice({ InvoicingParty: '9999' })));
    expect(error).toMatchObject({ kind: 'refused', message: 'SAP refused supplier invoice BILL-2026-17: Supplier 9999 is not defined in company code 1010', details: { httpStatus: 400, errorCode: 'F5/352' } });
    expect(vendor.records()).toHaveLength(0);
  });

  it("is refused by SAP's duplicate invoice check on a repeat", async () => {
    await postSapSupplierInvoice(config(), supplierInvoice());
    const error = await failureOf(postSapSupplierInvoice(config(), supplierInvoice()));
    expect(error).toMatchObject({ kind: 'refused', details: { errorCode: 'M8/108' } });
    expect(error.message).toContain('already entered under accounting document 5105600001 2026');
    expect(vendor.records()).toHaveLength(1);
  });

  it('reports refused credentials as an auth failure', async () => {
    expect(await failureOf(postSapSupplierInvoice(config('wrong'), supplierInvoice()))).toMatchObject({ kind: 'auth', details: { httpStatus: 401 } });
  });

  it('reports the limit error as transient with Retry-After', async () => {
    sim.setFaults({ script: ['rateLimited'] });
    expect(await failureOf(postSapSupplierInvoice(config(), supplierInvoice()))).toMatchObject({ kind: 'transient', details: { httpStatus: 429, retryAfterMs: 60_000 } });
  });

  it('reports a lost answer as transient with an unknown outcome', async () => {
    sim.setFaults({ script: ['lostResponse'] });
    expect(await failureOf(postSapSupplierInvoice(config(), supplierInvoice()))).toMatchObject({ kind: 'transient', details: { outcomeUnknown: true } });
  });
});

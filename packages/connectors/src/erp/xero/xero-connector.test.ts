import jsonata from 'jsonata';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ErpCallError, type ErpConnector, type ErpPostingDocument } from '@invoiceops/core';
import { createXeroSimulator } from '../../../../testing/src/simulators/xero/index.ts';
import { startSimulator, type RunningSimulator } from '../../../../testing/src/simulators/simulator-server.ts';
import type { ErpConnectionConfig } from '../connector-definition.ts';
import { xeroConnector } from './xero-connector.ts';
import { xeroTestDocument } from './xero-test-document.ts';

const TENANT = '7c8a1d0e-55aa-4c61-b1b0-2f1f7f3f0a01';
let clockOffsetMs = 0;
const vendor = createXeroSimulator({ clientId: 'xero-client', clientSecret: 'right-secret', tenantId: TENANT, now: () => Date.now() + clockOffsetMs });
let sim: RunningSimulator;

function connect(overrides: Partial<ErpConnectionConfig> = {}, url = sim.url): ErpConnector {
  return xeroConnector.create({ baseUrl: url, credentials: { clientId: 'xero-client', clientSecret: 'right-secret' }, settings: { tenantId: TENANT }, timeoutMs: 5_000, ...overrides });
}

async function render(document: ErpPostingDocument): Promise<unknown> {
  const template = document.documentType === 'invoice' ? xeroConnector.defaultTemplates.invoice : xeroConnector.defaultTemplates.credit_memo;
  return JSON.parse(JSON.stringify(await jsonata(template).evaluate(document))) as unknown;
}

const first = { attempt: 1, mayExist: false };
const retry = { attempt: 2, mayExist: true };

async function post(connector: ErpConnector, document: ErpPostingDocument, context = first) {
  return connector.post(document, await render(document), context);
}

async function failure(promise: Promise<unknown>): Promise<ErpCallError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ErpCallError);
  return error as ErpCallError;
}

/** Signs in once so a scripted fault hits the API call, not the token request. */
async function warmedUp(connector: ErpConnector = connect()): Promise<ErpConnector> {
  await connector.ping!();
  return connector;
}

const creditNote = (n = 1) => xeroTestDocument({ documentType: 'credit_memo', documentNumber: `CN-DE-2026-00000${n}`, externalId: `invoiceops-credit_memo-${n}`, dueDate: null });
const numbered = (n: number) => xeroTestDocument({ documentNumber: `INV-DE-2026-00000${n}`, externalId: `invoiceops-invoice-${n}` });
const recordsOf = (number: string) => vendor.records().filter((r) => r.number === number);

beforeAll(async () => {
  sim = await startSimulator(vendor);
});
afterAll(() => sim.close());
beforeEach(() => {
  vendor.reset();
  sim.setFaults({});
  clockOffsetMs = 0;
});

describe('Xero connector against the Xero simulator', () => {
  it('creates an invoice with its Idempotency-Key and returns the InvoiceID', async () => {
    const document = xeroTestDocument();
    const result = await post(connect(), document);
    const [record] = recordsOf(document.documentNumber);
    expect(result).toEqual({ outcome: 'posted', erpDocumentId: record!.id, httpStatus: 200 });
    expect(record).toMatchObject({ kind: 'invoice', type: 'ACCREC', idempotencyKey: document.externalId, tenantId: TENANT });
    expect(record!.body).toEqual(((await render(document)) as { Invoices: unknown[] }).Invoices[0]);
  });

  it('creates a credit note and returns the CreditNoteID', async () => {
    const result = await post(connect(), creditNote());
    expect(vendor.records()).toMatchObject([{ kind: 'credit_note', type: 'ACCRECCREDIT', id: result.erpDocumentId }]);
  });

  it('a quick repeat is replayed by the Idempotency-Key: same id, one invoice', async () => {
    const connector = connect();
    const created = await post(connector, xeroTestDocument());
    const repeated = await post(connector, xeroTestDocument());
    expect(repeated).toEqual(created);
    expect(vendor.records()).toHaveLength(1);
  });

  it('a late repeat meets "Invoice # must be unique", looks the invoice up and reports already_posted', async () => {
    const connector = connect();
    const created = await post(connector, xeroTestDocument());
    clockOffsetMs = 7 * 60_000;
    const repeated = await post(connector, xeroTestDocument());
    expect(repeated).toEqual({ outcome: 'already_posted', erpDocumentId: created.erpDocumentId, httpStatus: 200 });
    expect(vendor.records()).toHaveLength(1);
  });

  it('looks an invoice and a credit note up first when an earlier attempt may have landed', async () => {
    const connector = connect();
    const invoice = await post(connector, xeroTestDocument());
    const credit = await post(connector, creditNote());
    clockOffsetMs = 7 * 60_000;
    expect(await post(connector, xeroTestDocument(), retry)).toEqual({ outcome: 'already_posted', erpDocumentId: invoice.erpDocumentId, httpStatus: 200 });
    expect(await post(connector, creditNote(), retry)).toEqual({ outcome: 'already_posted', erpDocumentId: credit.erpDocumentId, httpStatus: 200 });
    expect(vendor.records()).toHaveLength(2);
  });

  it('creates the document when the look-up finds nothing', async () => {
    const connector = connect();
    expect((await post(connector, xeroTestDocument(), retry)).outcome).toBe('posted');
    expect((await post(connector, creditNote(), retry)).outcome).toBe('posted');
    expect(vendor.records()).toHaveLength(2);
  });

  it('reports an unknown account code in words naming the document and the code', async () => {
    const base = xeroTestDocument();
    const document = xeroTestDocument({ lines: [base.lines[0]!, { ...base.lines[1]!, account: '9999' }] });
    const error = await failure(post(connect(), document));
    expect(error.kind).toBe('refused');
    expect(error.message).toBe("Xero refused invoice INV-DE-2026-000001: Account code '9999' is not a valid code for this document.");
    expect(error.details).toMatchObject({ httpStatus: 400, errorCode: 'ValidationException', exceptionCategory: 'master_data' });
    expect(vendor.records()).toHaveLength(0);
  });

  it('reports an unknown tax type as a tax problem', async () => {
    const base = xeroTestDocument();
    const error = await failure(post(connect(), xeroTestDocument({ lines: [{ ...base.lines[0]!, taxCode: '9999' }] })));
    expect(error.message).toContain("The TaxType code '9999' does not exist");
    expect(error.details.exceptionCategory).toBe('tax');
  });

  it('turns the 429 limit error into a transient failure with Retry-After and the limit hit', async () => {
    const connector = await warmedUp();
    sim.setFaults({ script: ['rateLimited'], retryAfterSeconds: 9 });
    const error = await failure(post(connector, xeroTestDocument()));
    expect(error.kind).toBe('transient');
    expect(error.message).toContain('the minute limit was reached');
    expect(error.details).toMatchObject({ httpStatus: 429, retryAfterMs: 9_000, errorCode: 'rate_limit_minute' });
  });

  it('meets Xero’s own minute limit with a 429 saying when to come back', async () => {
    const limited = createXeroSimulator({ limits: { minute: 2 } });
    const running = await startSimulator(limited);
    try {
      const connector = connect({}, running.url);
      await post(connector, numbered(1));
      await post(connector, numbered(2));
      const error = await failure(post(connector, numbered(3)));
      expect(error.kind).toBe('transient');
      expect(error.details.retryAfterMs).toBeGreaterThan(50_000);
      expect(limited.records()).toHaveLength(2);
    } finally {
      await running.close();
    }
  });

  it('turns a 500 into a transient failure', async () => {
    const connector = await warmedUp();
    sim.setFaults({ script: ['serverError'] });
    expect((await failure(post(connector, xeroTestDocument()))).kind).toBe('transient');
  });

  it('reports a wrong client secret as an auth failure', async () => {
    const error = await failure(post(connect({ credentials: { clientId: 'xero-client', clientSecret: 'wrong' } }), xeroTestDocument()));
    expect(error.kind).toBe('auth');
    expect(error.details).toMatchObject({ httpStatus: 401, errorCode: 'invalid_client' });
    expect(vendor.records()).toHaveLength(0);
  });

  it('reports an organisation the connection may not use as an auth failure', async () => {
    const error = await failure(post(connect({ settings: { tenantId: 'another-tenant' } }), xeroTestDocument()));
    expect(error.kind).toBe('auth');
    expect(error.details.httpStatus).toBe(403);
  });

  it('refuses a configuration without a tenant before calling Xero', () => {
    const before = sim.stats.requests;
    expect(() => xeroConnector.create({ baseUrl: sim.url, credentials: { clientId: 'a', clientSecret: 'b' }, settings: {} })).toThrow(/tenant/);
    expect(sim.stats.requests).toBe(before);
  });

  it('fetches a new token once after a 401 and retries the call', async () => {
    const connector = connect();
    await post(connector, numbered(1));
    vendor.expireTokens();
    expect((await post(connector, numbered(2))).outcome).toBe('posted');
    expect(vendor.tokenRequests()).toBe(2);
  });

  it('after a lost response, the retry finds the invoice and the simulator holds exactly one', async () => {
    const connector = await warmedUp();
    sim.setFaults({ script: ['lostResponse'] });
    const lost = await failure(post(connector, xeroTestDocument()));
    expect(lost.kind).toBe('transient');
    expect(lost.details.outcomeUnknown).toBe(true);
    const retried = await post(connector, xeroTestDocument(), retry);
    expect(retried.outcome).toBe('already_posted');
    expect(recordsOf('INV-DE-2026-000001')).toHaveLength(1);
    expect(retried.erpDocumentId).toBe(recordsOf('INV-DE-2026-000001')[0]!.id);
  });

  it('after a lost response, even a retry without a look-up creates nothing twice (Idempotency-Key replay)', async () => {
    const connector = await warmedUp();
    sim.setFaults({ script: ['lostResponse'] });
    await failure(post(connector, xeroTestDocument()));
    const retried = await post(connector, xeroTestDocument());
    expect(retried.erpDocumentId).toBe(recordsOf('INV-DE-2026-000001')[0]!.id);
    expect(vendor.records()).toHaveLength(1);
  });

  it('reports an HTML page in place of the answer as malformed', async () => {
    const connector = await warmedUp();
    sim.setFaults({ script: ['malformed'] });
    const error = await failure(post(connector, xeroTestDocument()));
    expect(error.kind).toBe('malformed');
    expect(error.details).toMatchObject({ httpStatus: 200, errorCode: 'missing_InvoiceID', outcomeUnknown: true });
  });

  it('gives up after the configured timeout with the outcome unknown', async () => {
    const connector = await warmedUp(connect({ timeoutMs: 300 }));
    sim.setFaults({ script: ['timeout'], hangMs: 3_000 });
    const started = Date.now();
    const error = await failure(post(connector, xeroTestDocument()));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(error.details).toMatchObject({ errorCode: 'timeout', outcomeUnknown: true });
    expect(error.kind).toBe('transient');
  });

  it('asks for one token for many posts, concurrent ones included', async () => {
    const connector = connect();
    await Promise.all([1, 2, 3].map((n) => post(connector, numbered(n))));
    for (const n of [4, 5]) await post(connector, numbered(n));
    expect(vendor.records()).toHaveLength(5);
    expect(vendor.tokenRequests()).toBe(1);
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ErpCallError, type ErpConnector, type ErpPostingDocument } from '@invoiceops/core';
import { startSimulator, type RunningSimulator } from '../../../../testing/src/simulators/simulator-server.ts';
import { createOracleFusionSimulator, ORACLE_SIMULATOR_USER, type OracleFusionSimulator } from '../../../../testing/src/simulators/oracle-fusion/index.ts';
import { oracleFusionConnector } from './oracle-fusion-connector.ts';
import { oracleTestCreditMemo, oracleTestInvoice, renderTemplate } from './test-document.ts';

const first = { attempt: 1, mayExist: false };

async function failureOf(promise: Promise<unknown>): Promise<ErpCallError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ErpCallError);
  return error as ErpCallError;
}

describe('Oracle Fusion connector against the simulator', () => {
  let vendor: OracleFusionSimulator;
  let sim: RunningSimulator;
  let connector: ErpConnector;
  const connect = (overrides: { password?: string; settings?: Record<string, string>; timeoutMs?: number; url?: string } = {}) =>
    oracleFusionConnector.create({
      baseUrl: overrides.url ?? sim.url,
      credentials: { username: ORACLE_SIMULATOR_USER.username, password: overrides.password ?? ORACLE_SIMULATOR_USER.password },
      settings: overrides.settings ?? {},
      timeoutMs: overrides.timeoutMs ?? 5_000,
    });
  const post = async (document: ErpPostingDocument, context = first, using = connector) => using.post(document, await renderTemplate(oracleFusionConnector.defaultTemplates[document.documentType], document), context);

  beforeAll(async () => {
    vendor = createOracleFusionSimulator();
    sim = await startSimulator(vendor);
  });
  beforeEach(() => {
    vendor.reset();
    sim.setFaults({});
    connector = connect();
  });
  afterAll(() => sim.close());

  it('creates an invoice and stores its CustomerTransactionId', async () => {
    expect(await post(oracleTestInvoice())).toEqual({ outcome: 'posted', erpDocumentId: '300100170996427', httpStatus: 201 });
    expect(vendor.records()).toEqual([
      expect.objectContaining({ resource: 'receivablesInvoices', TransactionNumber: 'INV-US-2026-000042', BusinessUnit: 'US1 Business Unit', TransactionSource: 'Manual-NES', BillToCustomerNumber: '1008', currency: 'USD', PurchaseOrder: 'PO-7781', EnteredAmount: 150 }),
    ]);
  });

  it('creates a credit memo in receivablesCreditMemos', async () => {
    expect(await post(oracleTestCreditMemo())).toMatchObject({ outcome: 'posted', httpStatus: 201 });
    expect(vendor.records()).toEqual([expect.objectContaining({ resource: 'receivablesCreditMemos', TransactionType: 'Credit Memo', EnteredAmount: -29.99 })]);
  });

  it('posts in the business unit and transaction source of the settings when set', async () => {
    await post(oracleTestInvoice(), first, connect({ settings: { businessUnit: 'Vision Operations', transactionSource: 'Manual' } }));
    expect(vendor.records()[0]).toMatchObject({ BusinessUnit: 'Vision Operations', TransactionSource: 'Manual' });
  });

  it('finds the transaction of an earlier attempt instead of creating it twice', async () => {
    const posted = await post(oracleTestInvoice());
    const before = sim.stats.requests;
    expect(await post(oracleTestInvoice(), { attempt: 2, mayExist: false })).toEqual({ outcome: 'already_posted', erpDocumentId: posted.erpDocumentId, httpStatus: 200 });
    expect(sim.stats.requests - before).toBe(1); // the lookup only: no create refused as a duplicate
    expect(vendor.records()).toHaveLength(1);
  });

  it('counts a duplicate refusal after a lookup that missed as already posted', async () => {
    await post(oracleTestInvoice());
    let missedOnce = false;
    const lagging = await startSimulator({
      ...vendor,
      handle: (request) => {
        if (request.method === 'GET' && !missedOnce) {
          missedOnce = true;
          return { status: 200, body: { items: [], count: 0, hasMore: false, limit: 1, offset: 0 } };
        }
        return vendor.handle(request);
      },
    });
    try {
      expect(await post(oracleTestInvoice(), first, connect({ url: lagging.url }))).toEqual({ outcome: 'already_posted', erpDocumentId: '300100170996427', httpStatus: 200 });
      expect(vendor.records()).toHaveLength(1);
    } finally {
      await lagging.close();
    }
  });

  it("refuses an unknown business unit in Oracle's words", async () => {
    const error = await failureOf(post(oracleTestInvoice({ company: 'Atlantis BU' })));
    expect(error).toMatchObject({ kind: 'refused', message: "Oracle Fusion refused invoice INV-US-2026-000042: The business unit you entered doesn't exist." });
    expect(error.details).toMatchObject({ httpStatus: 400, errorCode: 'AR_BU_NOT_FOUND', exceptionCategory: 'master_data' });
    expect(vendor.records()).toHaveLength(0);
  });

  it('names an unknown customer', async () => {
    const error = await failureOf(post(oracleTestInvoice({ party: '9999' })));
    expect(error.kind).toBe('refused');
    expect(error.message).toBe("Oracle Fusion refused invoice INV-US-2026-000042: The bill-to customer account number 9999 doesn't exist.");
  });

  it('reads a JSON framework error from a template that sends an attribute Oracle does not know', async () => {
    const error = await failureOf(connector.post(oracleTestInvoice(), { ...((await renderTemplate(oracleFusionConnector.defaultTemplates.invoice, oracleTestInvoice())) as object), Colour: 'red' }, first));
    expect(error).toMatchObject({ kind: 'refused', message: 'Oracle Fusion refused invoice INV-US-2026-000042: Definition Colour of type Attribute is not found in receivablesInvoices.', details: { errorCode: '25058' } });
  });

  it('refuses a rendered body that is not an object before calling Oracle', async () => {
    const before = sim.stats.requests;
    expect(await failureOf(connector.post(oracleTestInvoice(), [1, 2], first))).toMatchObject({ kind: 'refused', details: { errorCode: 'template_invalid' } });
    expect(sim.stats.requests).toBe(before);
  });

  it('reports Oracle limiting us as transient, with the Retry-After it sent', async () => {
    sim.setFaults({ script: ['rateLimited'], retryAfterSeconds: 30 });
    expect(await failureOf(post(oracleTestInvoice()))).toMatchObject({ kind: 'transient', details: { httpStatus: 429, retryAfterMs: 30_000 } });
  });

  it('reports a 503 page as transient', async () => {
    sim.setFaults({ script: ['serverError'] });
    expect(await failureOf(post(oracleTestInvoice()))).toMatchObject({ kind: 'transient', details: { httpStatus: 503 } });
  });

  it('reports refused credentials as an auth failure', async () => {
    expect(await failureOf(post(oracleTestInvoice(), first, connect({ password: 'wrong' })))).toMatchObject({ kind: 'auth', details: { httpStatus: 401 } });
  });

  it('after a lost response, the retry finds the transaction: exactly one document', async () => {
    sim.setFaults({ script: ['lostResponse'] });
    expect(await failureOf(post(oracleTestInvoice()))).toMatchObject({ kind: 'transient', details: { outcomeUnknown: true } });
    expect(vendor.records()).toHaveLength(1);
    const before = sim.stats.requests;
    expect(await post(oracleTestInvoice(), { attempt: 2, mayExist: true })).toEqual({ outcome: 'already_posted', erpDocumentId: '300100170996427', httpStatus: 200 });
    expect(sim.stats.requests - before).toBe(1);
    expect(vendor.records()).toHaveLength(1);
  });

  it('reports an HTML page in place of the created resource as malformed', async () => {
    sim.setFaults({ script: ['malformed'] });
    expect(await failureOf(post(oracleTestInvoice()))).toMatchObject({ kind: 'malformed', details: { httpStatus: 200, outcomeUnknown: true } });
  });

  it('gives up on an answer that does not come within the timeout', async () => {
    sim.setFaults({ script: ['timeout'], hangMs: 1_500 });
    expect(await failureOf(post(oracleTestInvoice(), first, connect({ timeoutMs: 200 })))).toMatchObject({ kind: 'transient', details: { errorCode: 'timeout', outcomeUnknown: true } });
  });

  it('answers the connection check, and fails it with wrong credentials', async () => {
    await expect(connector.ping?.()).resolves.toBeUndefined();
    expect(await failureOf(connect({ password: 'wrong' }).ping!())).toMatchObject({ kind: 'auth' });
  });
});

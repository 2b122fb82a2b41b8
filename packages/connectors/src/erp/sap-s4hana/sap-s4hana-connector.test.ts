import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ErpCallError, type ErpConnector, type ErpPostingDocument } from '@invoiceops/core';
import { startSimulator, type RunningSimulator, type VendorSimulator } from '../../../../testing/src/simulators/simulator-server.ts';
import { createSapS4hanaSimulator, SAP_SIMULATOR_USER, type SapS4hanaSimulator, type SimJournalEntry } from '../../../../testing/src/simulators/sap-s4hana/index.ts';
import { soapFault } from '../../../../testing/src/simulators/sap-s4hana/soap-answers.ts';
import { nameBasedUuid } from './name-based-uuid.ts';
import { sapS4hanaConnector } from './sap-s4hana-connector.ts';
import { renderTemplate, sapTestCreditMemo, sapTestInvoice } from './test-document.ts';

const first = { attempt: 1, mayExist: false };

async function failureOf(promise: Promise<unknown>): Promise<ErpCallError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ErpCallError);
  return error as ErpCallError;
}

describe('SAP S/4HANA Cloud connector against the simulator', () => {
  let vendor: SapS4hanaSimulator;
  let sim: RunningSimulator;
  let connector: ErpConnector;
  const connect = (overrides: { password?: string; companyCode?: string; timeoutMs?: number } = {}) =>
    sapS4hanaConnector.create({
      baseUrl: sim.url,
      credentials: { username: SAP_SIMULATOR_USER.username, password: overrides.password ?? SAP_SIMULATOR_USER.password },
      settings: overrides.companyCode ? { companyCode: overrides.companyCode } : {},
      timeoutMs: overrides.timeoutMs ?? 5_000,
    });
  const post = async (document: ErpPostingDocument, context = first, using = connector) => using.post(document, await renderTemplate(sapS4hanaConnector.defaultTemplates[document.documentType], document), context);
  const entries = () => vendor.records() as SimJournalEntry[];

  beforeAll(async () => {
    vendor = createSapS4hanaSimulator();
    sim = await startSimulator(vendor);
  });
  beforeEach(() => {
    vendor.reset();
    sim.setFaults({});
    connector = connect();
  });
  afterAll(() => sim.close());

  it('posts an invoice as a DR journal entry and stores CompanyCode/AccountingDocument/FiscalYear', async () => {
    const document = sapTestInvoice();
    expect(await post(document)).toEqual({ outcome: 'posted', erpDocumentId: '1010/0100000001/2026', httpStatus: 200 });
    const [entry] = entries();
    expect(entries()).toHaveLength(1);
    expect(entry).toMatchObject({ companyCode: '1010', accountingDocumentType: 'DR', documentReferenceId: 'V-DE-2026-000042', documentHeaderText: 'invoiceops-invoice-inv_01', postingDate: '2026-01-31' });
    expect(entry?.messageId).toBe(nameBasedUuid(document.externalId).replace(/-/g, ''));
    expect(entry?.items[0]).toMatchObject({ account: '41000000', amount: '-100.00', currency: 'EUR', taxCode: 'A1', text: 'Platform subscription R&D <annual> "Pro"', profitCenter: 'YB101' });
    expect(entry?.debtorItems).toEqual([{ account: '10100001', amount: '178.50', currency: 'EUR', text: 'Invoice INV-DE-2026-000042' }]);
    expect(entry?.taxItems).toEqual([{ account: 'A1', amount: '-28.50', currency: 'EUR', baseAmount: '-150.00', text: undefined }]);
  });

  it('posts a credit memo as a balanced DG entry crediting the customer', async () => {
    expect(await post(sapTestCreditMemo())).toMatchObject({ outcome: 'posted', erpDocumentId: '1010/0100000001/2026' });
    expect(entries()[0]).toMatchObject({ accountingDocumentType: 'DG', debtorItems: [{ account: '10100001', amount: '-47.60' }] });
  });

  it('posts in the company code of the connection settings when one is set', async () => {
    expect(await post(sapTestInvoice(), first, connect({ companyCode: '1710' }))).toMatchObject({ erpDocumentId: '1710/0100000001/2026' });
  });

  it('finds the entry of an earlier attempt instead of posting it twice', async () => {
    const posted = await post(sapTestInvoice());
    expect(await post(sapTestInvoice(), { attempt: 2, mayExist: false })).toEqual({ outcome: 'already_posted', erpDocumentId: posted.erpDocumentId, httpStatus: 200 });
    expect(entries()).toHaveLength(1);
  });

  it('reports the business error of an HTTP 200 answer as a refusal in SAP words', async () => {
    const document = sapTestInvoice();
    const broken = sapTestInvoice({ lines: [{ ...document.lines[0]!, account: '999999' }, document.lines[1]!] });
    const error = await failureOf(post(broken));
    expect(error).toMatchObject({ kind: 'refused', message: 'SAP refused invoice INV-DE-2026-000042: Account 999999 does not exist in company code 1010' });
    expect(error.details).toMatchObject({ httpStatus: 200, errorCode: '025(F5)', exceptionCategory: 'master_data' });
    expect(entries()).toHaveLength(0);
  });

  it('names an unknown customer', async () => {
    const error = await failureOf(post(sapTestInvoice({ party: '9999' })));
    expect(error.kind).toBe('refused');
    expect(error.message).toBe('SAP refused invoice INV-DE-2026-000042: Customer 9999 is not defined in company code 1010');
  });

  it('refuses a body the template got wrong before calling SAP', async () => {
    const requestsBefore = sim.stats.requests;
    const error = await failureOf(connector.post(sapTestInvoice(), { header: { companyCode: '1010' }, items: [] }, first));
    expect(error).toMatchObject({ kind: 'refused', details: { errorCode: 'template_invalid' } });
    expect(error.message).toContain('header.accountingDocumentType');
    expect(sim.stats.requests).toBe(requestsBefore);
  });

  it('reports SAP limiting us as transient, with the Retry-After it sent', async () => {
    sim.setFaults({ script: ['rateLimited'] });
    const error = await failureOf(post(sapTestInvoice()));
    expect(error).toMatchObject({ kind: 'transient', details: { httpStatus: 429, retryAfterMs: 60_000 } });
    expect(error.retryable).toBe(true);
  });

  it('reports a 503 page as transient', async () => {
    sim.setFaults({ script: ['serverError'] });
    expect(await failureOf(post(sapTestInvoice()))).toMatchObject({ kind: 'transient', details: { httpStatus: 503 } });
  });

  it('reports refused credentials as an auth failure', async () => {
    const error = await failureOf(post(sapTestInvoice(), first, connect({ password: 'wrong' })));
    expect(error).toMatchObject({ kind: 'auth', details: { httpStatus: 401 } });
    expect(error.retryable).toBe(false);
  });

  it('after a lost response, the retry finds the entry: exactly one document', async () => {
    sim.setFaults({ script: ['lostResponse'] });
    const lost = await failureOf(post(sapTestInvoice()));
    expect(lost).toMatchObject({ kind: 'transient', details: { outcomeUnknown: true } });
    expect(entries()).toHaveLength(1);
    expect(await post(sapTestInvoice(), { attempt: 2, mayExist: true })).toEqual({ outcome: 'already_posted', erpDocumentId: '1010/0100000001/2026', httpStatus: 200 });
    expect(entries()).toHaveLength(1);
  });

  it('reports an HTML page in place of the SOAP answer as malformed', async () => {
    sim.setFaults({ script: ['malformed'] });
    const error = await failureOf(post(sapTestInvoice()));
    expect(error).toMatchObject({ kind: 'malformed', details: { httpStatus: 200, outcomeUnknown: true } });
    expect(error.details.responseSnippet).toContain('Service Unavailable');
  });

  it('gives up on an answer that does not come within the timeout', async () => {
    sim.setFaults({ script: ['timeout'], hangMs: 1_500 });
    const error = await failureOf(post(sapTestInvoice(), first, connect({ timeoutMs: 200 })));
    expect(error).toMatchObject({ kind: 'transient', details: { errorCode: 'timeout', outcomeUnknown: true } });
  });

  it('answers the connection check, and fails it with wrong credentials', async () => {
    await expect(connector.ping?.()).resolves.toBeUndefined();
    expect(await failureOf(connect({ password: 'wrong' }).ping!())).toMatchObject({ kind: 'auth' });
  });
});

describe('SAP S/4HANA Cloud connector and SOAP faults', () => {
  let sim: RunningSimulator;
  let fault: 'Client' | 'Server' = 'Server';

  beforeAll(async () => {
    const sap = createSapS4hanaSimulator();
    const faulty: VendorSimulator = { ...sap, handle: (request) => (request.method === 'POST' ? soapFault(fault, `Simulated ${fault.toLowerCase()} fault`) : sap.handle(request)) };
    sim = await startSimulator(faulty);
  });
  afterAll(() => sim.close());

  const postOnce = async () => {
    const connector = sapS4hanaConnector.create({ baseUrl: sim.url, credentials: { ...SAP_SIMULATOR_USER }, settings: {} });
    return failureOf(connector.post(sapTestInvoice(), await renderTemplate(sapS4hanaConnector.defaultTemplates.invoice, sapTestInvoice()), first));
  };

  it('treats a server fault as transient', async () => {
    fault = 'Server';
    expect(await postOnce()).toMatchObject({ kind: 'transient', message: expect.stringContaining('Simulated server fault'), details: { httpStatus: 500, errorCode: 'soap-env:Server' } });
  });

  it('treats a client fault as a refusal', async () => {
    fault = 'Client';
    expect(await postOnce()).toMatchObject({ kind: 'refused', message: 'SAP could not accept invoice INV-DE-2026-000042: Simulated client fault' });
  });
});

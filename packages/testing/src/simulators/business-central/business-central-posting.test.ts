import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bcError } from './business-central-answers.ts';
import { erpRejection, postWithTemplate, sampleDocument, startBusinessCentral, storedDocuments, type BusinessCentralHarness } from './business-central-fixture.ts';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** A fault that changes nothing (`slow` with slowMs 0): lets a script fault only the n-th write. */
const PASS = 'slow' as const;

describe('Business Central connector against the contract simulator: exactly once', () => {
  let bc: BusinessCentralHarness;

  beforeEach(async () => {
    bc = await startBusinessCentral();
    // Fetch the token first: the harness counts the token POST as a write, and scripts below target API writes.
    await bc.connector.ping!();
  });
  afterEach(async () => bc.close());

  it('creates, fills and posts an invoice, returning its GUID', async () => {
    const document = sampleDocument();
    const result = await postWithTemplate(bc.connector, document);
    expect(result).toEqual({ outcome: 'posted', erpDocumentId: expect.stringMatching(GUID), httpStatus: 204 });
    const [stored, ...others] = storedDocuments(bc);
    expect(others).toHaveLength(0);
    expect(stored).toMatchObject({ entity: 'salesInvoices', id: result.erpDocumentId, number: 'S-INV-103001', status: 'Open', externalDocumentNumber: document.documentNumber });
    expect(stored?.lines).toEqual([
      expect.objectContaining({ lineType: 'Item', lineObjectNumber: '1928-S', quantity: 1, unitPrice: 100, taxCode: 'VAT19' }),
      expect.objectContaining({ lineType: 'Account', lineObjectNumber: '6120', quantity: 2, unitPrice: 25, taxCode: 'VAT19' }),
    ]);
  });

  it('posts a credit memo to salesCreditMemos', async () => {
    const result = await postWithTemplate(bc.connector, sampleDocument({ documentType: 'credit_memo', documentNumber: 'CN-DE-2026-000001', poNumber: null }));
    expect(result.outcome).toBe('posted');
    expect(storedDocuments(bc)).toEqual([expect.objectContaining({ entity: 'salesCreditMemos', id: result.erpDocumentId, number: 'S-CR-103001', status: 'Open' })]);
  });

  it('answers a second post of the same document with already_posted and keeps one document', async () => {
    const document = sampleDocument();
    const first = await postWithTemplate(bc.connector, document);
    const second = await postWithTemplate(bc.connector, document, { attempt: 2, mayExist: true });
    // A second worker with its own token cache finds it too.
    const third = await postWithTemplate(bc.connectorWith(), document, { attempt: 3 });
    expect(second).toEqual({ outcome: 'already_posted', erpDocumentId: first.erpDocumentId, httpStatus: 200 });
    expect(third.erpDocumentId).toBe(first.erpDocumentId);
    expect(storedDocuments(bc)).toHaveLength(1);
  });

  it('finishes a draft whose create answer was lost, without a second document', async () => {
    const document = sampleDocument();
    bc.sim.setFaults({ script: ['lostResponse'] });
    const lost = await erpRejection(postWithTemplate(bc.connector, document));
    expect(lost.kind).toBe('transient');
    expect(lost.details.outcomeUnknown).toBe(true);
    expect(storedDocuments(bc)).toEqual([expect.objectContaining({ status: 'Draft', lines: [] })]);

    const retry = await postWithTemplate(bc.connector, document, { attempt: 2, mayExist: true });
    const [stored, ...others] = storedDocuments(bc);
    expect(others).toHaveLength(0);
    expect(retry).toMatchObject({ outcome: 'already_posted', erpDocumentId: stored?.id });
    expect(stored).toMatchObject({ status: 'Open' });
    expect(stored?.lines).toHaveLength(2);
  });

  it('adds only the missing lines when a line answer was lost', async () => {
    const document = sampleDocument();
    bc.sim.setFaults({ script: [PASS, 'lostResponse'], slowMs: 0 });
    expect((await erpRejection(postWithTemplate(bc.connector, document))).details.outcomeUnknown).toBe(true);
    expect(storedDocuments(bc)[0]?.lines).toHaveLength(1);

    await postWithTemplate(bc.connector, document, { attempt: 2, mayExist: true });
    const [stored, ...others] = storedDocuments(bc);
    expect(others).toHaveLength(0);
    expect(stored?.status).toBe('Open');
    expect(stored?.lines.map((line) => line.lineObjectNumber)).toEqual(['1928-S', '6120']);
  });

  it('does not post again when the post action was applied but its answer lost', async () => {
    const document = sampleDocument();
    bc.sim.setFaults({ script: [PASS, PASS, PASS, 'lostResponse'], slowMs: 0 });
    const lost = await erpRejection(postWithTemplate(bc.connector, document));
    expect(lost.details.outcomeUnknown).toBe(true);
    expect(storedDocuments(bc)[0]?.status).toBe('Open');

    const requestsBefore = bc.sim.stats.requests;
    const retry = await postWithTemplate(bc.connector, document, { attempt: 2, mayExist: true });
    expect(retry).toMatchObject({ outcome: 'already_posted', erpDocumentId: storedDocuments(bc)[0]?.id });
    // One lookup, nothing written.
    expect(bc.sim.stats.requests - requestsBefore).toBe(1);
    expect(storedDocuments(bc)).toHaveLength(1);
  });

  it('posts the draft left behind when the post action never arrived', async () => {
    const document = sampleDocument();
    bc.sim.setFaults({ script: [PASS, PASS, PASS, 'reset'], slowMs: 0 });
    expect((await erpRejection(postWithTemplate(bc.connector, document))).kind).toBe('transient');
    expect(storedDocuments(bc)).toEqual([expect.objectContaining({ status: 'Draft' })]);

    const retry = await postWithTemplate(bc.connector, document, { attempt: 2, mayExist: true });
    expect(retry).toEqual({ outcome: 'already_posted', erpDocumentId: storedDocuments(bc)[0]?.id, httpStatus: 204 });
    expect(storedDocuments(bc)).toEqual([expect.objectContaining({ status: 'Open', lines: [expect.anything(), expect.anything()] })]);
  });

  it('completes a draft after Business Central failed on a line (503)', async () => {
    const document = sampleDocument();
    bc.sim.setFaults({ script: [PASS, PASS, 'serverError'], slowMs: 0 });
    const failed = await erpRejection(postWithTemplate(bc.connector, document));
    expect(failed).toMatchObject({ kind: 'transient', details: { httpStatus: 503, errorCode: 'Internal_ServiceUnavailable' } });

    await postWithTemplate(bc.connector, document, { attempt: 2 });
    expect(storedDocuments(bc)).toEqual([expect.objectContaining({ status: 'Open', lines: [expect.anything(), expect.anything()] })]);
  });

  it('refuses to post a draft that has more lines than the document', async () => {
    const document = sampleDocument();
    const longer = sampleDocument({ documentNumber: document.documentNumber, lines: [...document.lines, { ...document.lines[0]!, lineNo: 3 }] });
    bc.sim.setFaults({ script: [PASS, PASS, PASS, PASS, 'reset'], slowMs: 0 });
    await erpRejection(postWithTemplate(bc.connector, longer));

    const refused = await erpRejection(postWithTemplate(bc.connector, document, { attempt: 2 }));
    expect(refused.kind).toBe('refused');
    expect(refused.message).toMatch(/has 3 lines where the document has 2/);
    expect(storedDocuments(bc)).toEqual([expect.objectContaining({ status: 'Draft' })]);
  });

  it('looks up with the quote of an external document number escaped', async () => {
    const document = sampleDocument({ documentNumber: "INV-O'BRIEN-1" });
    const first = await postWithTemplate(bc.connector, document);
    const again = await postWithTemplate(bc.connector, document, { attempt: 2 });
    expect(again).toMatchObject({ outcome: 'already_posted', erpDocumentId: first.erpDocumentId });
    expect(storedDocuments(bc)).toHaveLength(1);
  });
});

describe('Business Central connector against the contract simulator: concurrent writers', () => {
  let bc: BusinessCentralHarness | undefined;
  afterEach(async () => {
    await bc?.close();
    bc = undefined;
  });

  it('treats Internal_EntityWithSameKeyExists on create as the document existing, and finishes it', async () => {
    let raced = false;
    bc = await startBusinessCentral({
      wrap: (vendor) => ({
        ...vendor,
        handle: async (request) => {
          if (raced || request.method !== 'POST' || !/\/salesInvoices$/.test(request.path)) return vendor.handle(request);
          raced = true;
          await vendor.handle(request); // another attempt's create lands first
          return bcError(400, 'Internal_EntityWithSameKeyExists', 'The record already exists.');
        },
      }),
    });
    const result = await postWithTemplate(bc.connector, sampleDocument());
    expect(result.outcome).toBe('already_posted');
    expect(storedDocuments(bc)).toEqual([expect.objectContaining({ id: result.erpDocumentId, status: 'Open', lines: [expect.anything(), expect.anything()] })]);
  });

  it('accepts a refused post action when the document turns out posted by someone else', async () => {
    bc = await startBusinessCentral({
      wrap: (vendor) => ({
        ...vendor,
        handle: async (request) => {
          if (!request.path.endsWith('/Microsoft.NAV.post')) return vendor.handle(request);
          await vendor.handle(request); // a concurrent attempt posts it first
          return vendor.handle(request); // ours is refused: already posted
        },
      }),
    });
    const result = await postWithTemplate(bc.connector, sampleDocument());
    expect(result).toMatchObject({ outcome: 'already_posted', httpStatus: 400 });
    expect(storedDocuments(bc)).toEqual([expect.objectContaining({ id: result.erpDocumentId, status: 'Open' })]);
  });

  it('passes on a refused post action of a document that stays a draft', async () => {
    bc = await startBusinessCentral({
      wrap: (vendor) => ({
        ...vendor,
        handle: (request) => (request.path.endsWith('/Microsoft.NAV.post') ? bcError(400, 'Application_DialogException', 'Posting Date is not within your range of allowed posting dates.') : vendor.handle(request)),
      }),
    });
    const document = sampleDocument();
    const error = await erpRejection(postWithTemplate(bc.connector, document));
    expect(error.kind).toBe('refused');
    expect(error.message).toBe(`Business Central refused invoice ${document.documentNumber}: Posting Date is not within your range of allowed posting dates.`);
  });
});

import { generateKeyPairSync } from 'node:crypto';
import jsonata from 'jsonata';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ErpCallError, type ErpConnector, type ErpPostingDocument } from '@invoiceops/core';
import { createNetsuiteSimulator } from '../../../../testing/src/simulators/netsuite/index.ts';
import { startSimulator, type RunningSimulator } from '../../../../testing/src/simulators/simulator-server.ts';
import type { ErpConnectionConfig } from '../connector-definition.ts';
import { netsuiteConnector } from './netsuite-connector.ts';
import { netsuiteTestDocument } from './netsuite-test-document.ts';

const pemOf = (key: ReturnType<typeof generateKeyPairSync>['privateKey']) => key.export({ type: 'pkcs8', format: 'pem' }).toString();
const certificate = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherCertificate = generateKeyPairSync('rsa', { modulusLength: 2048 });
const vendor = createNetsuiteSimulator({ clientId: 'client-1', certificateId: 'cert-1', publicKey: certificate.publicKey });
let sim: RunningSimulator;

function connect(overrides: Partial<ErpConnectionConfig> = {}): ErpConnector {
  return netsuiteConnector.create({ baseUrl: sim.url, credentials: { clientId: 'client-1', certificateId: 'cert-1', privateKey: pemOf(certificate.privateKey) }, settings: {}, timeoutMs: 5_000, ...overrides });
}

async function render(document: ErpPostingDocument): Promise<unknown> {
  const template = document.documentType === 'invoice' ? netsuiteConnector.defaultTemplates.invoice : netsuiteConnector.defaultTemplates.credit_memo;
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

/** Signs in once so a scripted fault hits the record call, not the token request. */
async function warmedUp(connector: ErpConnector = connect()): Promise<ErpConnector> {
  await connector.ping!();
  return connector;
}

const recordsOf = (externalId: string) => vendor.records().filter((r) => r.externalId === externalId);

beforeAll(async () => {
  sim = await startSimulator(vendor);
});
afterAll(() => sim.close());
beforeEach(() => {
  vendor.reset();
  sim.setFaults({});
});

describe('NetSuite connector against the NetSuite simulator', () => {
  it('creates an invoice by external-id upsert and returns the internal id from Location', async () => {
    const document = netsuiteTestDocument();
    const result = await post(connect(), document);
    const [record] = recordsOf(document.externalId);
    expect(result).toEqual({ outcome: 'posted', erpDocumentId: record!.internalId, httpStatus: 204 });
    expect(result.erpDocumentId).toMatch(/^\d+$/);
    expect(record).toMatchObject({ recordType: 'invoice', createdBy: 'PUT', body: await render(document) });
  });

  it('creates a credit memo as a creditMemo record', async () => {
    const document = netsuiteTestDocument({ documentType: 'credit_memo', documentNumber: 'CN-DE-2026-000001', externalId: 'invoiceops-credit_memo-CN-1', dueDate: null });
    const result = await post(connect(), document);
    expect(vendor.records()).toHaveLength(1);
    expect(vendor.records()[0]).toMatchObject({ recordType: 'creditMemo', internalId: result.erpDocumentId });
  });

  it('never duplicates: a repeat upserts the same record, and a look-up reports already_posted without updating it', async () => {
    const connector = connect();
    const document = netsuiteTestDocument();
    const created = await post(connector, document);
    const repeated = await post(connector, document);
    const lookedUp = await post(connector, document, retry);
    expect(repeated.erpDocumentId).toBe(created.erpDocumentId);
    expect(lookedUp).toEqual({ outcome: 'already_posted', erpDocumentId: created.erpDocumentId, httpStatus: 200 });
    expect(recordsOf(document.externalId)).toHaveLength(1);
    expect(recordsOf(document.externalId)[0]!.updates).toBe(1);
  });

  it('creates the document when the look-up finds nothing', async () => {
    const result = await post(connect(), netsuiteTestDocument(), retry);
    expect(result.outcome).toBe('posted');
    expect(vendor.records()).toHaveLength(1);
  });

  it('reports a refused item in words naming the document and the field', async () => {
    const base = netsuiteTestDocument();
    const document = netsuiteTestDocument({ lines: [base.lines[0]!, { ...base.lines[1]!, item: '9999' }] });
    const error = await failure(post(connect(), document));
    expect(error.kind).toBe('refused');
    expect(error.message).toBe('NetSuite refused invoice INV-DE-2026-000001: You have entered an Invalid Field Value 9999 for the following field: item (item.items[1].item)');
    expect(error.details).toMatchObject({ httpStatus: 400, errorCode: 'INVALID_CONTENT', exceptionCategory: 'master_data' });
    expect(vendor.records()).toHaveLength(0);
  });

  it('reports an unknown customer as a master-data problem', async () => {
    const error = await failure(post(connect(), netsuiteTestDocument({ party: '9999' })));
    expect(error.message).toContain('for the following field: entity (entity)');
    expect(error.details.exceptionCategory).toBe('master_data');
  });

  it('turns the 429 limit error into a transient failure with Retry-After', async () => {
    const connector = await warmedUp();
    sim.setFaults({ script: ['rateLimited'], retryAfterSeconds: 7 });
    const error = await failure(post(connector, netsuiteTestDocument()));
    expect(error.kind).toBe('transient');
    expect(error.details).toMatchObject({ httpStatus: 429, retryAfterMs: 7_000, errorCode: 'CONCURRENCY_LIMIT_EXCEEDED' });
    expect(error.retryable).toBe(true);
  });

  it('turns a 500 into a transient failure', async () => {
    const connector = await warmedUp();
    sim.setFaults({ script: ['serverError'] });
    const error = await failure(post(connector, netsuiteTestDocument()));
    expect(error.kind).toBe('transient');
    expect(error.details).toMatchObject({ httpStatus: 500, errorCode: 'UNEXPECTED_ERROR' });
  });

  it('reports a certificate NetSuite does not know as an auth failure', async () => {
    const error = await failure(post(connect({ credentials: { clientId: 'client-1', certificateId: 'cert-1', privateKey: pemOf(otherCertificate.privateKey) } }), netsuiteTestDocument()));
    expect(error.kind).toBe('auth');
    expect(error.details).toMatchObject({ httpStatus: 401, errorCode: 'invalid_client' });
    expect(vendor.records()).toHaveLength(0);
  });

  it('reports a wrong client id as an auth failure', async () => {
    const error = await failure(post(connect({ credentials: { clientId: 'someone-else', certificateId: 'cert-1', privateKey: pemOf(certificate.privateKey) } }), netsuiteTestDocument()));
    expect(error.kind).toBe('auth');
  });

  it('refuses a configuration without a readable private key before calling NetSuite', () => {
    const before = sim.stats.requests;
    for (const privateKey of ['not a key', '-----BEGIN PRIVATE KEY-----\ngarbage\n-----END PRIVATE KEY-----']) {
      const create = () => netsuiteConnector.create({ baseUrl: sim.url, credentials: { clientId: 'c', certificateId: 'k', privateKey }, settings: {} });
      expect(create).toThrow(ErpCallError);
      expect(create).toThrow(/private key/);
    }
    expect(sim.stats.requests).toBe(before);
  });

  it('fetches a new token once after 401 INVALID_LOGIN and retries the call', async () => {
    const connector = connect();
    await post(connector, netsuiteTestDocument());
    vendor.expireTokens();
    const result = await post(connector, netsuiteTestDocument({ documentNumber: 'INV-DE-2026-000002', externalId: 'invoiceops-invoice-2' }));
    expect(result.outcome).toBe('posted');
    expect(vendor.tokenRequests()).toBe(2);
  });

  it('gives up with an auth failure when the fresh token is refused too', async () => {
    vendor.setLoginAllowed(false);
    const error = await failure(post(connect(), netsuiteTestDocument()));
    expect(error.kind).toBe('auth');
    expect(error.details.errorCode).toBe('INVALID_LOGIN');
    expect(vendor.tokenRequests()).toBe(2);
  });

  it('after a lost response, the retry finds the record and the simulator holds exactly one', async () => {
    const connector = await warmedUp();
    const document = netsuiteTestDocument();
    sim.setFaults({ script: ['lostResponse'] });
    const lost = await failure(post(connector, document));
    expect(lost.kind).toBe('transient');
    expect(lost.details.outcomeUnknown).toBe(true);
    const retried = await post(connector, document, retry);
    expect(retried.outcome).toBe('already_posted');
    expect(recordsOf(document.externalId)).toHaveLength(1);
    expect(retried.erpDocumentId).toBe(recordsOf(document.externalId)[0]!.internalId);
  });

  it('reports an HTML page in place of the answer as malformed', async () => {
    const connector = await warmedUp();
    sim.setFaults({ script: ['malformed'] });
    const error = await failure(post(connector, netsuiteTestDocument()));
    expect(error.kind).toBe('malformed');
    expect(error.details).toMatchObject({ httpStatus: 200, errorCode: 'missing_location', outcomeUnknown: true });
    expect(error.details.responseSnippet).toContain('Service Unavailable');
  });

  it('gives up after the configured timeout with the outcome unknown', async () => {
    const connector = await warmedUp(connect({ timeoutMs: 300 }));
    sim.setFaults({ script: ['timeout'], hangMs: 3_000 });
    const started = Date.now();
    const error = await failure(post(connector, netsuiteTestDocument()));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(error.kind).toBe('transient');
    expect(error.details).toMatchObject({ errorCode: 'timeout', outcomeUnknown: true });
  });

  it('asks for one token for many posts, concurrent ones included', async () => {
    const connector = connect();
    const documents = [1, 2, 3, 4, 5].map((n) => netsuiteTestDocument({ documentNumber: `INV-DE-2026-00000${n}`, externalId: `invoiceops-invoice-${n}` }));
    await Promise.all(documents.slice(0, 3).map((document) => post(connector, document)));
    for (const document of documents.slice(3)) await post(connector, document);
    expect(vendor.records()).toHaveLength(5);
    expect(vendor.tokenRequests()).toBe(1);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { erpRejection, postWithTemplate, renderBody, sampleDocument, startBusinessCentral, storedDocuments, type BusinessCentralHarness } from './business-central-fixture.ts';
import type { VendorSimulator } from '../simulator-server.ts';

const PASS = 'slow' as const;

describe('Business Central connector against the contract simulator: failures', () => {
  let bc: BusinessCentralHarness | undefined;
  afterEach(async () => {
    await bc?.close();
    bc = undefined;
  });

  it('refuses an unknown customer with a message naming the field and the value', async () => {
    bc = await startBusinessCentral();
    const document = sampleDocument({ party: '9999' });
    const error = await erpRejection(postWithTemplate(bc.connector, document));
    expect(error.kind).toBe('refused');
    expect(error.retryable).toBe(false);
    expect(error.details).toMatchObject({ httpStatus: 400, errorCode: 'Application_FieldValidationException', exceptionCategory: 'master_data' });
    expect(error.message).toBe(`Business Central refused invoice ${document.documentNumber}: The field Sell-to Customer No. of table Sales Header contains a value (9999) that cannot be found in the related table (Customer).`);
    expect(storedDocuments(bc)).toHaveLength(0);
  });

  it('refuses an unknown item, and once the mapping is fixed completes the draft it left', async () => {
    bc = await startBusinessCentral();
    const good = sampleDocument();
    const bad = { ...good, lines: [good.lines[0]!, { ...good.lines[1]!, item: '9999' }] };
    const error = await erpRejection(postWithTemplate(bc.connector, bad));
    expect(error.kind).toBe('refused');
    expect(error.message).toMatch(/^Business Central refused invoice INV-DE-2026-\d+: The field No\. of table Sales Line contains a value \(9999\).*\(Item\)\.$/);
    expect(storedDocuments(bc)).toEqual([expect.objectContaining({ status: 'Draft', lines: [expect.anything()] })]);

    const fixed = await postWithTemplate(bc.connector, good, { attempt: 2 });
    expect(fixed.outcome).toBe('already_posted');
    expect(storedDocuments(bc)).toEqual([expect.objectContaining({ status: 'Open', lines: [expect.objectContaining({ lineObjectNumber: '1928-S' }), expect.objectContaining({ lineObjectNumber: '6120' })] })]);
  });

  it('reports the limit error as transient with the Retry-After it sent', async () => {
    bc = await startBusinessCentral({ server: { faults: { script: [PASS, 'rateLimited'], slowMs: 0, retryAfterSeconds: 7 } } });
    const error = await erpRejection(postWithTemplate(bc.connector, sampleDocument()));
    expect(error).toMatchObject({ kind: 'transient', details: { httpStatus: 429, errorCode: 'Application_TooManyRequests', retryAfterMs: 7000 } });
  });

  it('reports a refused client secret as an auth failure, with Entra`s reason', async () => {
    bc = await startBusinessCentral();
    const connector = bc.connectorWith({ credentials: { clientId: bc.vendor.clientId, clientSecret: 'wrong' } });
    const error = await erpRejection(postWithTemplate(connector, sampleDocument()));
    expect(error.kind).toBe('auth');
    expect(error.details).toMatchObject({ httpStatus: 401, errorCode: 'invalid_client', outcomeUnknown: false });
    expect(error.message).toContain('AADSTS7000215: Invalid client secret provided');
    expect(error.message).not.toContain('Trace ID');
    expect(bc.sim.stats.requests).toBe(1);
  });

  it('reports an unknown client id (Entra 400) as an auth failure', async () => {
    bc = await startBusinessCentral();
    const error = await erpRejection(postWithTemplate(bc.connectorWith({ credentials: { clientId: 'someone-else', clientSecret: 'x' } }), sampleDocument()));
    expect(error).toMatchObject({ kind: 'auth', details: { httpStatus: 400, errorCode: 'unauthorized_client' } });
  });

  it('fetches a new token once when the API refuses one, then gives up with auth', async () => {
    bc = await startBusinessCentral();
    await postWithTemplate(bc.connector, sampleDocument());
    bc.vendor.revokeTokens();
    const recovered = await postWithTemplate(bc.connector, sampleDocument());
    expect(recovered.outcome).toBe('posted');
    expect(bc.vendor.tokenRequests()).toBe(2);

    bc.vendor.setRejectTokens(true);
    const error = await erpRejection(postWithTemplate(bc.connector, sampleDocument()));
    expect(error).toMatchObject({ kind: 'auth', details: { httpStatus: 401, errorCode: 'Authentication_InvalidCredentials' } });
    expect(bc.vendor.tokenRequests()).toBe(3);
  });

  it('reuses its token across calls', async () => {
    bc = await startBusinessCentral();
    await Promise.all([postWithTemplate(bc.connector, sampleDocument()), postWithTemplate(bc.connector, sampleDocument()), postWithTemplate(bc.connector, sampleDocument())]);
    await postWithTemplate(bc.connector, sampleDocument());
    expect(bc.vendor.tokenRequests()).toBe(1);
    expect(storedDocuments(bc)).toHaveLength(4);
  });

  it('reads an HTML page in place of the created document as malformed, and the retry posts once', async () => {
    bc = await startBusinessCentral({ server: { faults: { script: [PASS, 'malformed'], slowMs: 0 } } });
    const document = sampleDocument();
    const error = await erpRejection(postWithTemplate(bc.connector, document));
    expect(error).toMatchObject({ kind: 'malformed', details: { httpStatus: 200, outcomeUnknown: true } });
    expect(error.details.responseSnippet).toContain('<html>');

    await postWithTemplate(bc.connector, document, { attempt: 2, mayExist: true });
    expect(storedDocuments(bc)).toEqual([expect.objectContaining({ status: 'Open' })]);
  });

  it('reads an HTML page in place of the lookup as malformed', async () => {
    bc = await startBusinessCentral({ server: { faults: { script: [PASS, 'malformed'], slowMs: 0, onlyWrites: false } } });
    const error = await erpRejection(postWithTemplate(bc.connector, sampleDocument()));
    expect(error.kind).toBe('malformed');
    expect(error.message).toMatch(/without the list of documents/);
    expect(storedDocuments(bc)).toHaveLength(0);
  });

  it.each([
    ['invalid JSON on create', { status: 201, headers: { 'content-type': 'application/json' }, body: '{"id": "5d11' }, 'malformed'],
    ['a 201 without an id', { status: 201, body: { number: 'S-INV-1' } }, 'malformed'],
    ['a huge body', { status: 201, body: 'x'.repeat(3_000_000) }, 'malformed'],
    ['a redirect', { status: 302, body: '' }, 'malformed'],
    ['an unexpected 4xx without BC`s body', { status: 418, body: 'teapot' }, 'refused'],
    ['a gateway error page', { status: 502, headers: { 'content-type': 'text/html' }, body: '<html>Bad Gateway</html>' }, 'transient'],
  ] as const)('turns %s into an ErpCallError', async (_name, answer, kind) => {
    const wrap = (vendor: VendorSimulator): VendorSimulator => ({
      ...vendor,
      handle: (request) => (request.method === 'POST' && /\/salesInvoices$/.test(request.path) ? answer : vendor.handle(request)),
    });
    bc = await startBusinessCentral({ wrap });
    const error = await erpRejection(postWithTemplate(bc.connector, sampleDocument()));
    expect(error.kind).toBe(kind);
    expect(error.message).toMatch(/^Business Central/);
  });

  it('gives up after timeoutMs with a transient, outcome-unknown error, and the retry posts once', async () => {
    bc = await startBusinessCentral({ timeoutMs: 300, server: { faults: { script: [PASS, 'timeout'], slowMs: 0, hangMs: 5_000 } } });
    const document = sampleDocument();
    const started = Date.now();
    const error = await erpRejection(postWithTemplate(bc.connector, document));
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(error).toMatchObject({ kind: 'transient', details: { errorCode: 'timeout', outcomeUnknown: true } });

    await postWithTemplate(bc.connector, document, { attempt: 2, mayExist: true });
    expect(storedDocuments(bc)).toEqual([expect.objectContaining({ status: 'Open' })]);
  });

  it('refuses a rendered body without an external document number before calling the ERP', async () => {
    bc = await startBusinessCentral();
    const document = sampleDocument();
    const body = (await renderBody(document)) as { header: Record<string, unknown>; lines: unknown[] };
    const { externalDocumentNumber: _dropped, ...header } = body.header;
    const error = await erpRejection(bc.connector.post(document, { ...body, header }, { attempt: 1, mayExist: false }));
    expect(error).toMatchObject({ kind: 'refused', details: { errorCode: 'invalid_template_output' } });
    expect(bc.sim.stats.requests).toBe(0);
  });
});

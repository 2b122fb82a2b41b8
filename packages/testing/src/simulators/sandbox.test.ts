import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErpCallError, renderErpBody, type ErpPostingDocument } from '@invoiceops/core';
import { ERP_CONNECTORS } from '@invoiceops/connectors';
import { SANDBOX_VENDORS, startSandbox, type Sandbox } from './sandbox.ts';
import { sandboxConnectionBody, sandboxConnectionName, sandboxSecretBody } from './sandbox-connection.ts';

/** An invoice already in the ERP's ids, as the mapping would hand it to a connector. */
function document(documentType: 'invoice' | 'credit_memo', number: string): ErpPostingDocument {
  const documentId = `${documentType === 'invoice' ? 'inv' : 'crn'}_01JSANDBOX${number}`;
  const line = (lineNo: number, item: string, amount: string, tax: string) => ({
    lineNo, description: `Line ${lineNo}`, item, quantity: '1', unitPrice: amount, amount, taxCode: 'S-DE', taxAmount: tax, account: '4000', segments: {},
  });
  return {
    documentType,
    documentId,
    externalId: `invoiceops-${documentType}-${documentId}`,
    documentNumber: `${documentType === 'invoice' ? 'INV' : 'CRN'}-DE-2026-${number}`,
    postingDate: '2026-02-01',
    dueDate: documentType === 'invoice' ? '2026-03-03' : '2026-02-01',
    currency: 'EUR',
    total: '178.50',
    netTotal: '150.00',
    taxTotal: '28.50',
    memo: `Sandbox ${documentType} ${number}`,
    poNumber: null,
    company: 'ent_sandbox',
    party: 'cus_sandbox',
    lines: [line(1, 'prd_seat', '100.00', '19.00'), line(2, 'prd_calls', '50.00', '9.50')],
    gl: [],
    taxes: [{ taxCode: 'S-DE', base: '150.00', amount: '28.50' }],
    receivableAccount: '1100',
  };
}

describe.each(SANDBOX_VENDORS)('the %s sandbox', (kind) => {
  const definition = ERP_CONNECTORS.get(kind)!;
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox(kind);
  });
  afterAll(() => sandbox.close());

  it('gives credentials and settings its connector’s schemas accept, and the API bodies to connect it', () => {
    expect(sandbox.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(definition.credentialsSchema.safeParse(sandbox.credentials).success).toBe(true);
    expect(definition.settingsSchema.safeParse(sandbox.settings).success).toBe(true);
    const name = sandboxConnectionName(kind);
    expect(name).toMatch(/^[a-z][a-z0-9_-]{0,39}$/);
    expect(sandboxSecretBody(sandbox)).toEqual({ fields: sandbox.credentials });
    expect(sandboxConnectionBody(sandbox, name)).toMatchObject({
      kind, baseUrl: sandbox.baseUrl, settings: sandbox.settings, secretName: name,
      maxConcurrency: definition.limits.concurrency, maxPerMinute: definition.limits.perMinute,
    });
  });

  it('takes an invoice and a credit memo from its connector, signed in with those credentials, once each', async () => {
    const connector = definition.create({ baseUrl: sandbox.baseUrl, credentials: sandbox.credentials, settings: sandbox.settings, timeoutMs: 5_000 });
    for (const doc of [document('invoice', '000001'), document('credit_memo', '000001')]) {
      const body = await renderErpBody(definition.defaultTemplates[doc.documentType], doc, { connectionName: 'sandbox' });
      const first = await connector.post(doc, body, { attempt: 1, mayExist: false });
      expect(first).toMatchObject({ outcome: 'posted', erpDocumentId: expect.any(String) });
      // A retry that may have landed is found, not made twice.
      const again = await connector.post(doc, body, { attempt: 2, mayExist: true });
      expect(again).toMatchObject({ outcome: 'already_posted', erpDocumentId: first.erpDocumentId });
    }
    expect(sandbox.simulator.vendor.records()).toHaveLength(2);
    const records = await fetch(`${sandbox.baseUrl}/__sim/records`).then((r) => r.json() as Promise<unknown[]>);
    expect(records).toHaveLength(2);
  });

  it('refuses other credentials as an authentication failure', async () => {
    const other = await startSandbox(kind);
    try {
      const stranger = kind === 'netsuite'
        ? other.credentials // a key pair of another sandbox
        : Object.fromEntries(Object.entries(sandbox.credentials).map(([field, value]) => [field, /secret|password/i.test(field) ? `${value}-wrong` : value]));
      const connector = definition.create({ baseUrl: sandbox.baseUrl, credentials: stranger, settings: sandbox.settings, timeoutMs: 5_000 });
      const doc = document('invoice', '000002');
      const body = await renderErpBody(definition.defaultTemplates.invoice, doc, { connectionName: 'sandbox' });
      const failure = await connector.post(doc, body, { attempt: 1, mayExist: false }).then(() => undefined, (error: unknown) => error);
      expect(failure).toBeInstanceOf(ErpCallError);
      expect((failure as ErpCallError).kind).toBe('auth');
    } finally {
      await other.close();
    }
  });
});

it('starts on the port asked for, with faults, and names the known vendors for an unknown one', async () => {
  const sandbox = await startSandbox('oracle_fusion', { faults: { rates: { serverError: 1 } } });
  try {
    const again = await startSandbox('oracle_fusion', { port: sandbox.simulator.port }).then(() => 'started', (error: NodeJS.ErrnoException) => error.code);
    expect(again).toBe('EADDRINUSE');
    const answer = await fetch(`${sandbox.baseUrl}/fscmRestApi/resources/11.13.18.05/receivablesInvoices`, { method: 'POST', body: '{}' });
    expect(answer.status).toBe(503);
    expect(sandbox.simulator.stats.faults).toEqual({ serverError: 1 });
  } finally {
    await sandbox.close();
  }
  await expect(startSandbox('quickbooks' as never)).rejects.toThrow('unknown ERP vendor "quickbooks"; known: netsuite, xero, business_central, sap_s4hana, oracle_fusion');
});

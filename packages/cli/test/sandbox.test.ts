import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ErpCallError, putSecretSchema, renderErpBody, saveErpConnectionInput, type ErpPostingDocument } from '@invoiceops/core';
import { ERP_CONNECTORS } from '@invoiceops/connectors';

const BIN = join(import.meta.dirname, '../bin/invoiceops.js');
const ENV = { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'silent' };
const running: ChildProcess[] = [];

/** Starts `invoiceops sandbox erp …` and waits for its instructions (they end with the faults line). */
async function startCli(args: string[]): Promise<{ child: ChildProcess; printed: string }> {
  const child = spawn(process.execPath, [BIN, 'sandbox', 'erp', ...args], { env: ENV });
  running.push(child);
  let printed = '';
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      printed += chunk.toString('utf8');
      if (/\nFaults: .*\n/.test(printed)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the sandbox exited with ${code}: ${errors}`)));
  });
  return { child, printed };
}

/** The two JSON bodies of the printed curl commands, and the URL. */
function read(printed: string) {
  const bodies = [...printed.matchAll(/<<'JSON'\n([\s\S]*?)\nJSON\n/g)].map((m) => JSON.parse(m[1]!) as Record<string, unknown>);
  const url = /listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(printed)?.[1];
  return { secret: bodies[0]!, connection: bodies[1]!, url: url!, count: bodies.length };
}

const invoice: ErpPostingDocument = {
  documentType: 'invoice', documentId: 'inv_01JCLISANDBOX', externalId: 'invoiceops-invoice-inv_01JCLISANDBOX', documentNumber: 'CLI-INV-000001',
  postingDate: '2026-02-01', dueDate: '2026-03-03', currency: 'EUR', total: '119.00', netTotal: '100.00', taxTotal: '19.00', memo: 'Invoice CLI-INV-000001', poNumber: null,
  company: 'ent_cli', party: 'cus_cli', receivableAccount: '1100', gl: [], taxes: [{ taxCode: 'S-DE', base: '100.00', amount: '19.00' }],
  lines: [{ lineNo: 1, description: 'Seats', item: 'prd_seat', quantity: '1', unitPrice: '100.00', amount: '100.00', taxCode: 'S-DE', taxAmount: '19.00', account: '4000', segments: {} }],
};

/** Posts the invoice with a connector configured from exactly what the CLI printed. */
async function postWith(kind: string, url: string, secret: Record<string, unknown>, connection: Record<string, unknown>) {
  const definition = ERP_CONNECTORS.get(kind)!;
  const connector = definition.create({ baseUrl: connection.baseUrl as string, credentials: (secret.fields ?? {}) as Record<string, string>, settings: connection.settings as Record<string, string>, timeoutMs: 5_000 });
  const body = await renderErpBody(definition.defaultTemplates.invoice, invoice, { connectionName: 'cli' });
  expect(connection.baseUrl).toBe(url);
  return connector.post(invoice, body, { attempt: 1, mayExist: false });
}

describe('invoiceops sandbox erp', () => {
  afterAll(() => {
    for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('prints secret and connection bodies the API and the connector accept, serves the simulator, and stops on SIGINT', async () => {
    const [netsuite, xero] = await Promise.all([startCli(['netsuite', '--port', '0']), startCli(['xero', '--port', '0', '--latency-ms', '5', '--fault', 'serverError=1'])]);

    const ns = read(netsuite.printed);
    expect(ns.count).toBe(2);
    expect(netsuite.printed).toContain('PUT /v1/integrations/secrets/netsuite-sandbox');
    expect(netsuite.printed).toContain('PUT /v1/integrations/connections/netsuite-sandbox');
    for (const control of ['/__sim/records', '/__sim/faults', '/__sim/reset']) expect(netsuite.printed).toContain(`${ns.url}${control}`);
    expect(putSecretSchema.safeParse(ns.secret).success).toBe(true);
    expect(saveErpConnectionInput.parse(ns.connection)).toMatchObject({ kind: 'netsuite', secretName: 'netsuite-sandbox', maxConcurrency: 15, maxPerMinute: 600 });
    expect(ERP_CONNECTORS.get('netsuite')!.credentialsSchema.safeParse((ns.secret as { fields: unknown }).fields).success).toBe(true);
    expect(ERP_CONNECTORS.get('netsuite')!.settingsSchema.safeParse(ns.connection.settings).success).toBe(true);
    expect(await postWith('netsuite', ns.url, ns.secret, ns.connection)).toMatchObject({ outcome: 'posted' });
    expect(await fetch(`${ns.url}/__sim/records`).then((r) => r.json())).toHaveLength(1);

    const xr = read(xero.printed);
    expect(saveErpConnectionInput.safeParse(xr.connection).success).toBe(true);
    expect(xero.printed).toContain('Faults: serverError=1 of writes');
    const refused = await postWith('xero', xr.url, xr.secret, xr.connection).then(() => undefined, (error: unknown) => error);
    expect(refused).toBeInstanceOf(ErpCallError);
    expect((refused as ErpCallError).kind).toBe('transient');
    expect(await fetch(`${xr.url}/__sim/stats`).then((r) => r.json())).toMatchObject({ faults: { serverError: 1 } });

    for (const { child } of [netsuite, xero]) {
      const exited = once(child, 'exit');
      child.kill('SIGINT');
      expect((await exited)[0]).toBe(0);
    }
    await expect(fetch(`${ns.url}/__sim/records`)).rejects.toThrow();
  }, 60_000);

  it('names the known vendors in one line for an unknown one', () => {
    const result = spawnSync(process.execPath, [BIN, 'sandbox', 'erp', 'quickbooks'], { env: ENV, encoding: 'utf8', timeout: 60_000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('invoiceops: error: unknown ERP vendor "quickbooks"; known: netsuite, xero, business_central, sap_s4hana, oracle_fusion\n');
  });
});

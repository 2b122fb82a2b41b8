import jsonata from 'jsonata';
import { ErpCallError, type ErpConnector, type ErpPostingDocument } from '@invoiceops/core';
import { startSimulator, type RunningSimulator, type SimulatorOptions, type VendorSimulator } from '../simulator-server.ts';
import { businessCentralConnector } from '../../../../connectors/src/erp/business-central/index.ts';
import type { ErpConnectionConfig } from '../../../../connectors/src/erp/connector-definition.ts';
import { createBusinessCentralSimulator, type BusinessCentralSimulator, type BusinessCentralSimulatorOptions } from './business-central-simulator.ts';

/** A started Business Central simulator and a connector pointed at it. */
export interface BusinessCentralHarness {
  readonly sim: RunningSimulator;
  readonly vendor: BusinessCentralSimulator;
  readonly config: ErpConnectionConfig;
  readonly connector: ErpConnector;
  /** Another connector instance on the same connection (a second worker: its own token cache). */
  connectorWith(overrides?: Partial<ErpConnectionConfig>): ErpConnector;
  close(): Promise<void>;
}

/**
 * Starts the simulator on port 0 and builds a connector for it. `wrap` may replace the
 * vendor's answers (an HTML page, a huge body) around the real simulator.
 */
export async function startBusinessCentral(
  options: { simulator?: BusinessCentralSimulatorOptions; server?: SimulatorOptions; timeoutMs?: number; wrap?: (vendor: BusinessCentralSimulator) => VendorSimulator } = {},
): Promise<BusinessCentralHarness> {
  const vendor = createBusinessCentralSimulator(options.simulator);
  const sim = await startSimulator(options.wrap ? options.wrap(vendor) : vendor, options.server ?? {});
  const config: ErpConnectionConfig = {
    baseUrl: sim.url,
    credentials: { clientId: vendor.clientId, clientSecret: vendor.clientSecret },
    settings: { tenant: vendor.tenant, environment: vendor.environment, companyId: vendor.companyId },
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  };
  const connectorWith = (overrides: Partial<ErpConnectionConfig> = {}) => businessCentralConnector.create({ ...config, ...overrides });
  return { sim, vendor, config, connector: connectorWith(), connectorWith, close: () => sim.close() };
}

let sequence = 0;

/** A two-line invoice (one item line, one account line) with a fresh document number. */
export function sampleDocument(overrides: Partial<ErpPostingDocument> = {}): ErpPostingDocument {
  sequence += 1;
  const number = String(sequence).padStart(6, '0');
  return {
    documentType: 'invoice',
    documentId: `inv_01JBCSIM${number}00000000000000`,
    externalId: `invoiceops-invoice-inv_01JBCSIM${number}00000000000000`,
    documentNumber: `INV-DE-2026-${number}`,
    postingDate: '2026-01-31',
    dueDate: '2026-03-02',
    currency: 'EUR',
    total: '178.50',
    netTotal: '150.00',
    taxTotal: '28.50',
    memo: 'January subscription',
    poNumber: 'PO-4711',
    company: 'CRONUS',
    party: '20000',
    lines: [
      { lineNo: 1, description: 'Platform subscription', item: '1928-S', quantity: '1', unitPrice: '100.00', amount: '100.00', taxCode: 'VAT19', taxAmount: '19.00', account: '6110', segments: {} },
      { lineNo: 2, description: 'Extra seats', item: null, quantity: '2', unitPrice: '25.00', amount: '50.00', taxCode: 'VAT19', taxAmount: '9.50', account: '6120', segments: {} },
    ],
    gl: [],
    taxes: [{ taxCode: 'VAT19', base: '150.00', amount: '28.50' }],
    receivableAccount: '2310',
    ...overrides,
  };
}

/** The connector's default template rendered for a document (what the worker will send as `body`). */
export async function renderBody(document: ErpPostingDocument): Promise<unknown> {
  return jsonata(businessCentralConnector.defaultTemplates[document.documentType]).evaluate(document);
}

/** Posts a document with its rendered default template. */
export async function postWithTemplate(connector: ErpConnector, document: ErpPostingDocument, context: { attempt?: number; mayExist?: boolean } = {}) {
  return connector.post(document, await renderBody(document), { attempt: context.attempt ?? 1, mayExist: context.mayExist ?? false });
}

/** What the simulator stores, typed for assertions. */
export function storedDocuments(harness: BusinessCentralHarness): Array<{ entity: string; id: string; number: string; externalDocumentNumber: string; status: string; lines: Array<Record<string, unknown>> }> {
  return harness.vendor.records() as never;
}

/** The ErpCallError a promise rejects with; fails when it resolves or rejects with anything else. */
export async function erpRejection(promise: Promise<unknown>): Promise<ErpCallError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ErpCallError) return error;
    throw new Error(`expected an ErpCallError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected the call to fail, it succeeded');
}

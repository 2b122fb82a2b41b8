import type { AddressInfo } from 'node:net';
import { createTaxEngine } from '@invoiceops/connectors';
import {
  ALL_ENTITIES, DEMO_BILLING_PERIOD, SYSTEM_CONTEXT, billDemoHistory, createBillRun, createDatabase, executeBillRun, migrateToLatest, seedDemoData, type DatabaseHandle,
} from '@invoiceops/core';
import { buildApp } from '@invoiceops/server';
import { startWorker } from '@invoiceops/worker';
import pino from 'pino';
import { ensureWebBuild } from '../scripts/ensure-build.ts';

export const DEMO_PASSWORD = 'invoiceops-demo';
export const demoEmail = (local: string) => `${local}@demo.invoiceops.dev`;

export interface DemoServer {
  url: string;
  handle: DatabaseHandle;
  close: () => Promise<void>;
}

/** A fresh, migrated embedded database (tests pass a faster clone of the run's template instead). */
async function freshDatabase(): Promise<DatabaseHandle> {
  const handle = await createDatabase({ kind: 'pglite' });
  await migrateToLatest(handle.db);
  return handle;
}

/**
 * The real server on a fresh demo company, listening on a random loopback port: the web
 * app built (when stale), the demo seeded with `customers` customers and, unless
 * `billDemoMonth` is false, its history and the demo month billed with `finalize: true`
 * through the controls, so there are issued invoices, exceptions and approvals waiting,
 * some past their SLA — what `npm start` shows, smaller.
 */
export async function startDemoServer(options: StartDemoOptions = {}): Promise<DemoServer> {
  const [handle] = await Promise.all([(options.open ?? freshDatabase)(), ensureWebBuild({ quiet: true })]);
  const bill = options.billDemoMonth ?? true;
  const history = options.history ?? bill;
  const seeded = await seedDemoData(handle.db, { customers: options.customers ?? 200, history });
  const taxEngine = createTaxEngine({ kind: 'builtin' });
  if (history) await billDemoHistory(handle.db, { taxEngine, seededAt: new Date(seeded.seededAt) });
  if (bill) {
    const run = await createBillRun(handle.db, SYSTEM_CONTEXT, { period: DEMO_BILLING_PERIOD, finalize: true }, ALL_ENTITIES, { enqueue: false });
    await executeBillRun(handle.db, SYSTEM_CONTEXT, run.id, { taxEngine });
  }
  const app = await buildApp({ db: handle.db, secureCookies: false, serveWebUi: true });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const worker = options.worker ? startWorker({ db: handle.db, logger: pino({ level: 'silent' }) }) : undefined;
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    handle,
    close: async () => {
      await worker?.stop();
      await app.close();
      await handle.close();
    },
  };
}

export interface StartDemoOptions {
  /** Demo customers (default 200). */
  customers?: number;
  /** Opens the database (default: a fresh embedded one, migrated). */
  open?: () => Promise<DatabaseHandle>;
  /** Bill the demo's history and month through the controls before serving (default true; false: no history either). */
  billDemoMonth?: boolean;
  /** Give the company its past (billed history, worked approvals, amendments); default: as `billDemoMonth`. */
  history?: boolean;
  /** Run a job worker too, so bill runs started from the app make progress (default false). */
  worker?: boolean;
}

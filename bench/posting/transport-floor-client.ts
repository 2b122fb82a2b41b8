/**
 * The transport floor of bench:posting, run in a process of its own as the workers are:
 * posts BENCH_FLOOR_INVOICES minimal invoices through the real NetSuite connector to the
 * simulator at BENCH_FLOOR_URL, at most BENCH_FLOOR_CONCURRENCY calls at once, retrying
 * what the simulator's faults make fail as the worker does (Retry-After when given, else
 * full-jitter backoff; a retry looks the document up first unless every earlier answer was
 * a 4xx) — with no database at all. Prints `{"floor_s":…}`: how long posting takes when nothing but the HTTP
 * calls, the latency, the concurrency limit and the injected faults cost anything.
 */
import { backoffDelayMs, ErpCallError, type ErpPostingDocument } from '@invoiceops/core';
import { ERP_CONNECTORS } from '@invoiceops/connectors';

const invoices = Number(process.env.BENCH_FLOOR_INVOICES);
const concurrency = Number(process.env.BENCH_FLOOR_CONCURRENCY);
const connector = ERP_CONNECTORS.get('netsuite')!.create({
  baseUrl: process.env.BENCH_FLOOR_URL!,
  credentials: JSON.parse(process.env.BENCH_FLOOR_CREDENTIALS!) as Record<string, string>,
  settings: JSON.parse(process.env.BENCH_FLOOR_SETTINGS!) as Record<string, string>,
  timeoutMs: 10_000,
});

let inUse = 0;
const waiting: Array<() => void> = [];
async function acquire(): Promise<void> {
  if (inUse < concurrency) inUse += 1;
  else await new Promise<void>((resolve) => waiting.push(resolve));
}
function release(): void {
  const next = waiting.shift();
  if (next) next();
  else inUse -= 1;
}

const body = {
  entity: { id: '1' },
  subsidiary: { id: '1' },
  tranDate: '2026-10-31',
  item: { items: [{ item: { id: '1' }, quantity: 1, rate: 100, amount: 100, taxCode: { id: '1' } }] },
};

function documentOf(i: number): ErpPostingDocument {
  return {
    documentType: 'invoice', documentId: `floor-${i}`, externalId: `floor-${i}`, documentNumber: `FLOOR-${i}`, postingDate: '2026-10-31', dueDate: null,
    currency: 'EUR', total: '100.00', netTotal: '100.00', taxTotal: '0.00', memo: '', poNumber: null, company: '1', party: '1', lines: [], gl: [], taxes: [], receivableAccount: '1200',
  };
}

async function postOne(i: number): Promise<void> {
  const document = documentOf(i);
  let mayExist = false;
  for (let attempt = 1; ; attempt += 1) {
    await acquire();
    let delay: number;
    try {
      await connector.post(document, body, { attempt, mayExist });
      return;
    } catch (error) {
      if (!(error instanceof ErpCallError) || !error.retryable) throw error;
      const status = error.details.httpStatus;
      mayExist ||= (status ?? 0) < 400 || (status ?? 0) > 499;
      delay = error.details.retryAfterMs ?? backoffDelayMs(attempt);
    } finally {
      release();
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

// The access token first, as a worker has it before its first posting.
await postOne(-1);
const started = performance.now();
await Promise.all(Array.from({ length: invoices }, (_, i) => postOne(i)));
process.stdout.write(`${JSON.stringify({ floor_s: (performance.now() - started) / 1000 })}\n`);

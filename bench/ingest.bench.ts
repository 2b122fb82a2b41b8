/**
 * Usage ingestion throughput (the demo seed provides the `api.calls` sum metric): CloudEvents batches through the real HTTP API (validated,
 * idempotent, committed) against a floor of plain batched INSERTs of the same rows into
 * the same database, then a full re-send (must add nothing and not be slower).
 *
 *   BENCH_CUSTOMERS (default 2500)  BENCH_EVENTS_PER_CUSTOMER (default 100)
 *   BENCH_CONCURRENCY (default 4)   DATABASE_URL (also run on that PostgreSQL server)
 *
 * Prints one JSON line per database, last.
 */
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import {
  SYSTEM_CONTEXT,
  createDatabase,
  issueApiKey,
  migrateToLatest,
  newId,
  seedDemoData,
  type DatabaseConfig,
  type Db,
} from '@invoiceops/core';
import { buildApp } from '@invoiceops/server';

const customers = Number(process.env.BENCH_CUSTOMERS ?? 2_500);
const perCustomer = Number(process.env.BENCH_EVENTS_PER_CUSTOMER ?? 100);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 4);
const BATCH = 1_000;

function* events(customerIds: string[], source: string) {
  let n = 0;
  for (let i = 0; i < perCustomer; i += 1) {
    for (const subject of customerIds) {
      n += 1;
      yield {
        specversion: '1.0',
        id: `e${n}`,
        source,
        type: 'api.calls',
        subject,
        time: new Date(Date.UTC(2026, 9, 1) + (n % 2_592_000) * 1000).toISOString(),
        data: { quantity: (n % 97) + 1, region: n % 2 ? 'eu' : 'us' },
      };
    }
  }
}

function batches(customerIds: string[], source: string): string[] {
  const out: string[] = [];
  let batch: unknown[] = [];
  for (const e of events(customerIds, source)) {
    batch.push(e);
    if (batch.length === BATCH) {
      out.push(JSON.stringify(batch));
      batch = [];
    }
  }
  if (batch.length) out.push(JSON.stringify(batch));
  return out;
}

async function send(url: string, token: string, bodies: string[]): Promise<number> {
  let next = 0;
  let stored = 0;
  const worker = async () => {
    while (next < bodies.length) {
      const body = bodies[next++]!;
      const response = await fetch(`${url}/v1/usage-events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/cloudevents-batch+json' },
        body,
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}: ${(await response.text()).slice(0, 300)}`);
      const result = (await response.json()) as { accepted: number; flagged: number; rejected: number };
      if (result.rejected > 0) throw new Error('unexpected rejections');
      stored += result.accepted + result.flagged;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return stored;
}

async function floorInsert(db: Db, customerIds: string[]): Promise<number> {
  const started = performance.now();
  let rows: Record<string, unknown>[] = [];
  const flush = async () => {
    await db.insertInto('usageEvents').values(rows as never).execute();
    rows = [];
  };
  for (const e of events(customerIds, '/bench/floor')) {
    rows.push({
      customerId: e.subject, id: newId('use'), source: e.source, eventId: e.id, metricCode: e.type, subject: e.subject,
      occurredAt: e.time, quantity: String(e.data.quantity), properties: JSON.stringify(e.data), status: 'accepted',
    });
    if (rows.length === BATCH) await flush();
  }
  if (rows.length) await flush();
  return (performance.now() - started) / 1000;
}

async function run(label: string, config: DatabaseConfig): Promise<void> {
  const handle = await createDatabase(config);
  if (config.kind === 'postgres') await sql`DROP SCHEMA public CASCADE; CREATE SCHEMA public`.execute(handle.db).catch(() => undefined);
  await migrateToLatest(handle.db);
  await seedDemoData(handle.db, { customers });

  const user = await handle.db.selectFrom('users').select('id').where('email', 'like', 'integration@%').executeTakeFirstOrThrow();
  const { secret } = await issueApiKey(handle.db, SYSTEM_CONTEXT, { userId: user.id, name: 'bench', roles: ['integration'], entityIds: null, expiresAt: null });
  const customerIds = (await handle.db.selectFrom('customers').select('id').orderBy('id').execute()).map((c) => c.id);
  const app = await buildApp({ db: handle.db });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const bodies = batches(customerIds, '/bench/api');
  const total = customerIds.length * perCustomer;

  const floorSeconds = await floorInsert(handle.db, customerIds);
  const started = performance.now();
  const stored = await send(url, secret, bodies);
  const ingestSeconds = (performance.now() - started) / 1000;
  const again = performance.now();
  const restored = await send(url, secret, bodies);
  const reingestSeconds = (performance.now() - again) / 1000;
  if (stored !== total || restored !== 0) throw new Error(`stored ${stored} of ${total}, re-send stored ${restored}`);
  await app.close();
  await handle.close();
  console.log(JSON.stringify({
    bench: 'ingest',
    db: label,
    customers: customerIds.length,
    events: total,
    ingest_events_per_s: Math.round(total / ingestSeconds),
    ingest_floor_events_per_s: Math.round(total / floorSeconds),
    ingest_ratio: Number((floorSeconds / ingestSeconds).toFixed(2)),
    reingest_events_per_s: Math.round(total / reingestSeconds),
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
  }));
}

await run('pglite', { kind: 'pglite' });
if (process.env.DATABASE_URL) await run('postgres', { kind: 'postgres', url: process.env.DATABASE_URL });

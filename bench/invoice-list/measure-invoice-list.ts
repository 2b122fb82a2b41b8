import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { DEFAULT_DEMO_PASSWORD, DEMO_BILLING_PERIOD, DEMO_EMAIL_DOMAIN, type Db } from '@invoiceops/core';
import { buildApp } from '@invoiceops/server';

/** One request the invoice list page makes, by what the user did. */
export interface ListQuery {
  name: string;
  path: string;
}

/** Timings of one query, in milliseconds. */
export interface QueryTimings {
  name: string;
  path: string;
  rows: number;
  kb: number;
  p50: number;
  p95: number;
  max: number;
  samples: number[];
}

/** The AR clerk of the US and UK entities: an entity-scoped user, as most AR users are. */
const AR_USER = `ar.clerk@${DEMO_EMAIL_DOMAIN}`;
const PAGE = 50;

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const round = (ms: number) => Number(ms.toFixed(1));
const list = (params: Record<string, string>) => `/v1/invoices?${new URLSearchParams({ ...params, limit: String(PAGE) }).toString()}`;

/** Filter values a user of the AR clerk's entities would pick, read from the data. */
async function filterValues(db: Db, billRunId: string) {
  const entities = await sql<{ id: string; code: string }>`SELECT id, code FROM legal_entities WHERE code IN ('US01', 'UK01')`.execute(db);
  const uk = entities.rows.find((e) => e.code === 'UK01')!.id;
  const inScope = entities.rows.map((e) => e.id);
  const loyal = await sql<{ customerId: string; name: string; number: string }>`
    SELECT i.customer_id, c.name, c.number FROM invoices i JOIN customers c ON c.id = i.customer_id
    WHERE i.entity_id = ANY(${inScope}::text[]) GROUP BY 1, 2, 3 ORDER BY count(*) DESC, 1 LIMIT 1`.execute(db);
  const newest = await sql<{ customerId: string }>`
    SELECT customer_id FROM invoices WHERE entity_id = ANY(${inScope}::text[]) GROUP BY 1 ORDER BY count(*), 1 LIMIT 1`.execute(db);
  const periods = await sql<{ oldest: string; middle: string }>`
    SELECT min(billing_period) AS oldest, to_char(to_date(min(billing_period) || '-01', 'YYYY-MM-DD') + (to_date(max(billing_period) || '-01', 'YYYY-MM-DD') - to_date(min(billing_period) || '-01', 'YYYY-MM-DD')) / 2, 'YYYY-MM') AS middle
    FROM invoices WHERE billing_period IS NOT NULL`.execute(db);
  const oldRun = await sql<{ id: string }>`SELECT id FROM bill_runs ORDER BY period LIMIT 1 OFFSET 2`.execute(db);
  const oldest = await sql<{ number: string }>`
    SELECT number FROM invoices WHERE entity_id = ${uk} AND number IS NOT NULL ORDER BY created_at, id LIMIT 1`.execute(db);
  const customer = loyal.rows[0]!;
  const oldNumber = oldest.rows[0]!.number;
  return {
    oldNumber,
    numberPrefix: oldNumber.slice(0, oldNumber.length - 3),
    uk,
    loyal: customer.customerId,
    // The picker searches from two characters on: a word of the name, and the number's tail.
    nameFragment: customer.name.split(/\s+/)[0]!.slice(0, 5),
    numberFragment: customer.number.slice(-4),
    newest: newest.rows[0]!.customerId,
    oldest: periods.rows[0]!.oldest,
    middle: periods.rows[0]!.middle,
    oldRun: oldRun.rows[0]?.id ?? billRunId,
    billRunId,
  };
}

/**
 * The requests of the invoice list page (packages/web/src/features/invoices): the first
 * page, each filter of the filter bar alone (entity, status, every lifecycle stage, type,
 * billing period, customer) and a few combinations, the bill run's invoices (linked from a
 * bill run), pages further on through the cursor, and the customer picker's search.
 */
async function invoiceListQueries(db: Db, billRunId: string): Promise<ListQuery[]> {
  const v = await filterValues(db, billRunId);
  const lifecycles = ['draft', 'validated', 'on_hold', 'pending_approval', 'approved', 'posting', 'posted', 'sent', 'paid', 'void'];
  return [
    { name: 'first page', path: list({}) },
    { name: 'entity UK01', path: list({ entityId: v.uk }) },
    ...['draft', 'finalized', 'void'].map((status) => ({ name: `status ${status}`, path: list({ status }) })),
    ...lifecycles.map((lifecycle) => ({ name: `lifecycle ${lifecycle}`, path: list({ lifecycle }) })),
    { name: 'type credit memos', path: list({ kind: 'credit_memo' }) },
    { name: 'type invoices', path: list({ kind: 'invoice' }) },
    { name: `period ${DEMO_BILLING_PERIOD} (newest)`, path: list({ billingPeriod: DEMO_BILLING_PERIOD }) },
    { name: `period ${v.middle} (middle)`, path: list({ billingPeriod: v.middle }) },
    { name: `period ${v.oldest} (oldest)`, path: list({ billingPeriod: v.oldest }) },
    { name: 'customer (longest history)', path: list({ customerId: v.loyal }) },
    { name: 'customer (newest)', path: list({ customerId: v.newest }) },
    { name: 'customer + finalized', path: list({ customerId: v.loyal, status: 'finalized' }) },
    { name: 'entity UK01 + newest period', path: list({ entityId: v.uk, billingPeriod: DEMO_BILLING_PERIOD }) },
    { name: 'entity UK01 + sent', path: list({ entityId: v.uk, lifecycle: 'sent' }) },
    { name: 'entity UK01 + on hold', path: list({ entityId: v.uk, lifecycle: 'on_hold' }) },
    { name: 'bill run (demo month)', path: list({ billRunId: v.billRunId }) },
    { name: 'bill run (old month)', path: list({ billRunId: v.oldRun }) },
    { name: 'search: one number (the oldest)', path: list({ q: v.oldNumber.toLowerCase() }) },
    { name: 'search: number prefix', path: list({ q: v.numberPrefix }) },
    { name: 'search: customer name', path: list({ q: v.nameFragment }) },
    { name: 'search: no match', path: list({ q: 'zzqx' }) },
    { name: 'customer search by name', path: `/v1/customers?${new URLSearchParams({ q: v.nameFragment, limit: '8' }).toString()}` },
    { name: 'customer search by number', path: `/v1/customers?${new URLSearchParams({ q: v.numberFragment, limit: '8' }).toString()}` },
    { name: 'customer search, entity UK01', path: `/v1/customers?${new URLSearchParams({ q: v.nameFragment, entityId: v.uk, limit: '8' }).toString()}` },
    { name: 'chosen customer chip', path: `/v1/customers/${v.loyal}` },
  ];
}

async function signIn(url: string): Promise<string> {
  const response = await fetch(`${url}/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: AR_USER, password: DEFAULT_DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`sign-in: HTTP ${response.status} ${await response.text()}`);
  return response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

async function get(url: string, cookie: string): Promise<{ ms: number; rows: number; bytes: number; nextCursor: string | null }> {
  const started = performance.now();
  const response = await fetch(url, { headers: { cookie, accept: 'application/json' } });
  const text = await response.text();
  const ms = performance.now() - started;
  if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status} ${text.slice(0, 300)}`);
  const body = JSON.parse(text) as { data?: unknown[]; nextCursor?: string | null };
  return { ms, rows: body.data?.length ?? 1, bytes: text.length, nextCursor: body.nextCursor ?? null };
}

/** The cursor of page `page` of the unfiltered list, reached by clicking "Next" as the page does. */
async function cursorOfPage(base: string, cookie: string, page: number): Promise<string> {
  let cursor: string | null = null;
  for (let p = 1; p < page; p += 1) {
    const result: { nextCursor: string | null } = await get(`${base}${list(cursor ? { cursor } : {})}`, cookie);
    if (!result.nextCursor) throw new Error(`the list has fewer than ${page} pages`);
    cursor = result.nextCursor;
  }
  return cursor!;
}

/**
 * Serves the real HTTP server on the database, signs in as the AR clerk, and times every
 * request of the invoice list page: `warmup` rounds first, then `repeats` rounds, the
 * queries interleaved within a round (no query gets a cache warmed by itself just before).
 */
export async function measureInvoiceList(db: Db, billRunId: string, options: { warmup: number; repeats: number }): Promise<QueryTimings[]> {
  const app = await buildApp({ db, secureCookies: false, serveWebUi: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const cookie = await signIn(base);
    const queries = await invoiceListQueries(db, billRunId);
    const page2 = await cursorOfPage(base, cookie, 2);
    const page50 = await cursorOfPage(base, cookie, 50);
    queries.splice(1, 0, { name: 'page 2 (cursor)', path: list({ cursor: page2 }) }, { name: 'page 50 (cursor)', path: list({ cursor: page50 }) });
    const results = queries.map((q) => ({ ...q, rows: 0, kb: 0, samples: [] as number[] }));
    for (let round = 0; round < options.warmup + options.repeats; round += 1) {
      for (const r of results) {
        const result = await get(`${base}${r.path}`, cookie);
        if (round >= options.warmup) r.samples.push(result.ms);
        r.rows = result.rows;
        r.kb = Math.round(result.bytes / 1024);
      }
    }
    return results.map((r) => {
      const sorted = [...r.samples].sort((a, b) => a - b);
      return { ...r, p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), max: round(sorted[sorted.length - 1] ?? 0) };
    });
  } finally {
    await app.close();
  }
}

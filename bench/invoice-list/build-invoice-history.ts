import { sql } from 'kysely';
import {
  ALL_ENTITIES,
  DEMO_BILLING_PERIOD,
  SYSTEM_CONTEXT,
  createBillRun,
  executeBillRun,
  seedDemoData,
  type Db,
} from '@invoiceops/core';
import { createTaxEngine } from '@invoiceops/connectors';

/** What {@link buildInvoiceHistory} made, and how long each step took. */
export interface InvoiceHistory {
  billRunId: string;
  /** Invoices the real bill run of the demo month created (the templates of the history). */
  billed: number;
  /** Invoices and credit memos in the database at the end. */
  invoices: number;
  creditMemos: number;
  lines: number;
  /** Months of history before the demo month. */
  months: number;
  seconds: { seed: number; billRun: number; multiply: number };
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** SQL for the 10-character time part of a ULID (as `newId` makes it) from epoch milliseconds. */
const ulidTime = (ms: string) =>
  `(SELECT string_agg(substr('${CROCKFORD}', ((${ms} >> (5 * p)) & 31)::int + 1, 1), '' ORDER BY p DESC) FROM generate_series(0, 9) AS p)`;
/** SQL for the 16-character random part of a ULID, derived from a seed text (md5 hex digits are Crockford digits). */
const ulidRandom = (seed: string) => `upper(substr(md5(${seed}), 1, 16))`;
/** SQL for a whole number in [0, 1000) derived from a seed text. */
const bucket = (seed: string) => `(('x' || substr(md5(${seed}), 1, 7))::bit(28)::int % 1000)`;

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await work();
  return [value, (performance.now() - started) / 1000];
}

/**
 * A receivables history of `invoices` invoices built the way a deployment accumulates it:
 * the demo company seeded with `customers` customers, the demo month billed for real
 * (through the controls, so some drafts are held or wait for approval), then that month's
 * invoices copied backwards month by month in SQL — each customer has a tenure, so older
 * months have fewer customers (a growing company). Copies get their own bill run per month,
 * ULID ids of their creation time (id order stays creation order within a kind), the billing period,
 * service periods and dates of their month, gapless numbers per entity and series (the
 * history first, then the real month, renumbered after it; `number_series` continues after
 * the last), and a settlement state by age: mostly paid, recent months partly open or
 * partly paid, a few void at any age. About 1 % of the copies are fully credited by a
 * credit memo (own series, lines crediting every line).
 */
export async function buildInvoiceHistory(db: Db, options: { customers: number; invoices: number }): Promise<InvoiceHistory> {
  const [, seed] = await timed(() => seedDemoData(db, { customers: options.customers }));
  const run = await createBillRun(db, SYSTEM_CONTEXT, { period: DEMO_BILLING_PERIOD, finalize: true }, ALL_ENTITIES, { enqueue: false });
  const [billedRun, billRun] = await timed(() => executeBillRun(db, SYSTEM_CONTEXT, run.id, { taxEngine: createTaxEngine({ kind: 'builtin' }) }));
  if (billedRun.errors.length > 0) throw new Error(`bill run errors: ${JSON.stringify(billedRun.errors.slice(0, 3))}`);
  const billed = billedRun.invoicesCreated;
  // Temporary tables live in one session: pin one connection (a pool would hand out others).
  const [months, multiply] = await timed(() => db.connection().execute((conn) => multiplyInvoices(conn, run.id, billed, options.invoices)));
  const counts = await sql<{ invoices: string; memos: string; lines: string }>`
    SELECT (SELECT count(*) FROM invoices)::text AS invoices, (SELECT count(*) FROM invoices WHERE kind = 'credit_memo')::text AS memos,
      (SELECT count(*) FROM invoice_lines)::text AS lines`.execute(db);
  const row = counts.rows[0]!;
  return { billRunId: run.id, billed, invoices: Number(row.invoices), creditMemos: Number(row.memos), lines: Number(row.lines), months, seconds: { seed, billRun, multiply } };
}

/** Adds copies of the bill run's invoices (and credit memos) until there are `target` documents; returns the months of history. */
async function multiplyInvoices(db: Db, billRunId: string, billed: number, target: number): Promise<number> {
  const exec = (text: string) => sql.raw(text).execute(db);
  const existing = Number((await sql<{ n: string }>`SELECT count(*)::text AS n FROM invoices`.execute(db)).rows[0]!.n);
  if (await sql`SELECT 1 FROM invoices WHERE kind = 'credit_memo'`.execute(db).then((r) => r.rows.length > 0)) throw new Error('expected no credit memos before the history is built');
  const toAdd = target - existing;
  if (toAdd <= 0 || billed === 0) return 0;
  const memos = Math.floor(toAdd / 101);
  const copies = toAdd - memos;
  // Tenures are uniform over 1..spread months: on average about copies / billed months each, with room to spare.
  const spread = Math.max(1, Math.ceil((2.2 * copies) / billed));
  const run = `'${billRunId.replace(/'/g, "''")}'`;

  // The entities' series for invoices and credit memos, with prefix and padding.
  await exec(`
    CREATE TEMP TABLE bench_series AS
    SELECT e.id AS entity_id, s->>'documentType' AS document_type, n.series, n.prefix, n.padding
    FROM legal_entities e CROSS JOIN LATERAL jsonb_array_elements(e.invoice_series) AS s
    JOIN number_series n ON n.entity_id = e.id AND n.series = s->>'code'`);
  await exec(`
    CREATE TEMP TABLE bench_templates AS
    SELECT id, entity_id, (row_number() OVER (ORDER BY id) - 1)::bigint AS rank,
      1 + floor(${bucket(`customer_id || currency`)} / 1000.0 * ${spread})::int AS tenure
    FROM invoices WHERE bill_run_id = ${run} AND kind = 'invoice'`);
  const anchor = `(SELECT min(started_at) FROM bill_runs WHERE id = ${run})`;
  // The most recent months first, so a short target keeps the recent history whole.
  await exec(`
    CREATE TEMP TABLE bench_picked AS
    SELECT t.id AS template_id, t.entity_id, t.rank, k,
      (extract(epoch FROM ${anchor} - make_interval(months => k)) * 1000)::bigint + t.rank * 7 AS ms
    FROM bench_templates t CROSS JOIN generate_series(1, ${spread}) AS k
    WHERE k <= t.tenure ORDER BY k, t.rank LIMIT ${copies}`);
  await exec(`
    CREATE TEMP TABLE bench_copies AS
    SELECT 'inv_' || ${ulidTime('ms')} || ${ulidRandom(`template_id || ':' || k`)} AS id, template_id, entity_id, k, ms,
      to_timestamp(ms / 1000.0) AS created, ${bucket(`template_id || ':state:' || k`)} AS h
    FROM bench_picked`);
  // Settlement by age (months before the demo month): open and partly paid invoices are recent; a few are void at any age.
  await exec(`ALTER TABLE bench_copies ADD COLUMN state text`);
  await exec(`
    UPDATE bench_copies SET state = CASE
      WHEN h < 15 THEN 'void'
      WHEN h < 15 + (CASE k WHEN 1 THEN 450 WHEN 2 THEN 120 WHEN 3 THEN 50 ELSE 15 END) THEN 'open'
      WHEN h < 15 + (CASE k WHEN 1 THEN 530 WHEN 2 THEN 160 WHEN 3 THEN 70 ELSE 25 END) THEN 'partial'
      WHEN k = 1 AND h < 565 THEN 'posted'
      ELSE 'paid' END`);
  const months = Number((await sql<{ n: number }>`SELECT max(k) AS n FROM bench_copies`.execute(db)).rows[0]!.n);

  // One completed bill run per month of history, started a minute before its invoices.
  await exec(`
    CREATE TEMP TABLE bench_runs AS
    SELECT k, 'brn_' || ${ulidTime('ms')} || ${ulidRandom(`'bill run ' || k`)} AS id, to_char(to_date('${DEMO_BILLING_PERIOD}-01', 'YYYY-MM-DD') - make_interval(months => k), 'YYYY-MM') AS period,
      to_timestamp(ms / 1000.0) AS started, n
    FROM (SELECT k, min(ms) - 60000 AS ms, count(*) AS n FROM bench_copies GROUP BY k) AS m`);
  await exec(`
    INSERT INTO bill_runs (id, period, status, customers_total, customers_done, invoices_created, actor, started_at, finished_at, finalize)
    SELECT id, period, 'completed', n, n, n, 'system', started, started + interval '3 minutes', true FROM bench_runs`);

  // Credit memos: paid copies credited in full ten days after issue (the credit settles them).
  await exec(`
    CREATE TEMP TABLE bench_memos AS
    SELECT 'crn_' || ${ulidTime('ms')} || ${ulidRandom(`invoice_id || ':credit'`)} AS id, invoice_id, entity_id, to_timestamp(ms / 1000.0) AS created
    FROM (SELECT id AS invoice_id, entity_id, ms + 864000000 AS ms FROM bench_copies WHERE state = 'paid' ORDER BY md5(id || ':credit') LIMIT ${memos}) AS m`);
  // The real month was numbered first: its numbers move after the history's (through a unique
  // placeholder, as uniqueness is checked row by row), and the series continue after them.
  await exec(`
    CREATE TEMP TABLE bench_issued AS
    SELECT entity_id, 'invoice' AS document_type, count(*) AS n FROM bench_copies GROUP BY entity_id
    UNION ALL SELECT entity_id, 'credit_memo', count(*) FROM bench_memos GROUP BY entity_id`);
  await exec(`UPDATE invoices SET number = 'moving ' || number WHERE bill_run_id = ${run} AND number IS NOT NULL`);
  await exec(`
    UPDATE invoices i SET number = s.prefix || lpad((substr(i.number, length('moving ' || s.prefix) + 1)::bigint + b.n)::text, s.padding, '0')
    FROM bench_series s JOIN bench_issued b ON b.entity_id = s.entity_id AND b.document_type = s.document_type
    WHERE i.bill_run_id = ${run} AND i.number LIKE 'moving %' AND s.entity_id = i.entity_id AND s.series = i.series`);
  await exec(`
    INSERT INTO invoices (id, kind, entity_id, customer_id, contract_id, bill_run_id, billing_period, currency, status, number, series,
      issue_date, due_date, po_number, subtotal_minor, tax_minor, total_minor, paid_minor, credited_minor, seller, buyer, tax_notes,
      payment_terms_days, finalized_at, voided_at, void_reason, version, created_at, updated_at, lifecycle, lifecycle_changed_at, posted_at)
    SELECT c.id, 'invoice', t.entity_id, t.customer_id, t.contract_id, r.id, r.period, t.currency,
      CASE c.state WHEN 'void' THEN 'void' ELSE 'finalized' END,
      s.prefix || lpad((row_number() OVER (PARTITION BY c.entity_id ORDER BY c.id))::text, s.padding, '0'), s.series,
      c.created::date, c.created::date + t.payment_terms_days, t.po_number, t.subtotal_minor, t.tax_minor, t.total_minor,
      CASE c.state WHEN 'paid' THEN t.total_minor WHEN 'partial' THEN t.total_minor / 2 ELSE 0 END, 0,
      t.seller, t.buyer, t.tax_notes, t.payment_terms_days, c.created + interval '5 minutes',
      CASE c.state WHEN 'void' THEN c.created + interval '6 days' END, CASE c.state WHEN 'void' THEN 'Billed in error' END,
      t.version + 2, c.created, c.created + interval '20 days',
      CASE c.state WHEN 'void' THEN 'void' WHEN 'open' THEN 'sent' WHEN 'partial' THEN 'sent' ELSE c.state END,
      c.created + interval '20 days', CASE WHEN c.state <> 'void' THEN c.created + interval '1 hour' END
    FROM bench_copies c JOIN invoices t ON t.id = c.template_id JOIN bench_runs r ON r.k = c.k
    JOIN bench_series s ON s.entity_id = c.entity_id AND s.document_type = 'invoice'`);
  await exec(`
    INSERT INTO invoice_lines (id, invoice_id, customer_id, line_no, kind, description, product_id, contract_line_id, service_start, service_end,
      quantity, unit_price, amount_minor, tax_code, vat_category, tax_rate, tax_minor, tax_rule, tax_table_version, tax_exemption_reason,
      revenue_account_code, deferred, dimensions)
    SELECT 'inl_' || substr(c.id, 5, 10) || ${ulidRandom(`c.id || ':' || l.line_no`)}, c.id, l.customer_id, l.line_no, l.kind, l.description,
      l.product_id, l.contract_line_id, (l.service_start - make_interval(months => c.k))::date, (l.service_end - make_interval(months => c.k))::date,
      l.quantity, l.unit_price, l.amount_minor, l.tax_code, l.vat_category, l.tax_rate, l.tax_minor, l.tax_rule, l.tax_table_version,
      l.tax_exemption_reason, l.revenue_account_code, l.deferred, l.dimensions
    FROM bench_copies c JOIN invoice_lines l ON l.invoice_id = c.template_id`);

  await exec(`
    INSERT INTO invoices (id, kind, entity_id, customer_id, contract_id, credited_invoice_id, currency, status, number, series, issue_date, due_date,
      po_number, reason_code, reason, subtotal_minor, tax_minor, total_minor, seller, buyer, tax_notes, payment_terms_days, finalized_at,
      version, created_at, updated_at, lifecycle, lifecycle_changed_at, posted_at)
    SELECT m.id, 'credit_memo', i.entity_id, i.customer_id, i.contract_id, i.id, i.currency, 'finalized',
      s.prefix || lpad((row_number() OVER (PARTITION BY m.entity_id ORDER BY m.id))::text, s.padding, '0'), s.series,
      m.created::date, m.created::date, i.po_number, 'service_credit', 'Service credit for an outage', i.subtotal_minor, i.tax_minor, i.total_minor,
      i.seller, i.buyer, i.tax_notes, 0, m.created + interval '5 minutes', 3, m.created, m.created + interval '1 day', 'sent',
      m.created + interval '1 day', m.created + interval '1 hour'
    FROM bench_memos m JOIN invoices i ON i.id = m.invoice_id JOIN bench_series s ON s.entity_id = m.entity_id AND s.document_type = 'credit_memo'`);
  await exec(`
    INSERT INTO invoice_lines (id, invoice_id, customer_id, line_no, kind, description, product_id, contract_line_id, credited_line_id,
      service_start, service_end, quantity, unit_price, amount_minor, tax_code, vat_category, tax_rate, tax_minor, tax_rule, tax_table_version,
      tax_exemption_reason, revenue_account_code, deferred, dimensions)
    SELECT 'inl_' || substr(m.id, 5, 10) || ${ulidRandom(`m.id || ':' || l.line_no`)}, m.id, l.customer_id, l.line_no, 'credit', 'Credit: ' || l.description,
      l.product_id, l.contract_line_id, l.id, l.service_start, l.service_end, l.quantity, NULL, l.amount_minor, l.tax_code, l.vat_category,
      l.tax_rate, l.tax_minor, l.tax_rule, l.tax_table_version, l.tax_exemption_reason, l.revenue_account_code, l.deferred, l.dimensions
    FROM bench_memos m JOIN invoice_lines l ON l.invoice_id = m.invoice_id`);
  await exec(`
    UPDATE invoices i SET credited_minor = i.total_minor, paid_minor = 0 FROM bench_memos m WHERE i.id = m.invoice_id`);

  await exec(`
    UPDATE number_series n SET next_number = n.next_number + b.n
    FROM bench_series s JOIN bench_issued b ON b.entity_id = s.entity_id AND b.document_type = s.document_type
    WHERE n.entity_id = s.entity_id AND n.series = s.series`);
  await exec(`DROP TABLE bench_series, bench_templates, bench_picked, bench_copies, bench_runs, bench_memos, bench_issued`);
  return months;
}

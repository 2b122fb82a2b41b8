import type { Kysely } from 'kysely';
import { runScript } from '../run-script.ts';

/**
 * Invoices and credit memos (one table, `kind`), their lines with the tax decision of
 * each, GL distribution, revenue recognition schedules, bill runs, payments and customer
 * credit balances. Money is bigint minor units in the document currency.
 *
 * At most one live invoice per customer, billing period and currency: a partial unique
 * index, so a bill run that crashes and is run again cannot bill anyone twice.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    CREATE TABLE bill_runs (
      id text PRIMARY KEY,
      period text NOT NULL CHECK (period ~ '^\\d{4}-\\d{2}$'),
      entity_id text REFERENCES legal_entities(id),
      customer_id text REFERENCES customers(id),
      status text NOT NULL CHECK (status IN ('running','completed','failed')),
      customers_total integer NOT NULL DEFAULT 0,
      customers_done integer NOT NULL DEFAULT 0,
      invoices_created integer NOT NULL DEFAULT 0,
      errors jsonb NOT NULL DEFAULT '[]',
      actor text NOT NULL,
      started_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz
    );

    CREATE TABLE invoices (
      id text PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('invoice','credit_memo')),
      entity_id text NOT NULL REFERENCES legal_entities(id),
      customer_id text NOT NULL REFERENCES customers(id),
      contract_id text REFERENCES contracts(id),
      bill_run_id text REFERENCES bill_runs(id),
      credited_invoice_id text REFERENCES invoices(id),
      billing_period text,
      currency char(3) NOT NULL REFERENCES currencies(code),
      status text NOT NULL,
      number text,
      series text,
      issue_date date,
      due_date date,
      po_number text,
      reason_code text,
      reason text,
      subtotal_minor bigint NOT NULL DEFAULT 0,
      tax_minor bigint NOT NULL DEFAULT 0,
      total_minor bigint NOT NULL DEFAULT 0,
      paid_minor bigint NOT NULL DEFAULT 0,
      credited_minor bigint NOT NULL DEFAULT 0,
      seller jsonb NOT NULL,
      buyer jsonb NOT NULL,
      tax_notes jsonb NOT NULL DEFAULT '[]',
      payment_terms_days integer NOT NULL,
      finalized_at timestamptz,
      voided_at timestamptz,
      void_reason text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (entity_id, series, number)
    );
    CREATE UNIQUE INDEX invoices_one_per_period ON invoices (customer_id, billing_period, currency)
      WHERE kind = 'invoice' AND billing_period IS NOT NULL AND status <> 'void';
    CREATE INDEX invoices_customer ON invoices (customer_id, created_at);
    CREATE INDEX invoices_open ON invoices (entity_id, due_date) WHERE status <> 'void' AND status <> 'draft';

    CREATE TABLE invoice_lines (
      id text PRIMARY KEY,
      invoice_id text NOT NULL REFERENCES invoices(id),
      customer_id text NOT NULL REFERENCES customers(id),
      line_no integer NOT NULL,
      kind text NOT NULL,
      description text NOT NULL,
      product_id text REFERENCES products(id),
      contract_line_id text REFERENCES contract_lines(id),
      credited_line_id text REFERENCES invoice_lines(id),
      service_start date,
      service_end date,
      quantity numeric(30, 12) NOT NULL,
      unit_price numeric(30, 12),
      amount_minor bigint NOT NULL,
      tax_code text NOT NULL,
      vat_category text NOT NULL,
      tax_rate numeric(9, 6) NOT NULL,
      tax_minor bigint NOT NULL,
      tax_rule text NOT NULL,
      tax_table_version text NOT NULL,
      tax_exemption_reason text,
      revenue_account_code text NOT NULL,
      deferred boolean NOT NULL DEFAULT false,
      dimensions jsonb NOT NULL DEFAULT '{}',
      UNIQUE (invoice_id, line_no)
    );
    CREATE INDEX invoice_lines_invoice ON invoice_lines (invoice_id, line_no);

    CREATE TABLE invoice_gl_entries (
      id text PRIMARY KEY,
      invoice_id text NOT NULL REFERENCES invoices(id),
      customer_id text NOT NULL REFERENCES customers(id),
      invoice_line_id text REFERENCES invoice_lines(id),
      account_code text NOT NULL,
      debit_minor bigint NOT NULL DEFAULT 0 CHECK (debit_minor >= 0),
      credit_minor bigint NOT NULL DEFAULT 0 CHECK (credit_minor >= 0),
      dimensions jsonb NOT NULL DEFAULT '{}',
      memo text NOT NULL
    );
    CREATE INDEX invoice_gl_entries_invoice ON invoice_gl_entries (invoice_id);

    CREATE TABLE revenue_schedules (
      invoice_line_id text NOT NULL REFERENCES invoice_lines(id),
      customer_id text NOT NULL REFERENCES customers(id),
      recognition_month text NOT NULL,
      amount_minor bigint NOT NULL,
      days integer NOT NULL,
      PRIMARY KEY (invoice_line_id, recognition_month)
    );
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `DROP TABLE revenue_schedules, invoice_gl_entries, invoice_lines, invoices, bill_runs;`);
}

import type { Kysely } from 'kysely';
import { runScript } from '../run-script.ts';

/**
 * Contracts, their lines and amendments. A line is valid over [start_date, end_date)
 * (dates in the customer's time zone, end exclusive). An amendment never edits a line in
 * place: it ends the line on the effective date and starts its successor there, so
 * every past period can still be rated exactly as it was, and proration is the
 * difference between the two line versions over the days they overlap a period.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    CREATE TABLE contracts (
      id text PRIMARY KEY,
      entity_id text NOT NULL REFERENCES legal_entities(id),
      customer_id text NOT NULL REFERENCES customers(id),
      number text NOT NULL,
      currency char(3) NOT NULL REFERENCES currencies(code),
      status text NOT NULL CHECK (status IN ('active','cancelled','ended','renewed')),
      start_date date NOT NULL,
      end_date date NOT NULL,
      term_months integer NOT NULL CHECK (term_months BETWEEN 1 AND 120),
      auto_renew boolean NOT NULL DEFAULT true,
      renewal_uplift_percent numeric(7, 4) NOT NULL DEFAULT 0 CHECK (renewal_uplift_percent BETWEEN -100 AND 1000),
      billing_frequency text NOT NULL CHECK (billing_frequency IN ('monthly','quarterly','annual')),
      billing_timing text NOT NULL CHECK (billing_timing IN ('in_advance','in_arrears')),
      alignment text NOT NULL CHECK (alignment IN ('calendar','anniversary','bill_day')),
      bill_day smallint CHECK (bill_day BETWEEN 1 AND 28),
      po_number text,
      cancelled_on date,
      cancellation_reason text,
      renewed_from_id text REFERENCES contracts(id),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (end_date >= start_date),
      CHECK (alignment <> 'bill_day' OR bill_day IS NOT NULL),
      UNIQUE (entity_id, number)
    );
    CREATE INDEX contracts_customer ON contracts (customer_id, start_date);

    CREATE TABLE contract_lines (
      id text PRIMARY KEY,
      contract_id text NOT NULL REFERENCES contracts(id),
      customer_id text NOT NULL REFERENCES customers(id),
      line_key text NOT NULL,
      product_id text NOT NULL REFERENCES products(id),
      kind text NOT NULL CHECK (kind IN ('recurring','usage','one_time','milestone')),
      metric_code text REFERENCES billable_metrics(code),
      charge jsonb NOT NULL,
      quantity numeric(20, 6) NOT NULL DEFAULT 1 CHECK (quantity >= 0),
      start_date date NOT NULL,
      end_date date NOT NULL,
      amendment_id text,
      created_at timestamptz NOT NULL DEFAULT now(),
      -- A version superseded on the day it starts keeps a zero-length range [d, d).
      CHECK (end_date >= start_date),
      CHECK ((kind = 'usage') = (metric_code IS NOT NULL))
    );
    CREATE INDEX contract_lines_contract ON contract_lines (contract_id, line_key, start_date);
    CREATE INDEX contract_lines_customer ON contract_lines (customer_id, start_date);

    CREATE TABLE contract_amendments (
      id text PRIMARY KEY,
      contract_id text NOT NULL REFERENCES contracts(id),
      customer_id text NOT NULL REFERENCES customers(id),
      effective_date date NOT NULL,
      kind text NOT NULL CHECK (kind IN ('change_quantity','change_price','change_plan','add_line','remove_line','cancel')),
      changes jsonb NOT NULL,
      reason text,
      actor text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX contract_amendments_contract ON contract_amendments (contract_id, effective_date);

    -- A milestone-completed event, once per milestone; billed on the next bill run.
    CREATE TABLE contract_milestones (
      contract_id text NOT NULL REFERENCES contracts(id),
      customer_id text NOT NULL REFERENCES customers(id),
      line_key text NOT NULL,
      milestone_key text NOT NULL,
      completed_on date NOT NULL,
      actor text NOT NULL,
      invoice_id text,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (contract_id, line_key, milestone_key)
    );
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `DROP TABLE contract_milestones, contract_amendments, contract_lines, contracts;`);
}

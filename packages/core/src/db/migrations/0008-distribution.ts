import type { Kysely } from 'kysely';
import { runScript } from '../run-script.ts';

/**
 * Delivery of invoices and credit memos (email now; other channels later) with one row
 * per attempt and its outcome, and each entity's overdue-reminder schedule (days after
 * the due date; one reminder per step per invoice).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    CREATE TABLE invoice_deliveries (
      id text PRIMARY KEY,
      invoice_id text NOT NULL REFERENCES invoices(id),
      customer_id text NOT NULL REFERENCES customers(id),
      purpose text NOT NULL,
      channel text NOT NULL CHECK (channel IN ('email')),
      recipients text[] NOT NULL,
      status text NOT NULL CHECK (status IN ('sent','bounced','failed')),
      message_id text,
      error text,
      attempted_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX invoice_deliveries_invoice ON invoice_deliveries (invoice_id, attempted_at);
    CREATE UNIQUE INDEX invoice_deliveries_once ON invoice_deliveries (invoice_id, purpose) WHERE status = 'sent';

    ALTER TABLE legal_entities ADD COLUMN reminder_days integer[] NOT NULL DEFAULT '{7,14,30}';
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    ALTER TABLE legal_entities DROP COLUMN reminder_days;
    DROP TABLE invoice_deliveries;
  `);
}

import type { Kysely } from 'kysely';
import { runScript } from '../run-script.ts';

/**
 * Billing without touching every usage event:
 * - `customers.usage_billed_until`: the end of the latest usage window a bill run has
 *   aggregated for the customer. Usage ingested later for an earlier time is stored with
 *   `late_pending`, so the next bill run re-rates just those windows (a small partial index)
 *   instead of marking millions of events billed one by one.
 * - `contracts.billed_through`: service before this date was billed outside invoiceops
 *   (a migrated contract); the first bill run starts there instead of catching up.
 * - `bill_runs.finalize`: a run that finalizes writes its invoices finalized, chunk by chunk.
 * - A partial index on corrections, so excluding corrected events is an index probe.
 * Events stay append-only apart from the review flag and the late marker.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    ALTER TABLE contracts ADD COLUMN billed_through date;
    ALTER TABLE bill_runs ADD COLUMN finalize boolean NOT NULL DEFAULT false;
    ALTER TABLE customers ADD COLUMN usage_billed_until timestamptz;
    ALTER TABLE usage_events ADD COLUMN late_pending boolean NOT NULL DEFAULT false;

    UPDATE customers c SET usage_billed_until = (m.last_end::timestamp AT TIME ZONE c.time_zone)
    FROM (
      SELECT l.customer_id, max(l.service_end) AS last_end
      FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
      WHERE l.kind IN ('usage', 'late_usage') AND i.status <> 'void' AND l.service_end IS NOT NULL
      GROUP BY l.customer_id
    ) m
    WHERE c.id = m.customer_id;
    UPDATE usage_events e SET late_pending = true
    FROM customers c
    WHERE c.id = e.customer_id AND e.status = 'accepted' AND e.invoice_id IS NULL AND e.occurred_at < c.usage_billed_until;

    ALTER TABLE usage_events DROP COLUMN invoice_id;
    CREATE INDEX usage_events_late ON usage_events (customer_id, metric_code, occurred_at) WHERE late_pending;
    CREATE INDEX usage_events_corrections ON usage_events (customer_id, source, corrects_event_id) WHERE corrects_event_id IS NOT NULL;
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    DROP INDEX usage_events_corrections;
    DROP INDEX usage_events_late;
    ALTER TABLE usage_events ADD COLUMN invoice_id text;
    ALTER TABLE usage_events DROP COLUMN late_pending;
    ALTER TABLE customers DROP COLUMN usage_billed_until;
    ALTER TABLE contracts DROP COLUMN billed_through;
    ALTER TABLE bill_runs DROP COLUMN finalize;
  `);
}

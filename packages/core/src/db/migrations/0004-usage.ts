import type { Kysely } from 'kysely';
import { runScript } from '../run-script.ts';

/**
 * Billable metrics and usage events. Usage events are keyed by customer first so the
 * table can be distributed by customer (Citus); the CloudEvents idempotency key
 * (source, id) is unique per customer. Events are never updated or deleted: a correction
 * is a new event naming the one it corrects.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    CREATE TABLE billable_metrics (
      id text PRIMARY KEY,
      code text NOT NULL UNIQUE,
      name text NOT NULL,
      aggregation text NOT NULL CHECK (aggregation IN ('sum','count','max','unique_count','latest')),
      property text,
      unit text NOT NULL,
      active boolean NOT NULL DEFAULT true,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE usage_events (
      customer_id text NOT NULL REFERENCES customers(id),
      id text NOT NULL,
      source text NOT NULL,
      event_id text NOT NULL,
      metric_code text NOT NULL,
      subject text NOT NULL,
      occurred_at timestamptz NOT NULL,
      quantity numeric(38, 12) NOT NULL,
      properties jsonb NOT NULL DEFAULT '{}',
      corrects_event_id text,
      status text NOT NULL CHECK (status IN ('accepted','flagged')),
      flag_reason text,
      received_at timestamptz NOT NULL DEFAULT now(),
      invoice_id text,
      PRIMARY KEY (customer_id, id),
      UNIQUE (customer_id, source, event_id)
    );
    CREATE INDEX usage_events_rating ON usage_events (customer_id, metric_code, occurred_at);
    CREATE INDEX usage_events_flagged ON usage_events (status, received_at) WHERE status = 'flagged';

    CREATE INDEX external_ids_lookup ON external_ids (external_id, object_type);
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    DROP INDEX external_ids_lookup;
    DROP TABLE usage_events, billable_metrics;
  `);
}

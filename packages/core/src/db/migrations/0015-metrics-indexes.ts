import type { Kysely } from 'kysely';
import { runScript } from '../run-script.ts';

/**
 * Finance-operations metrics (docs/metrics.md).
 *
 * - `duplicate_checks`: what duplicate detection at ingestion judged, one row per
 *   ingestion batch and entity — how many items were checked and how many were refused as
 *   duplicates (usage events by (source, id) now). Nothing else recorded a refused
 *   duplicate. Append-only rows, not a per-day counter, so concurrent batches never wait on
 *   one hot row; the metric sums them per day.
 * - Indexes for the metrics that read by time outside the lifecycle trail: exceptions by
 *   category and creation time (posting failures raised in a period), documents by
 *   finalization time (billing accuracy), approval requests and steps by decision time
 *   (approval turnaround and SLA adherence).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    CREATE TABLE duplicate_checks (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      entity_id text NOT NULL REFERENCES legal_entities(id),
      kind text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_]{0,39}$'),
      checked_at timestamptz NOT NULL,
      checked integer NOT NULL CHECK (checked > 0),
      duplicates integer NOT NULL CHECK (duplicates BETWEEN 0 AND checked)
    );
    CREATE INDEX duplicate_checks_kind_at ON duplicate_checks (kind, checked_at);

    CREATE INDEX exceptions_category_created ON exceptions (category, created_at);
    CREATE INDEX invoices_finalized_at ON invoices (finalized_at) WHERE finalized_at IS NOT NULL;
    CREATE INDEX approval_requests_decided ON approval_requests (decided_at) WHERE decided_at IS NOT NULL;
    CREATE INDEX approval_steps_completed ON approval_steps (completed_at) WHERE completed_at IS NOT NULL;
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    DROP INDEX approval_steps_completed;
    DROP INDEX approval_requests_decided;
    DROP INDEX invoices_finalized_at;
    DROP INDEX exceptions_category_created;
    DROP TABLE duplicate_checks;
  `);
}

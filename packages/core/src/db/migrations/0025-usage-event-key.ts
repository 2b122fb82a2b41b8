import type { Kysely } from 'kysely';
import { runScript } from '../run-script.ts';

/**
 * Usage events are keyed by their id alone, and are unique by `source` + CloudEvents `id`
 * whatever their subject, as the CloudEvents specification defines the pair (the subject
 * no longer takes part in telling a repeat).
 *
 * Both keys used to start with the customer, so a batch of 1,000 events for 1,000
 * customers changed 1,000 pages of each index; at millions of events those pages no longer
 * fit in the server's buffers and every batch read and wrote them from disk. Ids are
 * time-ordered (ULIDs) and producers' event ids usually are too (sequences, UUIDv7), so new
 * events now land on the last pages of those indexes. The event list, ordered by id, reads
 * the key in order instead of sorting the table.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    DO $$
    DECLARE repeated record;
    BEGIN
      SELECT source, event_id INTO repeated FROM usage_events GROUP BY 1, 2 HAVING count(*) > 1 LIMIT 1;
      IF FOUND THEN
        RAISE EXCEPTION 'usage events from % with id % were stored for more than one customer: give one of them another id before upgrading', repeated.source, repeated.event_id;
      END IF;
    END $$;
    ALTER TABLE usage_events DROP CONSTRAINT usage_events_pkey;
    ALTER TABLE usage_events ADD PRIMARY KEY (id);
    ALTER TABLE usage_events DROP CONSTRAINT usage_events_customer_id_source_event_id_key;
    ALTER TABLE usage_events ADD CONSTRAINT usage_events_source_event_id_key UNIQUE (source, event_id);
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    ALTER TABLE usage_events DROP CONSTRAINT usage_events_source_event_id_key;
    ALTER TABLE usage_events ADD CONSTRAINT usage_events_customer_id_source_event_id_key UNIQUE (customer_id, source, event_id);
    ALTER TABLE usage_events DROP CONSTRAINT usage_events_pkey;
    ALTER TABLE usage_events ADD PRIMARY KEY (customer_id, id);
  `);
}

import type { Kysely } from 'kysely';
import { runScript } from '../run-script.ts';

/**
 * The review of held usage: a flagged event is released (billed: accepted, late when its
 * time was billed already) or rejected (kept, never billed), by someone, when, and why.
 * Events are never deleted; a rejected one stays as evidence.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    ALTER TABLE usage_events DROP CONSTRAINT usage_events_status_check;
    ALTER TABLE usage_events ADD CONSTRAINT usage_events_status_check CHECK (status IN ('accepted','flagged','rejected'));
    ALTER TABLE usage_events ADD COLUMN reviewed_by text;
    ALTER TABLE usage_events ADD COLUMN reviewed_at timestamptz;
    ALTER TABLE usage_events ADD COLUMN review_reason text;
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    UPDATE usage_events SET status = 'flagged' WHERE status = 'rejected';
    ALTER TABLE usage_events DROP COLUMN review_reason;
    ALTER TABLE usage_events DROP COLUMN reviewed_at;
    ALTER TABLE usage_events DROP COLUMN reviewed_by;
    ALTER TABLE usage_events DROP CONSTRAINT usage_events_status_check;
    ALTER TABLE usage_events ADD CONSTRAINT usage_events_status_check CHECK (status IN ('accepted','flagged'));
  `);
}

import type { Kysely } from 'kysely';
import { runScript } from '../run-script.ts';

/**
 * The generic master-data use cases (create/update with optimistic concurrency and an
 * audited diff) write `version` and `updated_at` on every row. `external_ids` was created
 * without them (a mapping looked append-only), and `fx_rates` without `version`; both are
 * edited through that framework now (a mapping is re-pointed, a mistyped rate corrected).
 * Existing rows start at version 1.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    ALTER TABLE external_ids
      ADD COLUMN version integer NOT NULL DEFAULT 1,
      ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
    ALTER TABLE fx_rates
      ADD COLUMN version integer NOT NULL DEFAULT 1;
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    ALTER TABLE fx_rates DROP COLUMN version;
    ALTER TABLE external_ids DROP COLUMN updated_at, DROP COLUMN version;
  `);
}

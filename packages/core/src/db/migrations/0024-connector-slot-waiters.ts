import type { Kysely } from 'kysely';
import { runScript } from '../run-script.ts';

/**
 * Worker processes keep the slots of a connection they are using (leased, renewed while
 * they work) instead of taking one from the database for each call. A process that wants
 * slots and cannot get its share says so here, so the others give back what they hold
 * beyond theirs (docs/erp-connectors.md, "Shared limits").
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    CREATE TABLE connector_slot_waiters (
      connection text NOT NULL REFERENCES erp_connections(name) ON DELETE CASCADE,
      holder text NOT NULL,
      wanted_until timestamptz NOT NULL,
      PRIMARY KEY (connection, holder)
    );
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, 'DROP TABLE connector_slot_waiters;');
}

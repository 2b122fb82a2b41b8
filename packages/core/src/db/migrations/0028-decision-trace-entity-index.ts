import type { Kysely } from 'kysely';
import { runScript } from '../run-script.ts';

/**
 * The decision trace is read by document (`GET /v1/invoices/{id}/decisions`, the
 * straight-through metric's look-up), never by entity and kind: the `(entity_id, kind,
 * decided_at)` index only cost every trace row a third index entry. A bill run writes two
 * trace rows per invoice (bench:controls). The transition log keeps its indexes: the
 * metrics find transitions by state and time, and by entity.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `DROP INDEX control_decisions_entity_at;`);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `CREATE INDEX control_decisions_entity_at ON control_decisions (entity_id, kind, decided_at);`);
}

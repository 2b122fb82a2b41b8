import type { Kysely } from 'kysely';
import { runScript } from '../run-script.ts';

/**
 * The decision trace and the transition log copy their document's entity: the document's
 * own row holds the foreign key to `legal_entities`, and these append-only rows are written
 * only from it. Checking the key again on every trace row cost a look-up and a row lock on
 * the entity per row — five rows per invoice a bill run decides, about a fifth of what
 * writing them took on the embedded database (bench:controls). The rows keep their
 * `entity_id` and its index; nothing deletes an entity that has documents.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    ALTER TABLE control_decisions DROP CONSTRAINT control_decisions_entity_id_fkey;
    ALTER TABLE document_transitions DROP CONSTRAINT document_transitions_entity_id_fkey;
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    ALTER TABLE document_transitions ADD CONSTRAINT document_transitions_entity_id_fkey FOREIGN KEY (entity_id) REFERENCES legal_entities(id);
    ALTER TABLE control_decisions ADD CONSTRAINT control_decisions_entity_id_fkey FOREIGN KEY (entity_id) REFERENCES legal_entities(id);
  `);
}

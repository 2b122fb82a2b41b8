import type { Kysely } from 'kysely';
import { runScript } from '../run-script.ts';

/**
 * Where customers pay each legal entity: a list of bank accounts, each optionally for one
 * currency, printed on the entity's invoices ("Payment details"). jsonb like the
 * entity's other lists (tax registrations, series): read whole with the entity, never
 * queried by account.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    ALTER TABLE legal_entities ADD COLUMN bank_accounts jsonb NOT NULL DEFAULT '[]';
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    ALTER TABLE legal_entities DROP COLUMN bank_accounts;
  `);
}

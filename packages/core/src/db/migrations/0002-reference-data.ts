import { sql, type Kysely } from 'kysely';
import { ISO_CURRENCIES } from '../../money/iso-currencies.ts';

/** Loads the ISO 4217 currency table (all active, minor units per ISO). */
export async function up(db: Kysely<unknown>): Promise<void> {
  const values = ISO_CURRENCIES.map((c) => sql`(${c.code}, ${c.name}, ${c.minorUnits}, true)`);
  await sql`INSERT INTO currencies (code, name, minor_units, active) VALUES ${sql.join(values)}`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DELETE FROM currencies`.execute(db);
}

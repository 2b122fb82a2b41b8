import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

/** A database handle or an open transaction: repositories take either (CONVENTIONS 11). */
export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;

/**
 * Runs `work` in a transaction. When `db` already is a transaction, `work` joins it, so
 * use cases compose and a test can run several of them inside one transaction that it
 * rolls back afterwards.
 */
export async function inTransaction<T>(db: Db, work: (trx: Trx) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db as Trx);
  return db.transaction().execute(work);
}

import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/transaction.ts';

/**
 * Runs `query` and returns its rows through ONE JSON text value (`json_agg`), parsed in
 * JavaScript. The embedded database spends most of a wide result's time converting
 * value by value; one JSON document per query is several times faster. Column aliases
 * are the keys, so name them in camelCase; cast bigints and numerics to text in the query
 * (JSON numbers are doubles) and convert them at the row mapper. Row order is not kept.
 */
export async function loadJsonRows<T>(db: Db, query: RawBuilder<unknown>): Promise<T[]> {
  const { rows } = await sql<{ rows: string }>`SELECT coalesce(json_agg(x), '[]')::text AS rows FROM (${query}) x`.execute(db);
  return JSON.parse(rows[0]!.rows) as T[];
}

import { sql } from 'kysely';
import type { Db } from '../db/transaction.ts';

/**
 * Refreshes the planner statistics of the tables that changed much since they were last
 * analyzed, and returns their names: what autovacuum does on a PostgreSQL server. PGlite
 * runs PostgreSQL single-user, without autovacuum, so an embedded database is otherwise
 * never analyzed and the planner guesses every row count: at 100,000 invoices it read all
 * 250,000 invoice lines to find one list page's 130 (0.3–1.2 s per page, where the index
 * takes a millisecond). The embedded worker calls this once a minute.
 *
 * A table is stale when it has rows but no statistics, when it has grown by more than
 * 10 % (plus 8 pages) since its statistics, or when more rows changed since than
 * autovacuum's defaults allow (50 + 10 %). PGlite keeps the change counters in memory only
 * (they restart at zero with the process), so the size test is what notices growth
 * across restarts.
 */
export async function analyzeStaleTables(db: Db): Promise<string[]> {
  const stale = await sql<{ name: string }>`
    SELECT c.relname AS name
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
    LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
    WHERE c.relkind = 'r' AND (
      (c.reltuples < 0 AND pg_relation_size(c.oid) > 0)
      OR pg_relation_size(c.oid) / current_setting('block_size')::int > c.relpages * 1.1 + 8
      OR coalesce(s.n_mod_since_analyze, 0) > 50 + 0.1 * greatest(c.reltuples, 0))
    ORDER BY c.relname`.execute(db);
  const names = stale.rows.map((r) => r.name);
  for (const name of names) await sql`ANALYZE ${sql.id(name)}`.execute(db);
  return names;
}

import { sql } from 'kysely';
import type { Db } from '../db/transaction.ts';

/** What one maintenance pass did: the tables vacuumed (and analyzed with it), and those only analyzed. */
export interface TableMaintenance {
  vacuumed: string[];
  analyzed: string[];
}

/**
 * Does for the embedded database what autovacuum does on a PostgreSQL server. PGlite runs
 * PostgreSQL single-user, without autovacuum, so without this an embedded database is
 * never analyzed nor vacuumed: the planner guesses every row count (at 100,000 invoices it
 * read all 250,000 invoice lines to find one list page's 130), dead rows are never
 * reclaimed, and the first reader of every freshly written page pays for marking its rows
 * committed and writing the page back (a bill run over a month's 2.5 million new usage
 * events spent three quarters of its aggregation time on that). The embedded worker calls
 * this once a minute.
 *
 * A table is vacuumed (with ANALYZE) when more than 128 pages plus 20 % of it are not
 * known all-visible (autovacuum's insert trigger, in pages: new pages are not all-visible
 * until a vacuum has seen them), or when more than 50 rows plus 20 % of it are dead
 * (autovacuum's defaults). A vacuum skips the pages it already saw, so its cost follows
 * what changed, not the table's size. Otherwise it is analyzed when it has rows but no
 * statistics, has grown by more than 10 % (plus 8 pages) since its statistics, or had more
 * rows changed than autovacuum's analyze defaults allow (50 + 10 %). PGlite keeps the
 * change and dead-row counters in memory only (they restart at zero with the process), so
 * the page tests are what notice writes across restarts.
 */
export async function maintainTables(db: Db): Promise<TableMaintenance> {
  // A session hands its row counters to the shared statistics at most once a second. Without
  // this, an update's dead rows still pending could be added after the vacuum that removed them.
  await sql`SELECT pg_stat_force_next_flush()`.execute(db);
  const stale = await sql<{ name: string; vacuum: boolean }>`
    SELECT name, vacuum FROM (
      SELECT c.relname AS name,
        (pages - least(c.relallvisible, pages) > 128 + 0.2 * pages
          OR coalesce(s.n_dead_tup, 0) > 50 + 0.2 * greatest(c.reltuples, 0)) AS vacuum,
        ((c.reltuples < 0 AND pages > 0)
          OR pages > c.relpages * 1.1 + 8
          OR coalesce(s.n_mod_since_analyze, 0) > 50 + 0.1 * greatest(c.reltuples, 0)) AS stale_statistics
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
      LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
      CROSS JOIN LATERAL (SELECT pg_relation_size(c.oid) / current_setting('block_size')::int AS pages) p
      WHERE c.relkind = 'r'
    ) t
    WHERE vacuum OR stale_statistics
    ORDER BY name`.execute(db);
  const done: TableMaintenance = { vacuumed: [], analyzed: [] };
  for (const { name, vacuum } of stale.rows) {
    await sql`${sql.raw(vacuum ? 'VACUUM (ANALYZE)' : 'ANALYZE')} ${sql.id(name)}`.execute(db);
    (vacuum ? done.vacuumed : done.analyzed).push(name);
  }
  return done;
}

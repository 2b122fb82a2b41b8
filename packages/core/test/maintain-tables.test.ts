import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { maintainTables } from '@invoiceops/core';
import { testDatabaseKinds, useTestDatabase } from '@invoiceops/testing';

describe.each(testDatabaseKinds())('vacuum and planner statistics of stale tables on %s', (kind) => {
  const t = useTestDatabase(kind);
  const table = async (name: string) =>
    (await sql<{ rows: number; pages: number; visible: number }>`
      SELECT reltuples::int AS rows, relpages AS pages, relallvisible AS visible FROM pg_class WHERE relname = ${name}`.execute(t.db)).rows[0]!;
  const insertKeys = (from: number, to: number) => sql`
    INSERT INTO idempotency_keys (principal, key, method, path, request_hash, state, locked_until, expires_at)
    SELECT 'usr_test', 'key-' || n, 'POST', '/v1/customers', md5(n::text), 'completed', now(), now() + interval '1 day'
    FROM generate_series(${from}::int, ${to}::int) AS n`.execute(t.db);

  it('vacuums a table that took many new or dead rows, analyzes one that grew a little, and leaves fresh tables alone', async () => {
    // Autovacuum (PostgreSQL) must not get there first: the test is about the embedded database's substitute.
    await sql`ALTER TABLE idempotency_keys SET (autovacuum_enabled = false)`.execute(t.db);
    await maintainTables(t.db);
    expect(await maintainTables(t.db)).toEqual({ vacuumed: [], analyzed: [] });

    // A bulk load: its pages are new (not all-visible), so the table is vacuumed and analyzed.
    await insertKeys(1, 20_000);
    expect(await maintainTables(t.db)).toEqual({ vacuumed: ['idempotency_keys'], analyzed: [] });
    const loaded = await table('idempotency_keys');
    expect(loaded.rows).toBe(20_000);
    expect(loaded.visible).toBe(loaded.pages);
    expect(await maintainTables(t.db)).toEqual({ vacuumed: [], analyzed: [] });

    // Grown by an eighth: new statistics, but too little unvacuumed to vacuum for.
    await insertKeys(20_001, 22_500);
    expect(await maintainTables(t.db)).toEqual({ vacuumed: [], analyzed: ['idempotency_keys'] });
    expect((await table('idempotency_keys')).rows).toBe(22_500);

    // Most rows updated: their old versions are dead, and the table is vacuumed.
    // Counted at once (a session reports its counters at most once a second), so the vacuum sees them.
    await t.db.connection().execute(async (connection) => {
      await sql`UPDATE idempotency_keys SET state = 'in_progress' WHERE key <> 'key-1'`.execute(connection);
      await sql`SELECT pg_stat_force_next_flush()`.execute(connection);
    });
    expect((await maintainTables(t.db)).vacuumed).toEqual(['idempotency_keys']);
    const deadAfter = await sql<{ dead: number }>`SELECT n_dead_tup::int AS dead FROM pg_stat_user_tables WHERE relname = 'idempotency_keys'`.execute(t.db);
    expect(deadAfter.rows[0]!.dead).toBe(0);
  });
});

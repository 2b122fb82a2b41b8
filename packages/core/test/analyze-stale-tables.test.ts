import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { analyzeStaleTables } from '@invoiceops/core';
import { testDatabaseKinds, useTestDatabase } from '@invoiceops/testing';

describe.each(testDatabaseKinds())('planner statistics of stale tables on %s', (kind) => {
  const t = useTestDatabase(kind);
  const statistics = async (table: string) =>
    (await sql<{ rows: number }>`SELECT reltuples::int AS rows FROM pg_class WHERE relname = ${table}`.execute(t.db)).rows[0]!.rows;

  it('analyzes a table once it has grown, and leaves fresh tables alone', async () => {
    // Autovacuum (PostgreSQL) must not analyze the table first: the test is about the embedded database's substitute.
    await sql`ALTER TABLE idempotency_keys SET (autovacuum_enabled = false)`.execute(t.db);
    await analyzeStaleTables(t.db);
    expect(await analyzeStaleTables(t.db)).toEqual([]);

    await sql`
      INSERT INTO idempotency_keys (principal, key, method, path, request_hash, state, locked_until, expires_at)
      SELECT 'usr_test', 'key-' || n, 'POST', '/v1/customers', md5(n::text), 'completed', now(), now() + interval '1 day'
      FROM generate_series(1, 2000) AS n`.execute(t.db);
    expect(await analyzeStaleTables(t.db)).toEqual(['idempotency_keys']);
    expect(await statistics('idempotency_keys')).toBe(2000);
    expect(await analyzeStaleTables(t.db)).toEqual([]);

    // Changed rows count as well as growth (PGlite keeps these counters while the process runs).
    await sql`UPDATE idempotency_keys SET state = 'in_progress' WHERE key <> 'key-1'`.execute(t.db);
    const afterUpdate = await analyzeStaleTables(t.db);
    expect(afterUpdate).toEqual(['idempotency_keys']);
  });
});

import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testDatabaseKinds, useTestDatabase } from '@invoiceops/testing';
import { insertRows } from './insert-rows.ts';

describe.each(testDatabaseKinds())('insertRows on %s', (kind) => {
  const t = useTestDatabase(kind);
  const job = (n: number, extra: Record<string, unknown> = {}) => ({ id: `job_json_${n}`, type: 'test_job', payload: JSON.stringify({ n, note: 'é "quoted" \\ back' }), dedupeKey: `json:${n}`, ...extra });

  it('writes every row in one statement: JSON text columns as documents, dates as instants, left-out columns as defaults', async () => {
    const runAt = new Date('2026-10-31T23:59:59.123Z');
    await insertRows(t.db, 'jobs', [job(1, { runAt, maxAttempts: 3 }), job(2, { runAt, maxAttempts: 5 })], ['payload']);
    const rows = await t.db.selectFrom('jobs').select(['id', 'payload', 'runAt', 'maxAttempts', 'state', 'attempts']).where('type', '=', 'test_job').orderBy('id').execute();
    expect(rows).toEqual([
      { id: 'job_json_1', payload: { n: 1, note: 'é "quoted" \\ back' }, runAt, maxAttempts: 3, state: 'queued', attempts: 0 },
      { id: 'job_json_2', payload: { n: 2, note: 'é "quoted" \\ back' }, runAt, maxAttempts: 5, state: 'queued', attempts: 0 },
    ]);
  });

  it('keeps the existing row of a key named in onConflictDoNothing and lands the others', async () => {
    await insertRows(t.db, 'jobs', [job(3)], ['payload']);
    await insertRows(t.db, 'jobs', [{ ...job(3), id: 'job_json_3b' }, job(4)], ['payload'], { onConflictDoNothing: ['dedupeKey'] });
    const ids = await t.db.selectFrom('jobs').select('id').where('dedupeKey', 'in', ['json:3', 'json:4']).orderBy('id').execute();
    expect(ids.map((r) => r.id)).toEqual(['job_json_3', 'job_json_4']);
    await expect(insertRows(t.db, 'jobs', [{ ...job(4), id: 'job_json_4b' }], ['payload'])).rejects.toThrow(/duplicate key/);
  });

  it('refuses a row naming a column the table does not have, and writes none of the rows', async () => {
    await expect(insertRows(t.db, 'jobs', [job(5), { ...job(6), colour: 'red' }], ['payload'])).rejects.toThrow('table jobs has no column colour');
    expect(await t.db.selectFrom('jobs').select('id').where('dedupeKey', 'in', ['json:5', 'json:6']).execute()).toEqual([]);
  });

  it('reads every value with its column type: bigints beyond 2^53, exact numerics, booleans, dates, arrays with quotes and nulls, JSON from objects and from text', async () => {
    await sql`CREATE TABLE insert_rows_probe (
      id text PRIMARY KEY, big bigint, amount numeric(30, 12), flag boolean, day date, at timestamptz,
      tags text[], doc jsonb, raw json, note text, made_at timestamptz NOT NULL DEFAULT '2000-01-01T00:00:00Z')`.execute(t.db);
    try {
      const at = new Date('2026-03-04T05:06:07.089Z');
      await insertRows(t.db, 'insertRowsProbe' as never, [
        { id: 'a', big: 9_007_199_254_740_993n, amount: '0.000000000001', flag: true, day: '2026-02-28', at, tags: ['x "q" \\ y', null, ''], doc: { n: 12_345_678_901_234_567_890n, s: 'é' }, raw: '{"keep": [1, 2]}', note: 'plain' },
        { id: 'b', big: -1n, amount: 12.5, flag: false, day: null, at: null, tags: [], doc: 'a JSON string', raw: null },
      ], ['raw']);
      const rows = await sql<Record<string, unknown>>`
        SELECT id, big::text AS big, amount::text AS amount, flag, day::text AS day, at, tags, doc, raw::text AS raw, note, made_at = '2000-01-01T00:00:00Z' AS defaulted
        FROM insert_rows_probe ORDER BY id`.execute(t.db);
      expect(rows.rows).toEqual([
        { id: 'a', big: '9007199254740993', amount: '0.000000000001', flag: true, day: '2026-02-28', at, tags: ['x "q" \\ y', null, ''], doc: { n: '12345678901234567890', s: 'é' }, raw: '{"keep": [1, 2]}', note: 'plain', defaulted: true },
        { id: 'b', big: '-1', amount: '12.500000000000', flag: false, day: null, at: null, tags: [], doc: 'a JSON string', raw: null, note: null, defaulted: true },
      ]);
    } finally {
      await sql`DROP TABLE insert_rows_probe`.execute(t.db);
    }
  });
});


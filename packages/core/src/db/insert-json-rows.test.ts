import { describe, expect, it } from 'vitest';
import { testDatabaseKinds, useTestDatabase } from '@invoiceops/testing';
import { insertJsonRows } from './insert-json-rows.ts';

describe.each(testDatabaseKinds())('insertJsonRows on %s', (kind) => {
  const t = useTestDatabase(kind);
  const job = (n: number, extra: Record<string, unknown> = {}) => ({ id: `job_json_${n}`, type: 'test_job', payload: JSON.stringify({ n, note: 'é "quoted" \\ back' }), dedupeKey: `json:${n}`, ...extra });

  it('writes every row in one statement: JSON text columns as documents, dates as instants, left-out columns as defaults', async () => {
    const runAt = new Date('2026-10-31T23:59:59.123Z');
    await insertJsonRows(t.db, 'jobs', [job(1, { runAt, maxAttempts: 3 }), job(2, { runAt, maxAttempts: 5 })], ['payload']);
    const rows = await t.db.selectFrom('jobs').select(['id', 'payload', 'runAt', 'maxAttempts', 'state', 'attempts']).where('type', '=', 'test_job').orderBy('id').execute();
    expect(rows).toEqual([
      { id: 'job_json_1', payload: { n: 1, note: 'é "quoted" \\ back' }, runAt, maxAttempts: 3, state: 'queued', attempts: 0 },
      { id: 'job_json_2', payload: { n: 2, note: 'é "quoted" \\ back' }, runAt, maxAttempts: 5, state: 'queued', attempts: 0 },
    ]);
  });

  it('keeps the existing row of a key named in onConflictDoNothing and lands the others', async () => {
    await insertJsonRows(t.db, 'jobs', [job(3)], ['payload']);
    await insertJsonRows(t.db, 'jobs', [{ ...job(3), id: 'job_json_3b' }, job(4)], ['payload'], { onConflictDoNothing: ['dedupeKey'] });
    const ids = await t.db.selectFrom('jobs').select('id').where('dedupeKey', 'in', ['json:3', 'json:4']).orderBy('id').execute();
    expect(ids.map((r) => r.id)).toEqual(['job_json_3', 'job_json_4']);
    await expect(insertJsonRows(t.db, 'jobs', [{ ...job(4), id: 'job_json_4b' }], ['payload'])).rejects.toThrow(/duplicate key/);
  });

  it('refuses a row naming a column the table does not have, and writes none of the rows', async () => {
    await expect(insertJsonRows(t.db, 'jobs', [job(5), { ...job(6), colour: 'red' }], ['payload'])).rejects.toThrow('table jobs has no column colour');
    expect(await t.db.selectFrom('jobs').select('id').where('dedupeKey', 'in', ['json:5', 'json:6']).execute()).toEqual([]);
  });
});

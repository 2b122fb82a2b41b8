import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testDatabaseKinds, useTestDatabase } from '@invoiceops/testing';
import { selectJsonRows } from './select-json-rows.ts';

describe.each(testDatabaseKinds())('selectJsonRows on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('reads every kind exactly: int8 as a bigint beyond 2^53, numeric and dates as text, instants as Dates, nulls as null', async () => {
    const rows = await selectJsonRows<{
      name: string; flag: boolean; n: number; cents: bigint | null; rate: string; day: string; at: Date; doc: unknown;
    }>(
      t.db,
      sql`SELECT v.name, v.flag, v.n, v.cents, v.rate, v.day, v.at, v.doc FROM (VALUES
        ('é "quoted" \\ back', true, 7, 9007199254740993::int8, 0.1000000000000000055511::numeric, '2026-02-28'::date, '2026-10-31T23:59:59.123Z'::timestamptz, '{"a": [1, "x"]}'::jsonb),
        ('second', false, -2, NULL::int8, 12345678901234567890.05::numeric, '1999-12-31'::date, '2026-03-29T01:00:00+02:00'::timestamptz, 'null'::jsonb)
      ) AS v(name, flag, n, cents, rate, day, at, doc) ORDER BY v.n DESC`,
      { name: 'text', flag: 'boolean', n: 'int', cents: 'bigint', rate: 'numeric', day: 'date', at: 'timestamp', doc: 'json' },
    );
    expect(rows).toEqual([
      { name: 'é "quoted" \\ back', flag: true, n: 7, cents: 9007199254740993n, rate: '0.1000000000000000055511', day: '2026-02-28', at: new Date('2026-10-31T23:59:59.123Z'), doc: { a: [1, 'x'] } },
      { name: 'second', flag: false, n: -2, cents: null, rate: '12345678901234567890.05', day: '1999-12-31', at: new Date('2026-03-28T23:00:00Z'), doc: null },
    ]);
  });

  it('keeps the milliseconds of an instant and never reads a numeric as a float', async () => {
    const [row] = await selectJsonRows<{ at: Date }>(t.db, sql`SELECT '2026-10-01T12:00:00.123456+05:30'::timestamptz AS at`, { at: 'timestamp' });
    expect(row!.at).toEqual(new Date('2026-10-01T06:30:00.123Z'));
    // Never a float: the embedded database's JSON would carry the numeric as a number, so a
    // numeric declared as text is refused there; a server's rows carry it as exact text.
    const misdeclared = selectJsonRows<{ amount: string }>(t.db, sql`SELECT 1.10::numeric AS amount`, { amount: 'text' });
    if (kind === 'pglite') await expect(misdeclared).rejects.toThrow('column amount arrived as number');
    else expect(await misdeclared).toEqual([{ amount: '1.10' }]);
  });

  it('answers an empty list when the query finds nothing', async () => {
    expect(await selectJsonRows<{ id: string }>(t.db, sql`SELECT id FROM customers WHERE id = 'cus_none'`, { id: 'text' })).toEqual([]);
  });

  it('refuses a column the query does not name, with its name', async () => {
    await expect(selectJsonRows<{ colour: string }>(t.db, sql`SELECT 'cus_1' AS id`, { colour: 'text' })).rejects.toThrow(/colour/);
  });
});

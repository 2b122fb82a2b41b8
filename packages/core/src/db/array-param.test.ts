import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testDatabaseKinds, useTestDatabase } from '@invoiceops/testing';
import { arrayParam } from './array-param.ts';

describe.each(testDatabaseKinds())('arrayParam on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('hands the database every value as written, in order: characters beyond ASCII, quotes, braces, commas, empty strings and nulls', async () => {
    const names = ['Müller & Söhne — 東京', '😀 emoji', 'a "quoted" \\ back\nslash', '{braces},commas', '', null, 'NULL'];
    const notes = [null, '{"a":1}', '[1,2]', '"text"', '{"nested":{"b":[true,null]}}', '{}', '{"é":"\\u00e9"}'];
    const result = await sql<{ n: number; name: string | null; note: unknown }>`
      SELECT x.n::int AS n, x.name, x.note FROM unnest(${arrayParam(names)}, ${arrayParam(notes, 'json')}) WITH ORDINALITY AS x(name, note, n) ORDER BY x.n`.execute(t.db);
    expect(result.rows.map((r) => r.name)).toEqual(names);
    expect(result.rows.map((r) => r.note)).toEqual(notes.map((n) => (n === null ? null : JSON.parse(n))));
  });

  it('reads an empty array as no rows', async () => {
    const result = await sql<{ n: string }>`SELECT count(*)::text AS n FROM unnest(${arrayParam([])})`.execute(t.db);
    expect(result.rows).toEqual([{ n: '0' }]);
  });

  it('refuses a json element that is not JSON, as the database checks it', async () => {
    await expect(sql`SELECT count(*) FROM unnest(${arrayParam(['{"ok":1}', '{"open": '], 'json')})`.execute(t.db)).rejects.toThrow(/json/i);
  });

  it('still takes a JavaScript array for a text[] parameter, as before', async () => {
    const result = await sql<{ n: string }>`SELECT array_length(${['a', 'b', 'c']}::text[], 1)::text AS n`.execute(t.db);
    expect(result.rows).toEqual([{ n: '3' }]);
  });
});

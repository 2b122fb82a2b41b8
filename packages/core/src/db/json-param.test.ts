import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testDatabaseKinds, useTestDatabase } from '@invoiceops/testing';
import { jsonParam } from './json-param.ts';

describe.each(testDatabaseKinds())('jsonParam on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('hands the database the document as written, characters beyond ASCII and escapes included', async () => {
    const rows = [{ name: 'Müller & Söhne — 東京', note: 'a "quoted" \\ back\nslash' }, { name: '😀 emoji', note: '' }];
    const result = await sql<{ name: string; note: string }>`SELECT x.name, x.note FROM json_to_recordset(${jsonParam(JSON.stringify(rows))}) AS x(name text, note text)`.execute(t.db);
    expect(result.rows).toEqual(rows);
  });

  it('refuses text that is not JSON, as the database parses it', async () => {
    await expect(sql`SELECT json_typeof(${jsonParam('{"open": ')})`.execute(t.db)).rejects.toThrow(/json/i);
  });
});

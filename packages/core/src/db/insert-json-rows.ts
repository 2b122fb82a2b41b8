import { sql } from 'kysely';
import type { Database } from './schema.ts';
import type { Db } from './transaction.ts';

const snake = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
/** `"snake_name":` per code column name: made once per name, not once per row. */
const keyTexts = new Map<string, string>();
const keyText = (name: string): string => {
  let text = keyTexts.get(name);
  if (text === undefined) keyTexts.set(name, (text = `${JSON.stringify(snake(name))}:`));
  return text;
};

/** One value as JSON text: bigints as strings (exact), dates as ISO instants. */
function valueText(value: unknown): string {
  if (typeof value === 'bigint') return `"${value.toString()}"`;
  if (value instanceof Date) return `"${value.toISOString()}"`;
  return JSON.stringify(value) ?? 'null';
}

/**
 * Inserts many rows as one JSON document (`json_populate_recordset`): one bound parameter
 * instead of one per value, which PostgreSQL, and above all the embedded one, parses many
 * times faster than thousands of parameters. Rows use the code's camelCase column names;
 * `jsonColumns` holds the jsonb columns whose values are JSON text (stored as the documents
 * they encode, written into the document as they are). Columns a row leaves out take their
 * defaults only when every row leaves them out. Exact: bigints and numerics travel as text.
 * The document is written as text directly, without an intermediate object per row.
 * `onConflictDoNothing` names a unique key whose existing rows are kept (the others land).
 */
export async function insertJsonRows(
  db: Db,
  table: keyof Database & string,
  rows: readonly object[],
  jsonColumns: readonly string[] = [],
  options: { onConflictDoNothing?: readonly string[] } = {},
): Promise<void> {
  if (rows.length === 0) return;
  const columns = new Set<string>();
  const asJson = new Set(jsonColumns);
  const parts: string[] = [];
  for (const row of rows) {
    let text = '';
    for (const key in row) {
      const value = (row as Record<string, unknown>)[key];
      if (value === undefined) continue;
      columns.add(key);
      text += `${text === '' ? '{' : ','}${keyText(key)}${asJson.has(key) && typeof value === 'string' ? value : valueText(value)}`;
    }
    parts.push(text === '' ? '{}' : `${text}}`);
  }
  const names = sql.join([...columns].map((c) => sql.id(snake(c))));
  const conflict = options.onConflictDoNothing
    ? sql` ON CONFLICT (${sql.join(options.onConflictDoNothing.map((c) => sql.id(snake(c))))}) DO NOTHING`
    : sql``;
  await sql`INSERT INTO ${sql.id(snake(table))} (${names}) SELECT ${names} FROM json_populate_recordset(NULL::${sql.id(snake(table))}, ${`[${parts.join(',')}]`}::json)${conflict}`.execute(db);
}

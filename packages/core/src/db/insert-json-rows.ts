import { sql } from 'kysely';
import type { Database } from './schema.ts';
import type { Db } from './transaction.ts';
import { jsonParam } from './json-param.ts';

/** A code name (camelCase) as its column name (snake_case), as the CamelCasePlugin maps them. */
export const snake = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
/** Column names in snake_case per code name: made once per name, not once per row. */
const snakeNames = new Map<string, string>();
const snakeName = (name: string): string => {
  let text = snakeNames.get(name);
  if (text === undefined) snakeNames.set(name, (text = snake(name)));
  return text;
};

/** Column types per table as the database declares them, read once per process (every database it opens has the same schema). */
const declaredTypes = new Map<string, Map<string, string>>();

async function columnTypes(db: Db, table: string, columns: readonly string[]): Promise<Map<string, string>> {
  let types = declaredTypes.get(table);
  if (types === undefined || columns.some((c) => !types!.has(c))) {
    const rows = await sql<{ name: string; type: string }>`
      SELECT attname::text AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute
      WHERE attrelid = ${table}::regclass AND attnum > 0 AND NOT attisdropped`.execute(db);
    types = new Map(rows.rows.map((r) => [r.name, r.type]));
    declaredTypes.set(table, types);
  }
  const missing = columns.find((c) => !types.has(c));
  if (missing !== undefined) throw new Error(`table ${table} has no column ${missing}`);
  return types;
}

/**
 * Inserts many rows as one JSON document (`json_to_recordset`): one bound parameter
 * instead of one per value, which PostgreSQL, and above all the embedded one, parses many
 * times faster than thousands of parameters. Rows use the code's camelCase column names;
 * in the document each column has a short key (`c0`, `c1`, …) and is read with the type the
 * table declares, so the document is about half as long as one keyed by column name (the
 * embedded database's client measures and copies it character by character, and the server
 * parses all of it). `jsonColumns` holds the jsonb columns whose values are JSON text
 * (stored as the documents they encode). Columns a row leaves out take their defaults only
 * when every row leaves them out. Exact: bigints and numerics travel as text.
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
  // Each column's short key, in the order the rows first name them.
  const keys = new Map<string, string>();
  const asJson = new Set(jsonColumns);
  // Rows are copied under their short keys with bigints as digit strings and dates as ISO
  // instants, then serialized in one JSON.stringify (native, and faster than assembling the
  // text value by value); jsonb values given as JSON text are parsed to be embedded.
  const documents = new Array<Record<string, unknown>>(rows.length);
  for (let i = 0; i < rows.length; i += 1) {
    const row = rows[i] as Record<string, unknown>;
    const document: Record<string, unknown> = {};
    for (const column in row) {
      const value = row[column];
      if (value === undefined) continue;
      let key = keys.get(column);
      if (key === undefined) keys.set(column, (key = `c${keys.size}`));
      document[key] =
        typeof value === 'bigint' ? value.toString()
        : value instanceof Date ? value.toISOString()
        : typeof value === 'string' && asJson.has(column) ? JSON.parse(value)
        : value;
    }
    documents[i] = document;
  }
  const tableName = snake(table);
  const columns = [...keys.keys()].map(snakeName);
  const types = await columnTypes(db, tableName, columns);
  const shortKeys = [...keys.values()];
  const names = sql.join(columns.map((c) => sql.id(c)));
  const declared = sql.raw(shortKeys.map((k, i) => `${k} ${types.get(columns[i]!)!}`).join(', '));
  const conflict = options.onConflictDoNothing
    ? sql` ON CONFLICT (${sql.join(options.onConflictDoNothing.map((c) => sql.id(snake(c))))}) DO NOTHING`
    : sql``;
  await sql`INSERT INTO ${sql.id(tableName)} (${names}) SELECT ${sql.raw(shortKeys.join(', '))} FROM json_to_recordset(${jsonParam(JSON.stringify(documents))}) AS x(${declared})${conflict}`.execute(db);
}

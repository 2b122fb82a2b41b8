import { sql } from 'kysely';
import { arrayParam } from './array-param.ts';
import { jsonText } from '../shared/json-text.ts';
import type { Database } from './schema.ts';
import type { Db } from './transaction.ts';

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

/** A value as the text its column's type reads: bigints and numbers as digits, dates as instants, booleans as `true`/`false`. */
function scalarText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/** A JavaScript array as a one-dimensional PostgreSQL array literal, every element quoted. */
function arrayLiteral(values: readonly unknown[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i];
    if (i > 0) out += ',';
    out += value === null || value === undefined ? 'NULL' : `"${scalarText(value).replace(/[\\"]/g, '\\$&')}"`;
  }
  return `${out}}`;
}

/**
 * Inserts many rows in one statement whose columns travel as binary arrays
 * (`arrayParam`, read with `unnest`): one parameter per column instead of one per value,
 * and no document to parse, so the database (above all the embedded one) reads each value
 * once, with its column's input function. Rows use the code's camelCase column names;
 * each column is cast to the type the table declares. Exact: bigints and numerics travel
 * as text. `jsonColumns` names json/jsonb columns whose values are already JSON text
 * (stored as the documents they encode); any other value of a json/jsonb column is
 * serialized here (bigints as digit strings). Array columns take JavaScript arrays. Columns
 * a row leaves out are null for it, and take their defaults only when every row leaves
 * them out. `onConflictDoNothing` names a unique key whose existing rows are kept (the
 * others land).
 */
export async function insertRows(
  db: Db,
  table: keyof Database & string,
  rows: readonly object[],
  jsonColumns: readonly string[] = [],
  options: { onConflictDoNothing?: readonly string[] } = {},
): Promise<void> {
  if (rows.length === 0) return;
  // Every column any row names, in the order the rows first name them.
  const names: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const column in row) {
      if ((row as Record<string, unknown>)[column] !== undefined && !seen.has(column)) {
        seen.add(column);
        names.push(column);
      }
    }
  }
  const tableName = snake(table);
  const columns = names.map(snakeName);
  const types = await columnTypes(db, tableName, columns);
  const asJsonText = new Set(jsonColumns);
  const params = names.map((name, index) => {
    const type = types.get(columns[index]!)!;
    const values = rows.map((row) => (row as Record<string, unknown>)[name]);
    if (type === 'json' || type === 'jsonb') {
      const texts = values.map((v) =>
        v === null || v === undefined ? null : typeof v === 'string' && asJsonText.has(name) ? v : jsonText(v));
      return arrayParam(texts, 'json');
    }
    if (type.endsWith('[]')) return arrayParam(values.map((v) => (v === null || v === undefined ? null : Array.isArray(v) ? arrayLiteral(v) : scalarText(v))));
    return arrayParam(values.map((v) => (v === null || v === undefined ? null : scalarText(v))));
  });
  const aliases = columns.map((_c, i) => `c${i}`);
  const selected = sql.raw(aliases.map((alias, i) => `x.${alias}::${types.get(columns[i]!)!}`).join(', '));
  const conflict = options.onConflictDoNothing
    ? sql` ON CONFLICT (${sql.join(options.onConflictDoNothing.map((c) => sql.id(snake(c))))}) DO NOTHING`
    : sql``;
  await sql`INSERT INTO ${sql.id(tableName)} (${sql.join(columns.map((c) => sql.id(c)))})
    SELECT ${selected} FROM unnest(${sql.join(params)}) AS x(${sql.raw(aliases.join(', '))})${conflict}`.execute(db);
}

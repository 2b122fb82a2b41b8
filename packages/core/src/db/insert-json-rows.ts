import { sql } from 'kysely';
import type { Database } from './schema.ts';
import type { Db } from './transaction.ts';

const snake = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

const jsonValue = (value: unknown): unknown =>
  typeof value === 'bigint' ? value.toString() : value instanceof Date ? value.toISOString() : value;

/**
 * Inserts many rows as one JSON document (`json_populate_recordset`): one bound parameter
 * instead of one per value, which PostgreSQL, and above all the embedded one, parses many
 * times faster than thousands of parameters. Rows use the code's camelCase column names;
 * `jsonColumns` holds the jsonb columns whose values are JSON text (stored as the documents
 * they encode). Columns a row leaves out take their defaults only when every row leaves
 * them out. Exact: bigints and numerics travel as text.
 */
export async function insertJsonRows(db: Db, table: keyof Database & string, rows: readonly object[], jsonColumns: readonly string[] = []): Promise<void> {
  if (rows.length === 0) return;
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const asJson = new Set(jsonColumns);
  const snakeOf = new Map(columns.map((c) => [c, snake(c)]));
  const body = JSON.stringify(
    rows.map((row) => {
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(row)) out[snakeOf.get(key)!] = asJson.has(key) && typeof value === 'string' ? JSON.parse(value) : jsonValue(value);
      return out;
    }),
  );
  const names = sql.join(columns.map((c) => sql.id(snakeOf.get(c)!)));
  await sql`INSERT INTO ${sql.id(snake(table))} (${names}) SELECT ${names} FROM json_populate_recordset(NULL::${sql.id(snake(table))}, ${body}::json)`.execute(db);
}

import { sql, type RawBuilder } from 'kysely';
import type { Db } from './transaction.ts';

/**
 * How a column of {@link selectJsonRows} arrives: `text`, `boolean`, `int` (int2/int4, a
 * number), `bigint` (int8, a bigint), `numeric` and `date` (exact text), `timestamp` (a
 * Date), `json` (the parsed value).
 */
export type JsonColumnKind = 'text' | 'boolean' | 'int' | 'bigint' | 'numeric' | 'date' | 'timestamp' | 'json';

/** In SQL, what each kind travels as inside the JSON array: the exact kinds as text. */
const asTravelling: Record<JsonColumnKind, string> = {
  text: '',
  boolean: '',
  int: '',
  bigint: '::text',
  numeric: '::text',
  date: '::text',
  timestamp: '',
  json: '',
};

/**
 * The rows of `query` (a SELECT whose output columns are named as the keys of `columns`,
 * each with its kind; `Row` is the type of a row, as in sql<Row>)
 * read as one JSON value: each row an array in `columns`' order, aggregated by the
 * database. The embedded database's client decodes every field of every row on its own
 * (a copy and a text decode per field, an object per row), which at a thousand rows costs
 * twice what the query does; one JSON value is one decode and one native parse. Exact:
 * int8 and numeric travel as text (int8 arrives as a bigint, numeric as its digits), and
 * timestamps as ISO instants with their offset. For result sets of hundreds of rows and
 * more; a handful of rows is as fast either way.
 */
export async function selectJsonRows<Row extends object>(db: Db, query: RawBuilder<unknown>, columns: { [K in keyof Row & string]: JsonColumnKind }): Promise<Row[]> {
  const names = Object.keys(columns) as (keyof Row & string)[];
  const elements = sql.raw(names.map((name) => `q."${name.replaceAll('"', '""')}"${asTravelling[columns[name]!]}`).join(', '));
  const result = await sql<{ rows: unknown[][] }>`SELECT coalesce(json_agg(json_build_array(${elements})), '[]'::json) AS rows FROM (${query}) AS q`.execute(db);
  const arrays = result.rows[0]!.rows;
  const kinds = names.map((name) => columns[name]!);
  const rows = new Array<Row>(arrays.length);
  for (let i = 0; i < arrays.length; i += 1) {
    const values = arrays[i]!;
    const row: Record<string, unknown> = {};
    for (let j = 0; j < names.length; j += 1) {
      const value = values[j];
      const kind = kinds[j];
      row[names[j]!] = value === null ? null : kind === 'bigint' ? BigInt(value as string) : kind === 'timestamp' ? new Date(value as string) : value;
    }
    rows[i] = row as Row;
  }
  return rows;
}

import { sql, type SelectQueryBuilder } from 'kysely';
import type { Database } from '../db/schema.ts';

type ListQueryBuilder = SelectQueryBuilder<Database, never, Record<string, unknown>>;

/** An ILIKE pattern matching `text` anywhere, with `%`, `_` and `\` taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Adds `column = value` for each query parameter that is present. Columns are snake_case
 * SQL names, since list filters run on raw references (see `list-records.ts`).
 */
export function whereEquals(qb: ListQueryBuilder, query: Record<string, unknown>, columns: Record<string, string>): ListQueryBuilder {
  let q = qb;
  for (const [param, column] of Object.entries(columns)) {
    const value = query[param];
    if (value !== undefined) q = q.where(sql.ref(column), '=', value as string);
  }
  return q;
}

/** `active=true|false` as a boolean filter. */
export function whereActive(qb: ListQueryBuilder, query: Record<string, unknown>): ListQueryBuilder {
  return query.active === undefined ? qb : qb.where(sql.ref('active'), '=', query.active === 'true');
}

/** Case-insensitive substring match of `q` on any of `columns`. */
export function whereTextMatches(qb: ListQueryBuilder, q: unknown, columns: string[]): ListQueryBuilder {
  if (typeof q !== 'string' || q === '') return qb;
  const pattern = containsPattern(q);
  return qb.where((eb) => eb.or(columns.map((column) => eb(sql.ref(column), 'ilike', pattern))));
}

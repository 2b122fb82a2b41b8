import { sql, type RawBuilder } from 'kysely';

/**
 * Ids as a relation `p(id)` from one array parameter, to join a table by its index rather
 * than compare every row of the table with every id (`id = ANY($1)`, `IN`).
 */
export function idList(ids: readonly string[]): RawBuilder<unknown> {
  return sql`unnest(${sql.val(ids)}::text[]) AS p(id)`;
}

/**
 * The rows of `table` whose `column` is one of `ids`, as `alias`, each id looked up in the
 * column's index: `SELECT c.* FROM ${lookUpEach(ids, 'customers', 'id', 'c')}`. `where`
 * narrows each look-up (columns named `alias.column`). When the ids are a few percent of
 * the table, the planner prefers hashing the whole table for a plain join with
 * {@link idList}; a lateral subquery that cannot be flattened (`OFFSET 0`) keeps the
 * look-ups.
 */
export function lookUpEach(ids: readonly string[], table: string, column: string, alias: string, where?: RawBuilder<unknown>): RawBuilder<unknown> {
  const as = sql.id(alias);
  return sql`${idList(ids)} CROSS JOIN LATERAL (
    SELECT * FROM ${sql.id(table)} AS ${as} WHERE ${as}.${sql.id(column)} = p.id${where ? sql` AND ${where}` : sql``} OFFSET 0) AS ${as}`;
}

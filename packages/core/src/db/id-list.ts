import { sql, type RawBuilder } from 'kysely';

/**
 * Ids as a relation `p(id)` from one array parameter, to look each of them up in a table's
 * index rather than compare every row of the table with every id (`id = ANY($1)`, `IN`).
 * When the ids are a few percent of the table, the planner still prefers hashing the whole
 * table for a plain join; a lateral subquery that cannot be flattened (`OFFSET 0`) keeps
 * the look-ups:
 * `FROM ${idList(ids)} CROSS JOIN LATERAL (SELECT * FROM customers c WHERE c.id = p.id OFFSET 0) c`.
 */
export function idList(ids: readonly string[]): RawBuilder<unknown> {
  return sql`unnest(${sql.val(ids)}::text[]) AS p(id)`;
}

import { sql, type RawBuilder } from 'kysely';
import type { EntityScope } from '../../access/principal.ts';
import { entityFilter, inWindow, type MetricWindow } from './metric-sql.ts';

/**
 * A subquery of each document's *first* transition matching `condition`, kept when that
 * first one falls in the window: `document_type, document_id, id, at, actor`. `condition`
 * is trusted SQL text written against the alias it is given (`t` or `e`). Transitions are
 * ordered by (at, id), the trail's order. Read from `document_trail` (the transitions and
 * those kept in straight-through batches): found through the `(to_state, at)` index and
 * the batches' `decided_at`, then checked against the document's earlier transitions
 * through `(document_id, at, id)` and its `decision_batch_documents` row.
 */
export function firstTransitions(condition: (alias: string) => string, w: MetricWindow, scope: EntityScope): RawBuilder<unknown> {
  return sql`
    SELECT t.document_type, t.document_id, t.id, t.at, t.actor
    FROM document_trail t
    WHERE ${sql.raw(condition('t'))} AND ${inWindow('t.at', w)} AND ${entityFilter('t.entity_id', w, scope)}
      AND NOT EXISTS (
        SELECT 1 FROM document_trail e
        WHERE e.document_id = t.document_id AND ${sql.raw(condition('e'))} AND (e.at, e.id) < (t.at, t.id)
      )`;
}

/** Documents put through validation: the first time each left `draft` for `validated` or `on_hold`. */
export function validationCohort(w: MetricWindow, scope: EntityScope): RawBuilder<unknown> {
  return firstTransitions((a) => `${a}.from_state = 'draft' AND ${a}.to_state IN ('validated', 'on_hold')`, w, scope);
}

import { sql } from 'kysely';
import type { EntityScope } from '../../access/principal.ts';
import type { Db } from '../../db/transaction.ts';
import { firstTransitions } from './first-transitions.ts';
import { bucketOfTimestamp, byBucket, HUMAN_ACTOR, rateOf, type MetricWindow } from './metric-sql.ts';
import type { StraightThroughFigure } from './metric-schemas.ts';

/**
 * Straight-through processing rate per bucket (docs/metrics.md):
 *
 *   rate = straightThrough ÷ reachedApproved
 *
 * reachedApproved: documents whose first transition into `approved` (or, never approved,
 * into `posted`) falls in the bucket. straightThrough: those with no human touch — up to
 * that transition the trail has no `pending_approval` or `on_hold` state and no transition
 * by a person (`user:…`) before that instant, and the reaching transition was made either
 * by a non-person actor or in the run of a `straight_through` decision (recorded at the
 * same instant, in its own row or a decision batch): a person who submits a draft triggers the controls, and their verdict,
 * not the person, approves it.
 */
export async function straightThroughRate(db: Db, w: MetricWindow, scope: EntityScope): Promise<Map<string, StraightThroughFigure>> {
  const { rows } = await sql<{ bucket: string; reached: number; untouched: number; rate: string | null }>`
    WITH reached AS (${firstTransitions((a) => `${a}.to_state IN ('approved', 'posted')`, w, scope)}),
    judged AS (
      SELECT r.at, (
        NOT EXISTS (
          SELECT 1 FROM document_trail h
          WHERE h.document_id = r.document_id AND (h.at, h.id) <= (r.at, r.id)
            AND (h.to_state IN ('pending_approval', 'on_hold') OR (h.actor LIKE ${sql.raw(HUMAN_ACTOR)} AND h.at < r.at))
        )
        AND (r.actor NOT LIKE ${sql.raw(HUMAN_ACTOR)} OR EXISTS (
          SELECT 1 FROM control_decisions c
          WHERE c.document_id = r.document_id AND c.kind = 'straight_through' AND c.outcome = 'straight_through' AND c.decided_at = r.at
        ) OR EXISTS (
          -- Kept in a decision batch, which holds only straight-through decisions.
          SELECT 1 FROM decision_batch_documents d JOIN control_decision_batches b ON b.id = d.batch_id
          WHERE d.document_id = r.document_id AND b.decided_at = r.at
        ))
      ) AS untouched
      FROM reached r
    ),
    counted AS (
      SELECT ${bucketOfTimestamp('at', w)} AS bucket, count(*)::integer AS reached, (count(*) FILTER (WHERE untouched))::integer AS untouched
      FROM judged GROUP BY 1
    )
    SELECT bucket, reached, untouched, ${rateOf('untouched', 'reached')} AS rate FROM counted`.execute(db);
  return byBucket(w, rows.map((r) => [r.bucket, { reachedApproved: r.reached, straightThrough: r.untouched, rate: r.rate }] as const), () => ({
    reachedApproved: 0,
    straightThrough: 0,
    rate: null,
  }));
}

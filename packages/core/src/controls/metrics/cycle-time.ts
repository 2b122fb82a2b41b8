import { sql } from 'kysely';
import type { EntityScope } from '../../access/principal.ts';
import type { Db } from '../../db/transaction.ts';
import { firstTransitions } from './first-transitions.ts';
import { bucketOfTimestamp, byBucket, secondsPercentile, type MetricWindow } from './metric-sql.ts';
import { CYCLE_STAGES, type CycleTimeFigure, type CycleToFigure, type DurationFigure } from './metric-schemas.ts';

interface Row {
  bucket: string;
  endState: 'approved' | 'posted';
  stage: string;
  documents: number;
  median: number | null;
  p90: number | null;
}

const emptyCycle = (): CycleToFigure => ({
  documents: 0,
  medianSeconds: null,
  p90Seconds: null,
  stages: Object.fromEntries(CYCLE_STAGES.map((s) => [s, { documents: 0, medianSeconds: null, p90Seconds: null }])),
});

/**
 * Cycle time per bucket (docs/metrics.md), measured twice: from the document's creation
 * (`invoices.created_at`, the triggering event) to its first transition into `approved`,
 * and to its first transition into `posted`; each for the documents that reached that
 * state in the bucket. Median and p90 in seconds, with the stage breakdown: the time each
 * document spent in each state before the end (every transition closes a stay in its
 * `from_state`, opened by the previous transition or, first, by creation), summed per
 * document and state, then median and p90 over the documents that spent time in it.
 * `created_at` is the database's clock and transitions the application's: a stay that
 * comes out negative (clocks apart, or a test's simulated time) counts as 0.
 */
export async function cycleTime(db: Db, w: MetricWindow, scope: EntityScope): Promise<Map<string, CycleTimeFigure>> {
  const { rows } = await sql<Row>`
    WITH ended AS (
      SELECT f.*, 'approved' AS end_state FROM (${firstTransitions((a) => `${a}.to_state = 'approved'`, w, scope)}) f
      UNION ALL
      SELECT f.*, 'posted' AS end_state FROM (${firstTransitions((a) => `${a}.to_state = 'posted'`, w, scope)}) f
    ),
    stays AS (
      SELECT e.document_id, e.end_state, e.at AS ended_at, h.from_state AS stage,
        greatest(0, extract(epoch FROM h.at - coalesce(lag(h.at) OVER (PARTITION BY e.document_id, e.end_state ORDER BY h.at, h.id), i.created_at, h.at))) AS seconds
      FROM ended e
      JOIN document_trail h ON h.document_id = e.document_id AND (h.at, h.id) <= (e.at, e.id)
      LEFT JOIN invoices i ON i.id = e.document_id
    ),
    per_document AS (
      SELECT document_id, end_state, ended_at, stage, sum(seconds) AS seconds FROM stays GROUP BY 1, 2, 3, 4
      UNION ALL
      SELECT e.document_id, e.end_state, e.at, '' AS stage, greatest(0, extract(epoch FROM e.at - coalesce(i.created_at, e.at)))
      FROM ended e LEFT JOIN invoices i ON i.id = e.document_id
    )
    SELECT ${bucketOfTimestamp('ended_at', w)} AS bucket, end_state AS "endState", stage, count(*)::integer AS documents,
      ${secondsPercentile(0.5, 'seconds')} AS median, ${secondsPercentile(0.9, 'seconds')} AS p90
    FROM per_document GROUP BY 1, 2, 3`.execute(db);

  const figures = byBucket(w, [], () => ({ toApproved: emptyCycle(), toPosted: emptyCycle() }));
  for (const r of rows) {
    const figure = figures.get(r.bucket)!;
    const target = r.endState === 'approved' ? figure.toApproved : figure.toPosted;
    const duration: DurationFigure = { documents: r.documents, medianSeconds: r.median, p90Seconds: r.p90 };
    if (r.stage === '') Object.assign(target, duration);
    else target.stages[r.stage] = duration;
  }
  return figures;
}

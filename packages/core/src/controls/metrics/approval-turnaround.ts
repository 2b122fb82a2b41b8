import { sql } from 'kysely';
import type { EntityScope } from '../../access/principal.ts';
import type { Db } from '../../db/transaction.ts';
import { bucketOfTimestamp, byBucket, entityFilter, inWindow, rateOf, secondsPercentile, type MetricWindow } from './metric-sql.ts';
import type { ApprovalTurnaroundFigure } from './metric-schemas.ts';

const DAY_MS = 86_400_000;
const noDuration = () => ({ documents: 0, medianSeconds: null, p90Seconds: null });

/**
 * Approval turnaround and SLA adherence per bucket (docs/metrics.md), from the approval
 * tables (migration 0014):
 *
 * - requests: approval requests approved or rejected in the bucket (`decided_at`), median
 *   and p90 of `decided_at − created_at`; cancelled requests were never decided;
 * - steps: approval steps approved or rejected in the bucket (`completed_at`), opened and
 *   with a due time, not carried over from an earlier submission; median and p90 of
 *   `completed_at − opened_at`;
 * - slaAdherence = steps decided at or before `due_at` ÷ steps decided;
 * - overdue: steps open (opened, and pending or completed later) and past `due_at` at the
 *   end of the bucket, or now when the bucket ends later.
 */
export async function approvalTurnaround(db: Db, w: MetricWindow, scope: EntityScope): Promise<Map<string, ApprovalTurnaroundFigure>> {
  const [requests, steps, overdue] = await Promise.all([
    sql<{ bucket: string; decided: number; median: number | null; p90: number | null }>`
      SELECT ${bucketOfTimestamp('decided_at', w)} AS bucket, count(*)::integer AS decided,
        ${secondsPercentile(0.5, 'seconds')} AS median, ${secondsPercentile(0.9, 'seconds')} AS p90
      FROM (
        SELECT decided_at, extract(epoch FROM decided_at - created_at) AS seconds FROM approval_requests
        WHERE decided_at IS NOT NULL AND status IN ('approved', 'rejected') AND ${inWindow('decided_at', w)} AND ${entityFilter('entity_id', w, scope)}
      ) r GROUP BY 1`.execute(db),
    sql<{ bucket: string; decided: number; inTime: number; median: number | null; p90: number | null; adherence: string | null }>`
      SELECT bucket, decided, in_time, median, p90, ${rateOf('in_time', 'decided')} AS adherence FROM (
        SELECT ${bucketOfTimestamp('completed_at', w)} AS bucket, count(*)::integer AS decided,
          (count(*) FILTER (WHERE completed_at <= due_at))::integer AS in_time,
          ${secondsPercentile(0.5, 'seconds')} AS median, ${secondsPercentile(0.9, 'seconds')} AS p90
        FROM (
          SELECT completed_at, due_at, extract(epoch FROM completed_at - opened_at) AS seconds FROM approval_steps
          WHERE completed_at IS NOT NULL AND status IN ('approved', 'rejected') AND NOT carried_over
            AND opened_at IS NOT NULL AND due_at IS NOT NULL
            AND ${inWindow('completed_at', w)} AND ${entityFilter('entity_id', w, scope)}
        ) s GROUP BY 1
      ) c`.execute(db),
    overdueAtBucketEnds(db, w, scope),
  ]);
  const figures = byBucket(w, [], (): ApprovalTurnaroundFigure => ({ requests: noDuration(), steps: noDuration(), stepsDecidedInTime: 0, slaAdherence: null, overdue: 0 }));
  for (const r of requests.rows) figures.get(r.bucket)!.requests = { documents: r.decided, medianSeconds: r.median, p90Seconds: r.p90 };
  for (const r of steps.rows) {
    Object.assign(figures.get(r.bucket)!, { steps: { documents: r.decided, medianSeconds: r.median, p90Seconds: r.p90 }, stepsDecidedInTime: r.inTime, slaAdherence: r.adherence });
  }
  for (const [bucket, count] of overdue) figures.get(bucket)!.overdue = count;
  return figures;
}

/** Steps open and past due at each bucket's end (exclusive, capped at `now`). */
async function overdueAtBucketEnds(db: Db, w: MetricWindow, scope: EntityScope): Promise<Map<string, number>> {
  const ends = w.buckets.map((b) => ({ bucket: b.start, at: new Date(Math.min(Date.parse(`${b.end}T00:00:00Z`) + DAY_MS, w.now.getTime())) }));
  const first = ends.reduce((min, e) => (e.at < min ? e.at : min), ends[0]!.at);
  const last = ends.reduce((max, e) => (e.at > max ? e.at : max), ends[0]!.at);
  const { rows } = await sql<{ bucket: string; overdue: number }>`
    WITH ends (bucket, at) AS (VALUES ${sql.join(ends.map((e) => sql`(${e.bucket}::date, ${e.at}::timestamptz)`))}),
    candidates AS (
      SELECT opened_at, due_at, status, completed_at FROM approval_steps
      WHERE opened_at IS NOT NULL AND due_at < ${last} AND (status = 'pending' OR completed_at > ${first})
        AND ${entityFilter('entity_id', w, scope)}
    )
    SELECT e.bucket::text AS bucket, count(c.due_at)::integer AS overdue
    FROM ends e LEFT JOIN candidates c
      ON c.opened_at <= e.at AND c.due_at < e.at AND (c.completed_at IS NULL OR c.completed_at > e.at)
    GROUP BY e.bucket`.execute(db);
  return new Map(rows.map((r) => [r.bucket, r.overdue]));
}

import { sql } from 'kysely';
import type { EntityScope } from '../../access/principal.ts';
import type { Db } from '../../db/transaction.ts';
import { bucketOfTimestamp, byBucket, entityFilter, inWindow, rateOf, type MetricWindow } from './metric-sql.ts';
import type { PostingFailureFigure } from './metric-schemas.ts';

/**
 * Posting failure rate per bucket (docs/metrics.md): every transition into `posting` in
 * the bucket is an attempt; its outcome is the document's next transition — `posted`
 * (succeeded), `on_hold` (failed: the ERP refused it), none yet (in flight).
 *
 *   rate = failed ÷ attempts
 *
 * Beside it, the `posting_failure` exceptions raised in the bucket (one per failure when
 * the posting step raises them; the two counts differ when a failure is retried while its
 * exception stays open).
 */
export async function postingFailureRate(db: Db, w: MetricWindow, scope: EntityScope): Promise<Map<string, PostingFailureFigure>> {
  const [attempts, exceptions] = await Promise.all([
    sql<{ bucket: string; attempts: number; failed: number; succeeded: number; rate: string | null }>`
      SELECT bucket, attempts, failed, succeeded, ${rateOf('failed', 'attempts')} AS rate FROM (
        SELECT ${bucketOfTimestamp('t.at', w)} AS bucket, count(*)::integer AS attempts,
          (count(*) FILTER (WHERE nx.to_state = 'on_hold'))::integer AS failed,
          (count(*) FILTER (WHERE nx.to_state = 'posted'))::integer AS succeeded
        FROM document_trail t
        LEFT JOIN LATERAL (
          SELECT n.to_state FROM document_trail n
          WHERE n.document_id = t.document_id AND (n.at, n.id) > (t.at, t.id)
          ORDER BY n.at, n.id LIMIT 1
        ) nx ON true
        WHERE t.to_state = 'posting' AND ${inWindow('t.at', w)} AND ${entityFilter('t.entity_id', w, scope)}
        GROUP BY 1
      ) s`.execute(db),
    sql<{ bucket: string; raised: number }>`
      SELECT ${bucketOfTimestamp('created_at', w)} AS bucket, count(*)::integer AS raised
      FROM exceptions
      WHERE category = 'posting_failure' AND ${inWindow('created_at', w)} AND ${entityFilter('entity_id', w, scope)}
      GROUP BY 1`.execute(db),
  ]);
  const figures = byBucket(w, [], (): PostingFailureFigure => ({ attempts: 0, failed: 0, succeeded: 0, inFlight: 0, rate: null, postingFailureExceptions: 0 }));
  for (const r of attempts.rows) {
    Object.assign(figures.get(r.bucket)!, { attempts: r.attempts, failed: r.failed, succeeded: r.succeeded, inFlight: r.attempts - r.failed - r.succeeded, rate: r.rate });
  }
  for (const r of exceptions.rows) figures.get(r.bucket)!.postingFailureExceptions = r.raised;
  return figures;
}

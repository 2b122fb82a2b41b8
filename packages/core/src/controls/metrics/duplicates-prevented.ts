import { sql } from 'kysely';
import type { EntityScope } from '../../access/principal.ts';
import type { Db } from '../../db/transaction.ts';
import { validationCohort } from './first-transitions.ts';
import { bucketOfTimestamp, byBucket, entityFilter, inWindow, rateOf, type MetricWindow } from './metric-sql.ts';
import type { DuplicatesPreventedFigure } from './metric-schemas.ts';

/**
 * Duplicates prevented per bucket (docs/metrics.md), from the two places the system
 * stops a duplicate:
 *
 * - usage events refused at ingestion because their (source, id) was already received
 *   (`duplicate_checks`, kind `usage_event`): rate = duplicates ÷ received (checked);
 * - documents first validated in the bucket that got a `duplicate` exception, and of those
 *   the ones whose duplicate exception was resolved by voiding or crediting the document
 *   (a duplicate stopped before or after issue): rate = prevented ÷ validated.
 *
 * `prevented` adds both counts; the two rates have different denominators and stay apart.
 */
export async function duplicatesPrevented(db: Db, w: MetricWindow, scope: EntityScope): Promise<Map<string, DuplicatesPreventedFigure>> {
  const [usage, documents] = await Promise.all([
    sql<{ bucket: string; received: bigint; duplicates: bigint; rate: string | null }>`
      SELECT bucket, received, duplicates, ${rateOf('duplicates', 'received')} AS rate FROM (
        SELECT ${bucketOfTimestamp('checked_at', w)} AS bucket, sum(checked)::bigint AS received, sum(duplicates)::bigint AS duplicates
        FROM duplicate_checks
        WHERE kind = 'usage_event' AND ${inWindow('checked_at', w)} AND ${entityFilter('entity_id', w, scope)}
        GROUP BY 1
      ) s`.execute(db),
    sql<{ bucket: string; validated: number; suspected: number; prevented: number; rate: string | null }>`
      WITH cohort AS (
        SELECT ${bucketOfTimestamp('v.at', w)} AS bucket, v.document_id,
          EXISTS (SELECT 1 FROM exceptions x WHERE x.document_id = v.document_id AND x.document_type = v.document_type AND x.category = 'duplicate') AS suspected,
          EXISTS (SELECT 1 FROM exceptions x WHERE x.document_id = v.document_id AND x.document_type = v.document_type AND x.category = 'duplicate'
            AND x.resolution IN ('voided', 'credited')) AS prevented
        FROM (${validationCohort(w, scope)}) v
      )
      SELECT bucket, validated, suspected, prevented, ${rateOf('prevented', 'validated')} AS rate FROM (
        SELECT bucket, count(*)::integer AS validated, (count(*) FILTER (WHERE suspected))::integer AS suspected, (count(*) FILTER (WHERE prevented))::integer AS prevented
        FROM cohort GROUP BY 1
      ) s`.execute(db),
  ]);
  const figures = byBucket(w, [], (): DuplicatesPreventedFigure => ({
    prevented: 0,
    usageEvents: { received: 0, duplicates: 0, rate: null },
    documents: { validated: 0, suspected: 0, prevented: 0, rate: null },
  }));
  for (const r of usage.rows) figures.get(r.bucket)!.usageEvents = { received: Number(r.received), duplicates: Number(r.duplicates), rate: r.rate };
  for (const r of documents.rows) figures.get(r.bucket)!.documents = { validated: r.validated, suspected: r.suspected, prevented: r.prevented, rate: r.rate };
  for (const figure of figures.values()) figure.prevented = figure.usageEvents.duplicates + figure.documents.prevented;
  return figures;
}

import { sql } from 'kysely';
import type { EntityScope } from '../../access/principal.ts';
import type { Db } from '../../db/transaction.ts';
import { validationCohort } from './first-transitions.ts';
import { bucketOfTimestamp, byBucket, rateOf, type MetricWindow } from './metric-sql.ts';
import type { ExceptionRateFigure } from './metric-schemas.ts';

interface Row {
  bucket: string;
  /** 'total', 'category' or 'source'. */
  level: string;
  key: string | null;
  documents: number;
  withExceptions: number;
  exceptions: number;
  rate: string | null;
}

/**
 * Exception rate per bucket (docs/metrics.md), over the cohort of documents first
 * validated in the bucket (their first move out of `draft` to `validated` or `on_hold`):
 *
 *   rate = documents with ≥ 1 exception ÷ documents validated
 *
 * Exceptions of any severity and status count, whenever raised, so a cohort's rate can
 * still rise while its documents move on (a posting failure days later). The same ratio
 * per exception category and per source system (the share of the cohort with at least one
 * exception of it), with the number of exceptions.
 */
export async function exceptionRate(db: Db, w: MetricWindow, scope: EntityScope): Promise<Map<string, ExceptionRateFigure>> {
  const { rows } = await sql<Row>`
    WITH cohort AS (
      SELECT ${bucketOfTimestamp('v.at', w)} AS bucket, v.document_type, v.document_id FROM (${validationCohort(w, scope)}) v
    ),
    counted AS (
      SELECT c.bucket,
        CASE WHEN grouping(x.category) = 0 THEN 'category' WHEN grouping(x.source_system) = 0 THEN 'source' ELSE 'total' END AS level,
        coalesce(x.category, x.source_system) AS key,
        count(DISTINCT c.document_id)::integer AS documents,
        (count(DISTINCT c.document_id) FILTER (WHERE x.id IS NOT NULL))::integer AS with_exceptions,
        count(x.id)::integer AS exceptions
      FROM cohort c
      LEFT JOIN exceptions x ON x.document_id = c.document_id AND x.document_type = c.document_type
      GROUP BY GROUPING SETS ((c.bucket), (c.bucket, x.category), (c.bucket, x.source_system))
    )
    SELECT k.bucket, k.level, k.key, k.documents, k.with_exceptions, k.exceptions, ${rateOf('k.with_exceptions', 'total.documents')} AS rate
    FROM counted k JOIN counted total ON total.bucket = k.bucket AND total.level = 'total'
    WHERE k.level = 'total' OR k.key IS NOT NULL`.execute(db);

  const figures = byBucket(w, [], (): ExceptionRateFigure => ({ validated: 0, withExceptions: 0, exceptions: 0, rate: null, byCategory: {}, bySourceSystem: {} }));
  for (const r of rows) {
    const figure = figures.get(r.bucket)!;
    if (r.level === 'total') Object.assign(figure, { validated: r.documents, withExceptions: r.withExceptions, exceptions: r.exceptions, rate: r.rate });
    else (r.level === 'category' ? figure.byCategory : figure.bySourceSystem)[r.key!] = { documents: r.withExceptions, exceptions: r.exceptions, rate: r.rate };
  }
  return figures;
}

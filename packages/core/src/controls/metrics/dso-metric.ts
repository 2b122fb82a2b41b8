import type { EntityScope } from '../../access/principal.ts';
import type { Db } from '../../db/transaction.ts';
import { dso } from '../../receivables/payments/reports/dso.ts';
import type { MetricWindow } from './metric-sql.ts';
import type { DsoFigure } from './metric-schemas.ts';

/**
 * DSO per bucket: the receivables DSO report (`dso`, docs/payments.md) run on each bucket
 * as its period — endingReceivables at the bucket's last day ÷ credit sales in the bucket
 * × days in the bucket — per currency, never converted. One report per bucket: a series
 * is at most `MAX_BUCKETS` long.
 */
export async function dsoMetric(db: Db, w: MetricWindow, scope: EntityScope): Promise<Map<string, DsoFigure>> {
  const figures = new Map<string, DsoFigure>();
  for (const bucket of w.buckets) {
    const report = await dso(db, { from: bucket.start, to: bucket.end, entityId: w.entityId }, scope);
    figures.set(bucket.start, { days: report.days, results: report.results });
  }
  return figures;
}

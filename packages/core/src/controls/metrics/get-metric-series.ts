import type { EntityScope } from '../../access/principal.ts';
import type { Db } from '../../db/transaction.ts';
import { metricBuckets } from './metric-buckets.ts';
import { METRIC_COMPUTATIONS } from './metric-catalog.ts';
import type { MetricFigures, MetricName, MetricSeriesOf, MetricSeriesQuery } from './metric-schemas.ts';
import type { MetricComputation } from './metric-catalog.ts';

/**
 * One metric as a time series: a point per UTC day or ISO week of [from, to] (weeks
 * clipped to the period), oldest first, each with the same figure the summary gives for a
 * whole period. Only the entities in `scope` count. Buckets with no activity carry zero
 * counts and null rates.
 */
export async function getMetricSeries<N extends MetricName>(db: Db, name: N, query: MetricSeriesQuery, scope: EntityScope, now: Date = new Date()): Promise<MetricSeriesOf<N>> {
  const buckets = metricBuckets(query.from, query.to, query.interval);
  const compute = METRIC_COMPUTATIONS[name] as MetricComputation<MetricFigures[N]>;
  const values = await compute(db, { from: query.from, to: query.to, interval: query.interval, entityId: query.entityId, buckets, now }, scope);
  return {
    metric: name,
    interval: query.interval,
    from: query.from,
    to: query.to,
    entityId: query.entityId ?? null,
    points: buckets.map((b) => ({ start: b.start, end: b.end, ...values.get(b.start)! })),
  };
}

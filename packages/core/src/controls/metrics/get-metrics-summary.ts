import type { EntityScope } from '../../access/principal.ts';
import type { Db } from '../../db/transaction.ts';
import { arAging } from '../../receivables/payments/reports/ar-aging.ts';
import { approvalTurnaround } from './approval-turnaround.ts';
import { billingAccuracy } from './billing-accuracy.ts';
import { cycleTime } from './cycle-time.ts';
import { dsoMetric } from './dso-metric.ts';
import { duplicatesPrevented } from './duplicates-prevented.ts';
import { exceptionRate } from './exception-rate.ts';
import { metricBuckets } from './metric-buckets.ts';
import type { MetricsSummary, MetricsSummaryQuery } from './metric-schemas.ts';
import type { MetricWindow } from './metric-sql.ts';
import { postingFailureRate } from './posting-failure-rate.ts';
import { straightThroughRate } from './straight-through-rate.ts';

/**
 * Every finance-operations metric over one period (docs/metrics.md): each computed as a
 * single bucket spanning [from, to], plus the AR aging on `to`. Only the entities in
 * `scope` count; `entityId` narrows to one.
 */
export async function getMetricsSummary(db: Db, query: MetricsSummaryQuery, scope: EntityScope, now: Date = new Date()): Promise<MetricsSummary> {
  const w: MetricWindow = { from: query.from, to: query.to, interval: 'period', entityId: query.entityId, buckets: metricBuckets(query.from, query.to, 'period'), now };
  // One after another: on embedded PostgreSQL every query runs on the same thread anyway.
  const only = async <T>(compute: (db: Db, w: MetricWindow, scope: EntityScope) => Promise<Map<string, T>>): Promise<T> => (await compute(db, w, scope)).get(query.from)!;
  const straightThrough = await only(straightThroughRate);
  const cycle = await only(cycleTime);
  const exceptions = await only(exceptionRate);
  const approvals = await only(approvalTurnaround);
  const duplicates = await only(duplicatesPrevented);
  const postingFailures = await only(postingFailureRate);
  const dso = await only(dsoMetric);
  const billing = await only(billingAccuracy);
  const aging = await arAging(db, { asOf: query.to, entityId: query.entityId }, scope);
  return {
    from: query.from,
    to: query.to,
    entityId: query.entityId ?? null,
    straightThrough,
    cycleTime: cycle,
    exceptionRate: exceptions,
    approvals,
    duplicatesPrevented: duplicates,
    postingFailures,
    dso,
    arAging: { asOf: query.to, totals: aging.totals },
    billingAccuracy: billing,
  };
}

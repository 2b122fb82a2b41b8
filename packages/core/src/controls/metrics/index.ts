/** Finance-operations metrics (docs/metrics.md): computed in SQL, per period, day or week, per entity. */
export { metricBuckets, countBuckets, MAX_BUCKETS, type MetricBucket, type MetricInterval } from './metric-buckets.ts';
export * from './metric-schemas.ts';
export { METRIC_COMPUTATIONS, type MetricComputation } from './metric-catalog.ts';
export { BILLING_ERROR_REASON_CODES } from './billing-accuracy.ts';
export { getMetricsSummary } from './get-metrics-summary.ts';
export { getMetricSeries } from './get-metric-series.ts';
export { recordDuplicateChecks, type DuplicateCheckOutcome } from './record-duplicate-checks.ts';
export { RATE_SCALE, type MetricWindow } from './metric-sql.ts';

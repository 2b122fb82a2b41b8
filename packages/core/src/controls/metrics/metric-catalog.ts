import type { EntityScope } from '../../access/principal.ts';
import type { Db } from '../../db/transaction.ts';
import { approvalTurnaround } from './approval-turnaround.ts';
import { billingAccuracy } from './billing-accuracy.ts';
import { cycleTime } from './cycle-time.ts';
import { dsoMetric } from './dso-metric.ts';
import { duplicatesPrevented } from './duplicates-prevented.ts';
import { exceptionRate } from './exception-rate.ts';
import type { MetricFigures, MetricName } from './metric-schemas.ts';
import type { MetricWindow } from './metric-sql.ts';
import { postingFailureRate } from './posting-failure-rate.ts';
import { straightThroughRate } from './straight-through-rate.ts';

/** A metric computed for every bucket of a window, keyed by bucket start (every bucket present). */
export type MetricComputation<T> = (db: Db, w: MetricWindow, scope: EntityScope) => Promise<Map<string, T>>;

/** Each metric's computation by its API name: the one place a new metric is added. */
export const METRIC_COMPUTATIONS: { readonly [N in MetricName]: MetricComputation<MetricFigures[N]> } = {
  'straight-through-rate': straightThroughRate,
  'cycle-time': cycleTime,
  'exception-rate': exceptionRate,
  'approval-turnaround': approvalTurnaround,
  'duplicates-prevented': duplicatesPrevented,
  'posting-failure-rate': postingFailureRate,
  dso: dsoMetric,
  'billing-accuracy': billingAccuracy,
};

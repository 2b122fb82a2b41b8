import type { Aggregation } from '../receivables/usage/billable-metric-schemas.ts';
import { ID_PREFIX } from '../shared/ids.ts';
import { demoId } from './demo-id.ts';
import { DemoRandom } from './prng.ts';

/** One billable metric as the seed writes it (the columns of `billable_metrics`). */
export interface DemoBillableMetric {
  id: string;
  code: string;
  name: string;
  aggregation: Aggregation;
  property: string | null;
  unit: string;
}

/** The metric codes (CloudEvents `type`s) the demo's usage lines and events use. */
export const DEMO_METRICS = { apiCalls: 'api.calls', storage: 'storage.gb', activeUsers: 'active.users' } as const;

type MetricDefinition = Omit<DemoBillableMetric, 'id'>;

// One metric per aggregation the demo prices: API calls add up, storage is billed on the
// month's peak (weekly snapshots), and pay-as-you-go seats on distinct active users.
const METRICS: readonly MetricDefinition[] = [
  { code: DEMO_METRICS.apiCalls, name: 'API calls', aggregation: 'sum', property: null, unit: 'API call' },
  { code: DEMO_METRICS.storage, name: 'Storage (peak GB)', aggregation: 'max', property: 'gb', unit: 'GB' },
  { code: DEMO_METRICS.activeUsers, name: 'Monthly active users', aggregation: 'unique_count', property: 'userId', unit: 'user' },
];

/** The billable metrics, with seeded ids. */
export function buildDemoBillableMetrics(seed: number): DemoBillableMetric[] {
  const random = DemoRandom.stream(seed, 'billable-metrics');
  return METRICS.map((definition, index) => ({ id: demoId(ID_PREFIX.billableMetric, random, index), ...definition }));
}

import { zonedStartOfDay } from '../receivables/schedule/local-dates.ts';
import { ID_PREFIX } from '../shared/ids.ts';
import { billingMonth, nextPeriod, type BillingMonth } from '../receivables/billing/billing-month.ts';
import { DEMO_BILLING_PERIOD } from './demo-calendar.ts';
import { demoId } from './demo-id.ts';
import { DEMO_METRICS } from './demo-metrics.ts';
import type { DemoContractPlan } from './plan-demo-contracts.ts';
import { DemoRandom } from './prng.ts';

/** One usage event as the seed writes it (the columns of `usage_events`). */
export interface DemoUsageEvent {
  customerId: string;
  id: string;
  source: string;
  eventId: string;
  metricCode: string;
  /** The customer's CRM id, as the gateway addresses customers. */
  subject: string;
  occurredAt: Date;
  /** What the metric aggregates: calls, peak GB, or "1" for a unique-count event (as ingest stores it). */
  quantity: string;
  /** The CloudEvents `data`. */
  properties: Record<string, unknown>;
  receivedAt: Date;
}

/** The CloudEvents `source` of demo usage: the API gateway that meters the platform. */
export const DEMO_USAGE_SOURCE = '/demo/gateway';

const ENDPOINTS = ['/v1/invoices', '/v1/customers', '/v1/usage-events', '/v1/payments', '/v1/reports'] as const;

/**
 * Usage events for every month a plan is billed through invoiceops — from its
 * `firstBilledPeriod` (or its start, if later) to the demo month (`DEMO_BILLING_PERIOD`),
 * in each customer's time zone — for every metered line of `plans`: hourly-style API call
 * roll-ups, five storage snapshots that grow over the month, and user activity for
 * pay-as-you-go seats. `subjects` maps customer ids to the CRM ids the events address.
 * Deterministic: the demo month draws from the seed's `usage-events` stream (event ids
 * `gw-000123-api-07`), each earlier month from its own (`usage-events-2026-09`, ids
 * `gw-2609-000123-api-07`), so history added before the demo month changes none of its
 * events. Event ids are unique per source.
 */
export function* generateDemoUsageEvents(seed: number, plans: Iterable<DemoContractPlan>, subjects: ReadonlyMap<string, string>): Generator<DemoUsageEvent> {
  const months = new Map<string, { random: DemoRandom; index: number }>();
  const streamOf = (period: string) => {
    let stream = months.get(period);
    if (!stream) {
      stream = { random: DemoRandom.stream(seed, period === DEMO_BILLING_PERIOD ? 'usage-events' : `usage-events-${period}`), index: 0 };
      months.set(period, stream);
    }
    return stream;
  };
  for (const plan of plans) {
    const { api, storage, activeUsers } = plan.usageEvents;
    if (api + storage + activeUsers === 0) continue;
    const subject = subjects.get(plan.customerId);
    if (subject === undefined) throw new Error(`demo usage: customer ${plan.customerId} has no CRM id`);
    for (let period = plan.firstBilledPeriod; period <= DEMO_BILLING_PERIOD; period = nextPeriod(period)) {
      yield* monthOfUsage(plan, subject, billingMonth(period), streamOf(period));
    }
  }
}

/** One plan's usage in one month, from its stream. */
function* monthOfUsage(plan: DemoContractPlan, subject: string, month: BillingMonth, stream: { random: DemoRandom; index: number }): Generator<DemoUsageEvent> {
  const { random } = stream;
  const { api, storage, activeUsers } = plan.usageEvents;
  const from = zonedStartOfDay(plan.startDate > month.first ? plan.startDate : month.first, plan.timeZone).getTime();
  const to = zonedStartOfDay(month.next, plan.timeZone).getTime();
  if (from >= to) return;
  const demoMonth = month.period === DEMO_BILLING_PERIOD;
  const sequence = demoMonth ? plan.number.slice(-6) : `${month.period.slice(2, 4)}${month.period.slice(5)}-${plan.number.slice(-6)}`;
  const event = (metricCode: string, tag: string, n: number, at: number, quantity: string, data: Record<string, unknown>): DemoUsageEvent => ({
    customerId: plan.customerId,
    id: demoId(ID_PREFIX.usageEvent, random, stream.index++),
    source: DEMO_USAGE_SOURCE,
    eventId: `gw-${sequence}-${tag}-${String(n + 1).padStart(2, '0')}`,
    metricCode,
    subject,
    occurredAt: new Date(at),
    quantity,
    properties: data,
    receivedAt: new Date(at + random.int(1, 120) * 1000),
  });

  const [low, high] = plan.usageScale.callsPerEvent;
  const spike = demoMonth ? plan.apiSpike : 1;
  for (const [n, at] of randomInstants(random, api, from, to).entries()) {
    const calls = random.int(low, high) * spike;
    yield event(DEMO_METRICS.apiCalls, 'api', n, at, String(calls), { quantity: calls, endpoint: random.pick(ENDPOINTS) });
  }
  // Snapshots in hundredths of a GB, growing 0–4 % a week: integer arithmetic keeps them exact.
  const growthPerMille = random.int(0, 40);
  for (let n = 0; n < storage; n += 1) {
    const at = from + Math.floor(((n + 0.5) * (to - from)) / storage / 1000) * 1000;
    const hundredths = Math.round((plan.usageScale.storageGb * 100 * (1000 + n * growthPerMille)) / 1000);
    const gb = `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
    yield event(DEMO_METRICS.storage, 'storage', n, at, gb, { gb: Number(gb) });
  }
  for (const [n, at] of randomInstants(random, activeUsers, from, to).entries()) {
    const userId = `user-${String(random.int(1, plan.usageScale.userPool)).padStart(3, '0')}`;
    yield event(DEMO_METRICS.activeUsers, 'users', n, at, '1', { userId });
  }
}

/** `count` instants in [from, to), whole seconds, in ascending order. */
function randomInstants(random: DemoRandom, count: number, from: number, to: number): number[] {
  const seconds = Math.floor((to - from) / 1000);
  return Array.from({ length: count }, () => from + random.int(0, seconds - 1) * 1000).sort((a, b) => a - b);
}

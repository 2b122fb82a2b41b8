/** How a series is cut: per UTC day, per ISO week (Monday to Sunday), or the whole period as one bucket. */
export type MetricInterval = 'day' | 'week' | 'period';

/** One bucket of a series: both ends are UTC calendar days, included. */
export interface MetricBucket {
  readonly start: string;
  readonly end: string;
}

/** The most buckets one series may have (a year and a month of days, ten years of weeks). */
export const MAX_BUCKETS = 400;

const DAY_MS = 86_400_000;
const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const msOf = (day: string): number => Date.parse(`${day}T00:00:00Z`);

/** Calendar days from `from` to `to`, both included. */
export function daysBetweenInclusive(from: string, to: string): number {
  return Math.round((msOf(to) - msOf(from)) / DAY_MS) + 1;
}

/**
 * The buckets of [from, to] (UTC days, both included). Weeks start on Monday, as
 * PostgreSQL's `date_trunc('week', …)` does; the first and last week are clipped to the
 * period, so a bucket's `start` is `greatest(monday, from)` — the key the SQL groups on.
 */
export function metricBuckets(from: string, to: string, interval: MetricInterval): MetricBucket[] {
  if (interval === 'period') return [{ start: from, end: to }];
  const last = msOf(to);
  const buckets: MetricBucket[] = [];
  let start = msOf(from);
  while (start <= last) {
    const weekday = (new Date(start).getUTCDay() + 6) % 7; // Monday = 0
    const end = interval === 'day' ? start : Math.min(last, start + (6 - weekday) * DAY_MS);
    buckets.push({ start: dayOf(start), end: dayOf(end) });
    start = end + DAY_MS;
  }
  return buckets;
}

/** How many buckets `metricBuckets` would make, without making them. */
export function countBuckets(from: string, to: string, interval: MetricInterval): number {
  if (interval === 'period') return 1;
  const days = daysBetweenInclusive(from, to);
  if (interval === 'day') return days;
  const firstWeekday = (new Date(msOf(from)).getUTCDay() + 6) % 7;
  return Math.ceil((days + firstWeekday) / 7);
}

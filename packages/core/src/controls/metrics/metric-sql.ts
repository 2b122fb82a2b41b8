import { sql, type RawBuilder } from 'kysely';
import type { EntityScope } from '../../access/principal.ts';
import type { MetricBucket, MetricInterval } from './metric-buckets.ts';

/** What one metric computation covers: a period of UTC days, how it is cut, and an optional entity. */
export interface MetricWindow {
  /** First UTC day, included. */
  readonly from: string;
  /** Last UTC day, included. */
  readonly to: string;
  readonly interval: MetricInterval;
  readonly entityId?: string | undefined;
  /** The buckets of the period (see `metricBuckets`); results are keyed by `start`. */
  readonly buckets: readonly MetricBucket[];
  /** The present: point-in-time figures (steps overdue) are taken no later than this. */
  readonly now: Date;
}

/** Decimal places of every rate (a fraction between 0 and 1, as a decimal string). */
export const RATE_SCALE = 4;

const DAY_MS = 86_400_000;

/** `column >= from 00:00 UTC AND column < (to + 1 day) 00:00 UTC`. `column` is trusted SQL text. */
export function inWindow(column: string, w: MetricWindow): RawBuilder<boolean> {
  const start = new Date(`${w.from}T00:00:00Z`);
  const end = new Date(Date.parse(`${w.to}T00:00:00Z`) + DAY_MS);
  return sql<boolean>`(${sql.raw(column)} >= ${start} AND ${sql.raw(column)} < ${end})`;
}

/** `column BETWEEN from AND to` for a `date` column. */
export function dateInWindow(column: string, w: MetricWindow): RawBuilder<boolean> {
  return sql<boolean>`(${sql.raw(column)} BETWEEN ${w.from}::date AND ${w.to}::date)`;
}

/**
 * The bucket key (a UTC day as `YYYY-MM-DD`) of a `timestamptz` column: the day, the
 * Monday of the week clipped to `from`, or `from` for the whole period. The same keys
 * as `metricBuckets` makes.
 */
export function bucketOfTimestamp(column: string, w: MetricWindow): RawBuilder<string> {
  return bucketOfDate(`(${column} AT TIME ZONE 'UTC')::date`, w);
}

/** The bucket key of a `date` expression (trusted SQL text). */
export function bucketOfDate(expression: string, w: MetricWindow): RawBuilder<string> {
  const day = sql.raw(expression);
  if (w.interval === 'period') return sql<string>`${w.from}::date`;
  if (w.interval === 'day') return sql<string>`(${day})::date`;
  return sql<string>`greatest(date_trunc('week', (${day})::timestamp)::date, ${w.from}::date)`;
}

/**
 * Rows of the entities the caller may read, narrowed to `entityId` when asked: the
 * server-side entity scope of every metric query.
 */
export function entityFilter(column: string, w: MetricWindow, scope: EntityScope): RawBuilder<boolean> {
  const col = sql.raw(column);
  const parts: RawBuilder<boolean>[] = [];
  if (!scope.all) parts.push(scope.entityIds.length > 0 ? sql<boolean>`${col} = ANY(${[...scope.entityIds]}::text[])` : sql<boolean>`false`);
  if (w.entityId) parts.push(sql<boolean>`${col} = ${w.entityId}`);
  return parts.length === 0 ? sql<boolean>`true` : sql<boolean>`(${sql.join(parts, sql` AND `)})`;
}

/** `numerator ÷ denominator` rounded half away from zero to RATE_SCALE places, as text; NULL when the denominator is 0. */
export function rateOf(numerator: RawBuilder<unknown> | string, denominator: RawBuilder<unknown> | string): RawBuilder<string | null> {
  const n = typeof numerator === 'string' ? sql.raw(numerator) : numerator;
  const d = typeof denominator === 'string' ? sql.raw(denominator) : denominator;
  return sql<string | null>`round((${n})::numeric / nullif((${d})::numeric, 0), ${sql.lit(RATE_SCALE)})::text`;
}

/** Median or another percentile of seconds (continuous, interpolated), rounded to whole seconds; NULL over no rows. */
export function secondsPercentile(fraction: 0.5 | 0.9, seconds: string): RawBuilder<number | null> {
  return sql<number | null>`round((percentile_cont(${sql.lit(fraction)}) WITHIN GROUP (ORDER BY ${sql.raw(seconds)}))::numeric)::integer`;
}

/** Actors that are people (`user:<id>`); API keys, rules, models and `system` are not. */
export const HUMAN_ACTOR = `'user:%'`;

/** Index results by bucket, filling every bucket of the window with `empty` where there were no rows. */
export function byBucket<T>(w: MetricWindow, rows: Iterable<readonly [string, T]>, empty: () => T): Map<string, T> {
  const map = new Map<string, T>(w.buckets.map((b) => [b.start, empty()]));
  for (const [bucket, value] of rows) map.set(bucket, value);
  return map;
}

import { sql } from 'kysely';
import type { Db } from '../../db/transaction.ts';
import { trimDecimal } from '../../shared/decimal-text.ts';
import type { Aggregation } from '../usage/billable-metric-schemas.ts';

/** One usage window: a customer's metric over [startsAt, endsAt). */
export interface UsageWindow {
  key: string;
  customerId: string;
  metricCode: string;
  aggregation: Aggregation;
  /** The data property counted by unique_count. */
  property: string | null;
  startsAt: Date;
  endsAt: Date;
}

const CHUNK = 500;

/**
 * Aggregates accepted usage per window in one query per 500 windows. An event that a
 * later event corrects (`corrects` = its id, same customer and source) is left out: the
 * correction replaces it. Flagged events are not billed. Returns exact decimal strings.
 */
export async function aggregateUsage(db: Db, windows: readonly UsageWindow[]): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  for (let i = 0; i < windows.length; i += CHUNK) {
    const chunk = windows.slice(i, i + CHUNK);
    const values = sql.join(
      chunk.map((w) => sql`(${w.key}::text, ${w.customerId}::text, ${w.metricCode}::text, ${w.startsAt.toISOString()}::timestamptz, ${w.endsAt.toISOString()}::timestamptz, ${w.property ?? ''}::text, ${w.aggregation}::text)`),
    );
    const rows = await sql<{ k: string; total: string | null; events: string; maximum: string | null; uniques: string; latest: string | null }>`
      WITH w(k, customer_id, metric_code, starts_at, ends_at, prop, aggregation) AS (VALUES ${values})
      SELECT w.k,
        sum(e.quantity)::text AS total,
        count(e.id)::text AS events,
        max(e.quantity)::text AS maximum,
        count(DISTINCT e.properties ->> w.prop)::text AS uniques,
        ((array_agg(e.quantity ORDER BY e.occurred_at DESC, e.id DESC) FILTER (WHERE e.id IS NOT NULL))[1])::text AS latest
      FROM w
      LEFT JOIN usage_events e
        ON e.customer_id = w.customer_id AND e.metric_code = w.metric_code
        AND e.occurred_at >= w.starts_at AND e.occurred_at < w.ends_at AND e.status = 'accepted'
        AND NOT EXISTS (
          SELECT 1 FROM usage_events c
          WHERE c.customer_id = e.customer_id AND c.source = e.source AND c.corrects_event_id = e.event_id
        )
      GROUP BY w.k`.execute(db);
    for (const row of rows.rows) {
      const w = chunk.find((x) => x.key === row.k)!;
      const value =
        w.aggregation === 'sum' ? (row.total ?? '0')
        : w.aggregation === 'count' ? row.events
        : w.aggregation === 'max' ? (row.maximum ?? '0')
        : w.aggregation === 'unique_count' ? row.uniques
        : (row.latest ?? '0');
      result.set(row.k, trimDecimal(value));
    }
  }
  return result;
}

/** Marks the usage inside each window as billed by its invoice (so late events stand out). */
export async function markUsageBilled(db: Db, billed: readonly { window: UsageWindow; invoiceId: string }[]): Promise<void> {
  for (let i = 0; i < billed.length; i += CHUNK) {
    const values = sql.join(
      billed.slice(i, i + CHUNK).map(({ window: w, invoiceId }) => sql`(${w.customerId}::text, ${w.metricCode}::text, ${w.startsAt.toISOString()}::timestamptz, ${w.endsAt.toISOString()}::timestamptz, ${invoiceId}::text)`),
    );
    await sql`
      UPDATE usage_events e SET invoice_id = w.invoice_id
      FROM (VALUES ${values}) AS w(customer_id, metric_code, starts_at, ends_at, invoice_id)
      WHERE e.customer_id = w.customer_id AND e.metric_code = w.metric_code
        AND e.occurred_at >= w.starts_at AND e.occurred_at < w.ends_at
        AND e.status = 'accepted' AND e.invoice_id IS NULL`.execute(db);
  }
}

/**
 * Usage that no contract of the customer rates (a metric not in the contract, or usage
 * after a cancellation) is flagged for review instead of sitting unbilled forever: stored,
 * never silently billed or dropped. The customer's local date decides which line applies.
 */
export async function flagUsageOutsideContracts(db: Db, customerIds: readonly string[], before: string): Promise<number> {
  if (customerIds.length === 0) return 0;
  const result = await sql`
    UPDATE usage_events e SET status = 'flagged', flag_reason = 'metric not in the customer''s contract on that date'
    FROM customers c
    WHERE c.id = e.customer_id AND e.customer_id IN (${sql.join([...customerIds])})
      AND e.status = 'accepted' AND e.invoice_id IS NULL
      AND (e.occurred_at AT TIME ZONE c.time_zone)::date < ${before}::date
      AND NOT EXISTS (
        SELECT 1 FROM contract_lines l
        WHERE l.customer_id = e.customer_id AND l.kind = 'usage' AND l.metric_code = e.metric_code
          AND l.start_date <= (e.occurred_at AT TIME ZONE c.time_zone)::date
          AND (e.occurred_at AT TIME ZONE c.time_zone)::date < l.end_date
      )`.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}

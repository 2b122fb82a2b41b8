import { sql } from 'kysely';
import type { Db } from '../../db/transaction.ts';
import { selectJsonRows } from '../../db/select-json-rows.ts';
import { trimDecimal } from '../../shared/decimal-text.ts';
import { lockUsageBilling } from '../usage/usage-billing-lock.ts';
import type { Aggregation } from '../usage/billable-metric-schemas.ts';
import { jsonParam } from '../../db/json-param.ts';

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
 * Aggregates accepted usage per window in one query per 500 windows (the windows as one
 * JSON parameter rather than seven bound values each). Each window is aggregated on its
 * own (a lateral subquery over the rating index), feeding only the aggregate its metric
 * uses, so no sort or hash spans the chunk. An event that a later event corrects
 * (`corrects` = its id, same customer and source) is left out: the correction replaces it;
 * that check runs only for the customers that have corrections (looked up through their
 * partial index first). Windows that sum, count or take the maximum are answered from the
 * rating index alone (it carries status and quantity). Flagged events are not billed.
 * Returns exact decimal strings.
 */
export async function aggregateUsage(db: Db, windows: readonly UsageWindow[]): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  for (let i = 0; i < windows.length; i += CHUNK) {
    const chunk = windows.slice(i, i + CHUNK);
    const correcting = await customersWithCorrections(db, [...new Set(chunk.map((w) => w.customerId))]);
    const plain = chunk.filter((w) => !correcting.has(w.customerId));
    const corrected = chunk.filter((w) => correcting.has(w.customerId));
    const lean = plain.filter((w) => LEAN.has(w.aggregation));
    const rest = plain.filter((w) => !LEAN.has(w.aggregation));
    for (const [part, reads] of [[lean, 'index'], [rest, 'rows'], [corrected, 'uncorrected rows']] as const) {
      if (part.length === 0) continue;
      for (const row of await aggregateWindows(db, part, reads)) result.set(row.k, trimDecimal(row.value ?? '0'));
    }
  }
  return result;
}

async function customersWithCorrections(db: Db, customerIds: readonly string[]): Promise<Set<string>> {
  const rows = await sql<{ customerId: string }>`
    SELECT DISTINCT customer_id FROM usage_events
    WHERE corrects_event_id IS NOT NULL AND customer_id = ANY(${sql.val(customerIds)}::text[])`.execute(db);
  return new Set(rows.rows.map((r) => r.customerId));
}

/** Aggregations the rating index answers alone (it carries each event's status and quantity). */
const LEAN = new Set<Aggregation>(['sum', 'count', 'max']);

/**
 * Aggregates windows in one query. `index`: windows that sum, count or take the maximum,
 * for customers without corrections; the query then names only the rating index's columns,
 * so a vacuumed table is aggregated from the index alone (an index-only scan), without
 * visiting an event's row. `rows`: any aggregation. `uncorrected rows`: any aggregation,
 * leaving out events a later event corrects.
 */
async function aggregateWindows(db: Db, windows: readonly UsageWindow[], reads: 'index' | 'rows' | 'uncorrected rows') {
  const list = JSON.stringify(windows.map((w) => ({ k: w.key, c: w.customerId, m: w.metricCode, s: w.startsAt, e: w.endsAt, p: w.property ?? '', a: w.aggregation })));
  // Naming `properties` or `id`, even in a branch never taken, would make every row be read.
  const rowAggregates = reads === 'index'
    ? sql``
    : sql`
        WHEN 'unique_count' THEN count(DISTINCT e.properties ->> w.p) FILTER (WHERE w.a = 'unique_count')
        WHEN 'latest' THEN (array_agg(e.quantity ORDER BY e.occurred_at DESC, e.id DESC) FILTER (WHERE w.a = 'latest'))[1]`;
  const uncorrected = reads === 'uncorrected rows'
    ? sql`AND NOT EXISTS (
            SELECT 1 FROM usage_events c
            WHERE c.corrects_event_id IS NOT NULL AND c.customer_id = e.customer_id AND c.source = e.source AND c.corrects_event_id = e.event_id
          )`
    : sql``;
  const query = sql`
    SELECT w.k, v.value::text AS value
    FROM json_to_recordset(${jsonParam(list)}) AS w(k text, c text, m text, s timestamptz, e timestamptz, p text, a text)
    CROSS JOIN LATERAL (
      SELECT CASE w.a
        WHEN 'sum' THEN sum(e.quantity) FILTER (WHERE w.a = 'sum')
        WHEN 'count' THEN count(e.quantity) FILTER (WHERE w.a = 'count')
        WHEN 'max' THEN max(e.quantity) FILTER (WHERE w.a = 'max')${rowAggregates}
      END AS value
      FROM usage_events e
      WHERE e.customer_id = w.c AND e.metric_code = w.m AND e.occurred_at >= w.s AND e.occurred_at < w.e AND e.status = 'accepted'
        ${uncorrected}
    ) v`;
  return selectJsonRows<{ k: string; value: string | null }>(db, query, { k: 'text', value: 'numeric' });
}

/** Usage in these windows is now billed: it no longer waits as late usage. */
export async function clearLateUsage(db: Db, windows: readonly UsageWindow[]): Promise<void> {
  for (let i = 0; i < windows.length; i += CHUNK) {
    const list = JSON.stringify(windows.slice(i, i + CHUNK).map((w) => ({ c: w.customerId, m: w.metricCode, s: w.startsAt, e: w.endsAt })));
    await sql`
      UPDATE usage_events e SET late_pending = false
      FROM (SELECT c AS customer_id, m AS metric_code, s AS starts_at, e AS ends_at
            FROM json_to_recordset(${jsonParam(list)}) AS r(c text, m text, s timestamptz, e timestamptz)) AS w
      WHERE e.late_pending AND e.customer_id = w.customer_id AND e.metric_code = w.metric_code
        AND e.occurred_at >= w.starts_at AND e.occurred_at < w.ends_at`.execute(db);
  }
}

/**
 * Usage that no contract line of the customer rates any more (a line removed or a contract
 * cancelled with an earlier effective date) is flagged for review instead of sitting
 * unbilled forever: stored, never silently billed or dropped. Usage already billed stays
 * as it is. The customer's local date decides which line applies.
 */
export async function flagUsageOutsideContracts(db: Db, customerIds: readonly string[]): Promise<number> {
  if (customerIds.length === 0) return 0;
  const result = await sql`
    UPDATE usage_events e SET status = 'flagged', late_pending = false, flag_reason = 'metric not in the customer''s contract on that date'
    FROM customers c
    WHERE c.id = e.customer_id AND e.customer_id IN (${sql.join([...customerIds])})
      AND e.status = 'accepted'
      AND (e.late_pending OR c.usage_billed_until IS NULL OR e.occurred_at >= c.usage_billed_until)
      AND NOT EXISTS (
        SELECT 1 FROM contract_lines l
        WHERE l.customer_id = e.customer_id AND l.kind = 'usage' AND l.metric_code = e.metric_code
          AND l.start_date <= (e.occurred_at AT TIME ZONE c.time_zone)::date
          AND (e.occurred_at AT TIME ZONE c.time_zone)::date < l.end_date
      )`.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}

/**
 * The usage a voided invoice billed is owed again: it is marked late, so the next bill run
 * re-rates its windows and bills it (as late usage naming its period). Holds the
 * customer's usage-billing lock so a bill run in flight cannot count the voided lines.
 */
export async function markVoidedUsageForRebilling(trx: Db, customerId: string, invoiceId: string): Promise<void> {
  await lockUsageBilling(trx, [customerId], 'exclusive');
  await sql`
    UPDATE usage_events e SET late_pending = true
    FROM invoice_lines l
    JOIN contract_lines cl ON cl.id = l.contract_line_id
    JOIN customers c ON c.id = l.customer_id
    WHERE l.invoice_id = ${invoiceId} AND l.kind IN ('usage', 'late_usage')
      AND e.customer_id = ${customerId} AND e.customer_id = l.customer_id AND e.metric_code = cl.metric_code AND e.status = 'accepted'
      AND e.occurred_at >= (l.service_start::timestamp AT TIME ZONE c.time_zone)
      AND e.occurred_at < (l.service_end::timestamp AT TIME ZONE c.time_zone)`.execute(trx);
}

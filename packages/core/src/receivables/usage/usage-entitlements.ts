import type { Decimal } from 'decimal.js';
import { sql } from 'kysely';
import { lookUpEach } from '../../db/id-list.ts';
import type { Db } from '../../db/transaction.ts';
import { MoneyDecimal } from '../../money/exact-decimal.ts';
import { trimDecimal } from '../../shared/decimal-text.ts';
import { periodContaining, type BillingPeriod } from '../schedule/billing-periods.ts';
import type { LocalDate } from '../schedule/local-dates.ts';

/** A usage line version whose included allowance is a hard entitlement (`overage: 'review'`). */
export interface EntitlementLine {
  contractId: string;
  startDate: LocalDate;
  endDate: LocalDate;
  /** Units included per billing period. */
  includedQuantity: string;
}

/** One event to check against the entitlement of the line it falls under. */
export interface EntitlementCheck {
  customerId: string;
  metricCode: string;
  timeZone: string;
  localDay: LocalDate;
  line: EntitlementLine;
  aggregation: string;
  quantity: string;
  /** The accepted event a correction replaces: its quantity no longer counts. */
  replaces?: { quantity: string } | undefined;
}

/** Why an event was held, or undefined when it is within the entitlement. */
export type EntitlementVerdict = string | undefined;

/** What counts against an entitlement, by aggregation; unique counts are not checked here. */
export interface EntitlementStep {
  /** Period key; the running total is kept per key. */
  key: string;
  included: string;
  /** `add`: the event adds `amount` to the period's total (sum, count); `level`: its value is the period's value (max, latest). */
  mode: 'add' | 'level';
  amount: string;
}

/**
 * Decides, in request order, which events go beyond their entitlement. `stored` is each
 * period's accepted total before the batch. An event that would take the total above
 * the included quantity is held (flagged) whole and does not count; the ones within it
 * do. A `level` event (max, latest) is held when its own value is above it. Pure.
 */
export function decideEntitlements(stored: ReadonlyMap<string, string>, steps: readonly EntitlementStep[]): boolean[] {
  const totals = new Map<string, Decimal>();
  return steps.map((step) => {
    if (step.mode === 'level') return new MoneyDecimal(step.amount).greaterThan(step.included);
    const before = totals.get(step.key) ?? new MoneyDecimal(stored.get(step.key) ?? '0');
    const after = before.plus(step.amount);
    // A correction that lowers usage is never held.
    const beyond = new MoneyDecimal(step.amount).greaterThan(0) && after.greaterThan(step.included);
    if (!beyond) totals.set(step.key, after);
    return beyond;
  });
}

interface ContractSchedule {
  id: string;
  startDate: string;
  billingFrequency: string;
  alignment: string;
  billDay: number | null;
}

/**
 * Checks a batch's events against hard entitlements in two queries, whatever the batch
 * size (the contracts' schedules, then the stored usage of the periods concerned), and
 * none when no event falls under one. Returns a verdict per check, in order.
 */
export async function checkUsageEntitlements(db: Db, checks: readonly EntitlementCheck[]): Promise<EntitlementVerdict[]> {
  if (checks.length === 0) return [];
  const contractIds = [...new Set(checks.map((c) => c.line.contractId))];
  const contracts = await sql<ContractSchedule>`
    SELECT c.id, c.start_date AS "startDate", c.billing_frequency AS "billingFrequency", c.alignment, c.bill_day AS "billDay"
    FROM ${lookUpEach(contractIds, 'contracts', 'id', 'c')}`.execute(db);
  const byId = new Map<string, ContractSchedule>(contracts.rows.map((c) => [c.id, c]));
  const periods = checks.map((c) => periodOf(byId.get(c.line.contractId), c));
  const windows = new Map<string, { customerId: string; metricCode: string; startsAt: Date; endsAt: Date }>();
  const steps: (EntitlementStep | undefined)[] = checks.map((c, i) => {
    const period = periods[i];
    if (!period || c.aggregation === 'unique_count') return undefined;
    const key = `${c.customerId}|${c.metricCode}|${period.start}`;
    const level = c.aggregation === 'max' || c.aggregation === 'latest';
    if (!level) windows.set(key, { customerId: c.customerId, metricCode: c.metricCode, startsAt: period.startsAt, endsAt: period.endsAt });
    const unit = c.aggregation === 'count' ? '1' : c.quantity;
    const replaced = c.replaces ? (c.aggregation === 'count' ? '1' : c.replaces.quantity) : '0';
    return { key, included: c.line.includedQuantity, mode: level ? 'level' : 'add', amount: new MoneyDecimal(unit).minus(replaced).toFixed() };
  });
  const stored = await storedTotals(db, windows);
  const held = decideEntitlements(stored, steps.filter((s): s is EntitlementStep => s !== undefined));
  let next = 0;
  return steps.map((step, i) => {
    if (!step) return undefined;
    if (!held[next++]) return undefined;
    const p = periods[i]!;
    return `usage beyond the entitlement of ${checks[i]!.line.includedQuantity} per period (${p.start} to ${p.end}); held for review`;
  });
}

function periodOf(contract: ContractSchedule | undefined, check: EntitlementCheck): BillingPeriod | undefined {
  if (!contract) return undefined;
  return periodContaining(
    {
      start: contract.startDate,
      frequency: contract.billingFrequency as 'monthly' | 'quarterly' | 'annual',
      alignment: contract.alignment as 'calendar' | 'anniversary' | 'bill_day',
      ...(contract.alignment === 'bill_day' && contract.billDay ? { billDay: contract.billDay } : {}),
      timeZone: check.timeZone,
    },
    check.localDay,
  );
}

/** Accepted usage per period window (corrected events replaced), in one query. */
async function storedTotals(db: Db, windows: Map<string, { customerId: string; metricCode: string; startsAt: Date; endsAt: Date }>): Promise<Map<string, string>> {
  const totals = new Map<string, string>();
  if (windows.size === 0) return totals;
  const values = sql.join(
    [...windows].map(([k, w]) => sql`(${k}::text, ${w.customerId}::text, ${w.metricCode}::text, ${w.startsAt.toISOString()}::timestamptz, ${w.endsAt.toISOString()}::timestamptz)`),
  );
  const rows = await sql<{ k: string; total: string }>`
    WITH w(k, customer_id, metric_code, starts_at, ends_at) AS (VALUES ${values})
    SELECT w.k, coalesce(sum(e.quantity), 0)::text AS total
    FROM w
    LEFT JOIN usage_events e
      ON e.customer_id = w.customer_id AND e.metric_code = w.metric_code
      AND e.occurred_at >= w.starts_at AND e.occurred_at < w.ends_at AND e.status = 'accepted'
      AND NOT EXISTS (
        SELECT 1 FROM usage_events c
        WHERE c.corrects_event_id IS NOT NULL AND c.customer_id = e.customer_id AND c.source = e.source AND c.corrects_event_id = e.event_id
      )
    GROUP BY w.k`.execute(db);
  for (const r of rows.rows) totals.set(r.k, trimDecimal(r.total));
  return totals;
}

import { sql } from 'kysely';
import { assertInScope, type EntityScope } from '../../access/principal.ts';
import type { Db } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import { MoneyDecimal } from '../../money/exact-decimal.ts';
import { aggregateUsage, type UsageWindow } from '../billing/aggregate-usage.ts';
import { billingMonth, type BillingMonth } from '../billing/billing-month.ts';
import { zonedStartOfDay } from '../schedule/local-dates.ts';
import type { Aggregation } from './billable-metric-schemas.ts';
import type { MetricUsage, UsageSummary, UsageSummaryQuery } from './usage-summary-schemas.ts';
import { usagePeriodForMonth } from './usage-summary-period.ts';

type Allowance = { model?: string; params?: { includedQuantity?: string; overage?: string } };

/**
 * A customer's usage in a month, per billable metric, against the entitlement of the
 * contract line in force: the quantity aggregated as the bill run aggregates it (accepted
 * events, corrections replacing what they correct; held events left out), the units
 * included per period, the overage and how many events were held for review. A metric with
 * a usage line is measured over its billing period for the month (`usagePeriodForMonth`,
 * the period its allowance is granted for); a metric without one over the calendar month,
 * in the customer's time zone. 404 for an unknown customer, 403 outside the caller's entities.
 */
export async function summarizeUsage(db: Db, query: UsageSummaryQuery, scope: EntityScope): Promise<UsageSummary> {
  const customer = await db.selectFrom('customers').select(['id', 'entityId', 'timeZone']).where('id', '=', query.customerId).executeTakeFirst();
  if (!customer) throw AppError.notFound('customer', query.customerId);
  assertInScope(scope, [customer.entityId], 'usage');
  const month = billingMonth(query.period);
  const timeZone = customer.timeZone;
  const monthFrom = zonedStartOfDay(month.first, timeZone);
  const monthTo = zonedStartOfDay(month.next, timeZone);

  const [versions, eventMetrics] = await Promise.all([
    db
      .selectFrom('contractLines')
      .innerJoin('contracts', 'contracts.id', 'contractLines.contractId')
      .select([
        'contractLines.lineKey', 'contractLines.metricCode', 'contractLines.charge', 'contractLines.startDate', 'contractLines.endDate',
        'contracts.id as contractId', 'contracts.number', 'contracts.startDate as contractStart', 'contracts.billingFrequency', 'contracts.alignment', 'contracts.billDay',
      ])
      .where('contractLines.customerId', '=', customer.id)
      .where('contractLines.kind', '=', 'usage')
      .whereRef('contractLines.endDate', '>', 'contractLines.startDate')
      .orderBy('contractLines.startDate')
      .execute(),
    db.selectFrom('usageEvents').select('metricCode').distinct().where('customerId', '=', customer.id).where('occurredAt', '>=', monthFrom).where('occurredAt', '<', monthTo).execute(),
  ]);
  const lines = versions.filter((v) => v.startDate < month.next && v.endDate > month.first);
  const codes = [...new Set([...lines.map((l) => l.metricCode!), ...eventMetrics.map((e) => e.metricCode)])].sort();
  const metrics = codes.length ? await db.selectFrom('billableMetrics').selectAll().where('code', 'in', codes).orderBy('code').execute() : [];

  const measured = metrics.map((metric) => {
    // The version starting last is the one in force at the end of the month.
    const line = lines.filter((l) => l.metricCode === metric.code).at(-1);
    const period = line ? lineWindow(line, versions.filter((v) => v.contractId === line.contractId && v.lineKey === line.lineKey), month, timeZone) : { start: month.first, end: month.next };
    const window: UsageWindow = {
      key: metric.code,
      customerId: customer.id,
      metricCode: metric.code,
      aggregation: metric.aggregation as Aggregation,
      property: metric.property,
      startsAt: zonedStartOfDay(period.start, timeZone),
      endsAt: zonedStartOfDay(period.end, timeZone),
    };
    return { metric, line, period, window };
  });
  const [quantities, counts] = await Promise.all([aggregateUsage(db, measured.map((m) => m.window)), countEvents(db, measured.map((m) => m.window))]);

  const rows: MetricUsage[] = measured.map(({ metric, line, period, window }) => {
    const quantity = quantities.get(metric.code) ?? '0';
    const allowance = line?.charge as Allowance | undefined;
    const included = allowance?.model === 'included_allowance' ? (allowance.params?.includedQuantity ?? null) : null;
    const beyond = included === null ? null : MoneyDecimal.max(0, new MoneyDecimal(quantity).minus(included)).toFixed();
    const count = counts.get(metric.code) ?? { accepted: 0, flagged: 0 };
    return {
      metricCode: metric.code,
      metricName: metric.name,
      unit: metric.unit,
      aggregation: metric.aggregation as Aggregation,
      periodStart: period.start,
      periodEnd: period.end,
      from: window.startsAt.toISOString(),
      to: window.endsAt.toISOString(),
      quantity,
      included,
      overage: beyond,
      entitlement: included === null ? null : allowance?.params?.overage === 'review' ? 'hard' : 'soft',
      contractId: line?.contractId ?? null,
      contractNumber: line?.number ?? null,
      lineKey: line?.lineKey ?? null,
      chargeModel: allowance?.model ?? null,
      acceptedEvents: count.accepted,
      flaggedEvents: count.flagged,
    };
  });
  const starts = [month.first, ...rows.map((r) => r.periodStart)].sort();
  const ends = [month.next, ...rows.map((r) => r.periodEnd)].sort();
  return {
    customerId: customer.id,
    entityId: customer.entityId,
    period: month.period,
    timeZone,
    periodStart: starts[0]!,
    periodEnd: ends.at(-1)!,
    from: zonedStartOfDay(starts[0]!, timeZone).toISOString(),
    to: zonedStartOfDay(ends.at(-1)!, timeZone).toISOString(),
    metrics: rows,
    flaggedEvents: rows.reduce((sum, r) => sum + r.flaggedEvents, 0),
  };
}

type LineVersion = { contractStart: string; billingFrequency: 'monthly' | 'quarterly' | 'annual'; alignment: 'calendar' | 'anniversary' | 'bill_day'; billDay: number | null; startDate: string; endDate: string };

/**
 * The line's billing period for the month, cut to the days the line is in force (its
 * versions together), as the bill run cuts its usage windows: a term that ends mid-period
 * is measured up to its end.
 */
function lineWindow(line: LineVersion, versions: readonly LineVersion[], month: BillingMonth, timeZone: string): { start: string; end: string } {
  const period = usagePeriodForMonth(
    {
      start: line.contractStart,
      frequency: line.billingFrequency,
      alignment: line.alignment,
      ...(line.alignment === 'bill_day' && line.billDay ? { billDay: line.billDay } : {}),
      timeZone,
    },
    month,
  );
  const within = versions.filter((v) => v.startDate < period.end && v.endDate > period.start);
  const first = within.reduce((d, v) => (v.startDate < d ? v.startDate : d), line.startDate);
  const last = within.reduce((d, v) => (v.endDate > d ? v.endDate : d), line.endDate);
  return { start: first > period.start ? first : period.start, end: last < period.end ? last : period.end };
}

/** Accepted and held (flagged) events per window, in one query. */
async function countEvents(db: Db, windows: readonly UsageWindow[]): Promise<Map<string, { accepted: number; flagged: number }>> {
  const counts = new Map<string, { accepted: number; flagged: number }>();
  if (windows.length === 0) return counts;
  const values = sql.join(
    windows.map((w) => sql`(${w.key}::text, ${w.customerId}::text, ${w.metricCode}::text, ${w.startsAt.toISOString()}::timestamptz, ${w.endsAt.toISOString()}::timestamptz)`),
  );
  const rows = await sql<{ k: string; accepted: string | number; flagged: string | number }>`
    WITH w(k, customer_id, metric_code, starts_at, ends_at) AS (VALUES ${values})
    SELECT w.k,
      count(e.id) FILTER (WHERE e.status = 'accepted') AS accepted,
      count(e.id) FILTER (WHERE e.status = 'flagged') AS flagged
    FROM w
    LEFT JOIN usage_events e
      ON e.customer_id = w.customer_id AND e.metric_code = w.metric_code
      AND e.occurred_at >= w.starts_at AND e.occurred_at < w.ends_at
    GROUP BY w.k`.execute(db);
  for (const r of rows.rows) counts.set(r.k, { accepted: Number(r.accepted), flagged: Number(r.flagged) });
  return counts;
}

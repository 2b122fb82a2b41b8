import { MoneyDecimal } from '../../money/exact-decimal.ts';
import type { RoundingMode } from '../../money/rounding.ts';
import { rateCharge } from '../rating/charge-model-factory.ts';
import type { Charge } from '../rating/charge-schema.ts';
import { billingPeriods, type BillingPeriod } from '../schedule/billing-periods.ts';
import { addDays, zonedStartOfDay, type LocalDate } from '../schedule/local-dates.ts';
import type { Aggregation } from '../usage/billable-metric-schemas.ts';
import type { UsageWindow } from './aggregate-usage.ts';
import type { BillingMonth } from './billing-month.ts';
import type { CustomerBillingInputs } from './load-billing-inputs.ts';
import { planRecurringLines, type PlannerLineVersion } from './plan-recurring-lines.ts';
import { planUsageLine } from './plan-usage-lines.ts';
import { planCommitmentTrueUp } from './plan-commitment-true-up.ts';
import { cumulativeOffsets } from '../rating/rate-period-windows.ts';

/** A line ready for tax: what the bill run will put on the invoice. */
export interface DraftLine {
  kind: string;
  contractId: string;
  contractLineId: string;
  productId: string;
  description: string;
  serviceStart: LocalDate | null;
  serviceEnd: LocalDate | null;
  quantity: string;
  unitPrice: string | null;
  amountMinor: bigint;
  /** Prepaid service recognised over time (annual in advance). */
  deferred: boolean;
}

/** One customer's draft invoice for one currency, and what billing it consumes. */
export interface DraftInvoicePlan {
  currency: string;
  contractIds: string[];
  poNumber: string | null;
  lines: DraftLine[];
  usageWindows: UsageWindow[];
  /** Usage before a migrated contract's cut-over: billed by the previous system, never here. */
  settledWindows: UsageWindow[];
  milestones: { contractId: string; lineKey: string; milestoneKey: string }[];
}

export interface MetricInfo {
  name: string;
  aggregation: Aggregation;
  property: string | null;
}

type Version = CustomerBillingInputs['versions'][number];
type Contract = CustomerBillingInputs['contracts'][number];

const later = (a: LocalDate, b: LocalDate): LocalDate => (a > b ? a : b);
const earlier = (a: LocalDate, b: LocalDate): LocalDate => (a < b ? a : b);

/**
 * A contract's periods, computed once for both passes of a bill run over the same loaded
 * row (the windows pass and the pricing pass ask for the same periods).
 */
const periodsByContract = new WeakMap<Contract, { key: string; periods: BillingPeriod[] }>();

function periodsOf(contract: Contract, timeZone: string, month: BillingMonth, billedUntil?: LocalDate): BillingPeriod[] {
  const key = `${timeZone}|${month.next}|${billedUntil ?? ''}`;
  const known = periodsByContract.get(contract);
  if (known?.key === key) return known.periods;
  const periods = computePeriodsOf(contract, timeZone, month, billedUntil);
  periodsByContract.set(contract, { key, periods });
  return periods;
}

function computePeriodsOf(contract: Contract, timeZone: string, month: BillingMonth, billedUntil?: LocalDate): BillingPeriod[] {
  return billingPeriods(
    {
      start: contract.startDate,
      // Periods follow the original grid even when a cancellation cut the term short, so a
      // period billed in advance and then cut keeps its nominal length and gets its credit.
      end: null,
      frequency: contract.billingFrequency,
      alignment: contract.alignment,
      ...(contract.alignment === 'bill_day' && contract.billDay ? { billDay: contract.billDay } : {}),
      timeZone,
    },
    month.next,
  ).filter((p) => p.start < contract.endDate || (billedUntil !== undefined && p.start < billedUntil));
}

/**
 * Recurring charges before `billedThrough` were billed by the previous system: those
 * periods are dropped and the one it falls in starts there (billed pro rata over its
 * nominal length).
 */
function feePeriods(contract: Contract, periods: BillingPeriod[]): BillingPeriod[] {
  const through = contract.billedThrough;
  if (!through) return periods;
  return periods.filter((p) => p.end > through).map((p) => (p.start < through ? { ...p, start: through } : p));
}

/**
 * Usage bills in arrears. In arrears, the previous system billed usage with the fees up to
 * `billedThrough`; in advance, its last invoice billed the fee of the period ending at
 * `billedThrough` but not that period's usage, which is still owed.
 */
function usagePeriods(contract: Contract, periods: BillingPeriod[]): BillingPeriod[] {
  const through = contract.billedThrough;
  if (!through) return periods;
  if (contract.billingTiming === 'in_advance') return periods.filter((p) => p.end >= through);
  return feePeriods(contract, periods);
}

/** The latest service end already billed for a contract's versions (a cancelled term may end before it). */
function lastBilledEnd(inputs: CustomerBillingInputs, versionIds: Set<string>): LocalDate | undefined {
  let last: LocalDate | undefined;
  for (const b of inputs.billed) if (versionIds.has(b.contractLineId) && b.serviceEnd && (!last || b.serviceEnd > last)) last = b.serviceEnd;
  return last;
}

/** Versions grouped by line (`lineKey`), each group oldest first, as loaded. */
function groupByLine(versions: readonly Version[]): Version[][] {
  const lines = new Map<string, Version[]>();
  for (const v of versions) lines.set(v.lineKey, [...(lines.get(v.lineKey) ?? []), v]);
  return [...lines.values()];
}

const toPlannerVersion = (v: Version): PlannerLineVersion => ({
  id: v.id,
  lineKey: v.lineKey,
  productId: v.productId,
  charge: v.charge as unknown as Charge,
  quantity: v.quantity,
  startDate: v.startDate,
  endDate: v.endDate,
  amendmentId: v.amendmentId,
});

/**
 * Plans every line a customer owes up to the end of the run's month, per contract
 * currency: recurring periods billed in advance (period starts by month end) or in
 * arrears (period ends by month end), usage per window in arrears (late events on earlier
 * windows included), one-time lines once, and completed milestones. Usage windows are
 * aggregated by the caller (`aggregateUsage`) and passed in as `usage`; with
 * `windowsOnly` only the usage windows are collected (the first of the two passes).
 */
export function planCustomerLines(
  inputs: CustomerBillingInputs,
  month: BillingMonth,
  metrics: Map<string, MetricInfo>,
  usage: Map<string, string>,
  roundingMode: RoundingMode,
  options: { windowsOnly?: boolean; now?: Date } = {},
): DraftInvoicePlan[] {
  const now = options.now ?? new Date();
  const billedUntil = inputs.customer.usageBilledUntil;
  const plans = new Map<string, DraftInvoicePlan>();
  const timeZone = inputs.customer.timeZone;
  const planFor = (contract: Contract): DraftInvoicePlan => {
    let plan = plans.get(contract.currency);
    if (!plan) {
      plan = { currency: contract.currency, contractIds: [], poNumber: null, lines: [], usageWindows: [], settledWindows: [], milestones: [] };
      plans.set(contract.currency, plan);
    }
    return plan;
  };

  for (const contract of inputs.contracts) {
    if (inputs.invoicedCurrencies.has(contract.currency)) continue;
    const plan = planFor(contract);
    const versions = inputs.versions.filter((v) => v.contractId === contract.id);
    const periods = periodsOf(contract, timeZone, month, lastBilledEnd(inputs, new Set(versions.map((v) => v.id))));
    const deferred = contract.billingFrequency === 'annual' && contract.billingTiming === 'in_advance';
    const push = (line: Omit<DraftLine, 'contractId' | 'deferred'> | undefined, isDeferred: boolean) => {
      if (!line) return;
      plan.lines.push({ ...line, contractId: contract.id, deferred: isDeferred });
      // The invoice names the contracts (and PO number) it actually bills.
      if (!plan.contractIds.includes(contract.id)) plan.contractIds.push(contract.id);
      plan.poNumber ??= contract.poNumber;
    };

    // A minimum commitment is not a fee: it is trued up against the period's usage below.
    const isCommitment = (v: Version) => (v.charge as { model?: unknown }).model === 'minimum_commitment';
    const commitments = versions.filter((v) => v.kind === 'recurring' && isCommitment(v));
    const recurring = versions.filter((v) => v.kind === 'recurring' && !isCommitment(v)).map(toPlannerVersion);
    const billedSegments = inputs.billed
      .filter((b) => b.serviceStart && b.serviceEnd && ['recurring', 'proration_charge', 'proration_credit'].includes(b.kind))
      .map((b) => ({ contractLineId: b.contractLineId, serviceStart: b.serviceStart!, serviceEnd: b.serviceEnd!, credit: b.kind === 'proration_credit' }));
    for (const period of feePeriods(contract, periods)) {
      const due = contract.billingTiming === 'in_advance' ? period.start < month.next : period.end <= month.next;
      if (!due || recurring.length === 0 || options.windowsOnly) continue;
      for (const line of planRecurringLines(period, recurring, billedSegments, contract.currency, roundingMode)) push(line, deferred && line.amountMinor !== 0n);
    }

    const usageSchedule = usagePeriods(contract, periods);
    const usageVersions = versions.filter((x) => x.kind === 'usage' && metrics.has(x.metricCode!));
    const billedThrough = contract.billedThrough;
    if (billedThrough) {
      const usageStart = usageSchedule[0]?.start ?? billedThrough;
      for (const v of usageVersions) {
        const metric = metrics.get(v.metricCode!)!;
        plan.settledWindows.push({ key: `${v.id}|settled`, customerId: inputs.customer.id, metricCode: v.metricCode!, aggregation: metric.aggregation, property: metric.property, startsAt: new Date(0), endsAt: zonedStartOfDay(usageStart, timeZone) });
      }
    }
    // The versions of one usage line share its billing periods: a price change splits a period
    // into windows that are rated together (allowance once, tiers filled across windows).
    for (const line of groupByLine(usageVersions)) {
      const metric = metrics.get(line[0]!.metricCode!)!;
      const additive = metric.aggregation === 'sum' || metric.aggregation === 'count';
      const late = inputs.lateUsage.get(line[0]!.metricCode!) ?? [];
      for (const period of usageSchedule) {
        if (period.end > month.next) continue;
        const windows = line.flatMap((v) => {
          const start = later(period.start, v.startDate);
          const end = earlier(period.end, v.endDate);
          if (start >= end) return [];
          const startsAt = zonedStartOfDay(start, timeZone);
          const endsAt = zonedStartOfDay(end, timeZone);
          // Usage is billed once its window has closed; an open window waits for a later run.
          if (endsAt > now) return [];
          const billedHere = inputs.billed.filter((b) => b.contractLineId === v.id && b.serviceStart === start && b.serviceEnd === end);
          const hasLateEvents = late.some((l) => l.from < endsAt && l.to >= startsAt);
          const unrated = end > month.first || billedUntil === null || endsAt > billedUntil;
          const due = (unrated || hasLateEvents) && (billedHere.length === 0 || hasLateEvents);
          const window: UsageWindow = { key: `${v.id}|${start}`, customerId: inputs.customer.id, metricCode: v.metricCode!, aggregation: metric.aggregation, property: metric.property, startsAt, endsAt };
          return [{ v, start, end, billedHere, due, window }];
        });
        if (!windows.some((w) => w.due)) continue;
        // Where one window of an additive period is due, the others decide where it starts
        // (and a late event in one moves the ones after it), so the period is rated whole.
        const rated = additive ? windows : windows.filter((w) => w.due);
        plan.usageWindows.push(...rated.map((w) => w.window));
        const quantities = rated.map((w) => usage.get(w.window.key));
        if (quantities.some((q) => q === undefined)) continue; // aggregated in the first pass
        const offsets = additive && rated.length > 1 ? cumulativeOffsets(quantities as string[]) : undefined;
        rated.forEach(({ v, start, end, billedHere }, i) => {
          push(
            planUsageLine(
              {
                contractLineId: v.id,
                productId: v.productId,
                charge: v.charge as unknown as Charge,
                metricName: metric.name,
                serviceStart: start,
                serviceEnd: end,
                quantity: quantities[i]!,
                billedQuantity: billedHere.reduce((s, b) => s.plus(b.quantity), new MoneyDecimal(0)).toFixed(),
                billedAmountMinor: billedHere.reduce((s, b) => s + b.amountMinor, 0n),
                // Late when the window's month was already billed, even if that invoice had no usage line for it.
                billedBefore: billedHere.length > 0 || [...inputs.invoicedPeriods].some((p) => p >= addDays(end, -1).slice(0, 7) && p < month.period),
                ...(offsets ? { offset: offsets[i]! } : {}),
              },
              contract.currency,
              roundingMode,
            ),
            false,
          );
        });
      }
    }

    if (!options.windowsOnly && commitments.length > 0) {
      const usageIds = new Set(versions.filter((x) => x.kind === 'usage').map((x) => x.id));
      const contractUsage = [...plan.lines.filter((l) => l.contractId === contract.id), ...inputs.billed];
      for (const line of groupByLine(commitments)) {
        const ids = new Set(line.map((x) => x.id));
        for (const period of usageSchedule) {
          // Trued up in arrears, once the period (and so its usage) has closed.
          if (period.end > month.next || zonedStartOfDay(period.end, timeZone) > now) continue;
          const within = (l: { serviceStart: string | null; serviceEnd: string | null }) => l.serviceStart !== null && l.serviceEnd !== null && l.serviceStart >= period.start && l.serviceEnd <= period.end;
          push(
            planCommitmentTrueUp({
              period,
              versions: line.map((x) => ({ id: x.id, productId: x.productId, charge: x.charge as unknown as Charge, startDate: x.startDate, endDate: x.endDate })),
              usageMinor: contractUsage.filter((l) => usageIds.has(l.contractLineId) && (l.kind === 'usage' || l.kind === 'late_usage') && within(l)).reduce((s, l) => s + l.amountMinor, 0n),
              billedTrueUpMinor: inputs.billed.filter((b) => ids.has(b.contractLineId) && b.kind === 'commitment_true_up' && b.serviceStart === period.start && b.serviceEnd === period.end).reduce((s, b) => s + b.amountMinor, 0n),
              currency: contract.currency,
              roundingMode,
            }),
            false,
          );
        }
      }
    }

    if (options.windowsOnly) continue;
    for (const v of versions.filter((x) => x.kind === 'one_time' && x.startDate < month.next && x.endDate > x.startDate && !(contract.billedThrough && x.startDate < contract.billedThrough))) {
      if (inputs.billed.some((b) => b.contractLineId === v.id)) continue;
      for (const rated of rateCharge(v.charge as unknown as Charge, { quantity: v.quantity }, { currency: contract.currency, roundingMode })) {
        push({ kind: 'one_time', contractLineId: v.id, productId: v.productId, description: rated.description, serviceStart: v.startDate, serviceEnd: v.startDate, quantity: rated.quantity, unitPrice: rated.unitPrice, amountMinor: rated.amount }, false);
      }
    }

    for (const m of inputs.milestones.filter((x) => x.contractId === contract.id && !(contract.billedThrough && x.completedOn < contract.billedThrough))) {
      const v = versions.filter((x) => x.lineKey === m.lineKey && x.kind === 'milestone').at(-1);
      if (!v) continue;
      for (const rated of rateCharge(v.charge as unknown as Charge, { quantity: '1', completedMilestones: [m.milestoneKey] }, { currency: contract.currency, roundingMode })) {
        push({ kind: 'milestone', contractLineId: v.id, productId: v.productId, description: rated.description, serviceStart: m.completedOn, serviceEnd: m.completedOn, quantity: '1', unitPrice: rated.unitPrice, amountMinor: rated.amount }, false);
      }
      plan.milestones.push({ contractId: contract.id, lineKey: m.lineKey, milestoneKey: m.milestoneKey });
    }
  }
  return [...plans.values()].filter((p) => p.lines.length > 0 || p.usageWindows.length > 0 || p.settledWindows.length > 0);
}

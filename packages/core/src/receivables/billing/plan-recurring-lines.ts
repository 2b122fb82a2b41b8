import { money } from '../../money/money.ts';
import type { RoundingMode } from '../../money/rounding.ts';
import { rateCharge } from '../rating/charge-model-factory.ts';
import type { Charge } from '../rating/charge-schema.ts';
import { daysBetween, type LocalDate } from '../schedule/local-dates.ts';
import { prorateAmount } from '../schedule/proration.ts';

/** A contract line version as the planner needs it. */
export interface PlannerLineVersion {
  id: string;
  lineKey: string;
  productId: string;
  charge: Charge;
  quantity: string;
  startDate: LocalDate;
  endDate: LocalDate;
  /** Set when the version was created by an amendment. */
  amendmentId: string | null;
}

/** What was already billed for a version: each earlier invoice line's service range and amount. */
export interface BilledSegment {
  contractLineId: string;
  serviceStart: LocalDate;
  serviceEnd: LocalDate;
  /** A credit removes its days from what was billed; anything else adds them. */
  credit: boolean;
}

export interface PlannedLine {
  kind: 'recurring' | 'proration_credit' | 'proration_charge';
  contractLineId: string;
  productId: string;
  description: string;
  serviceStart: LocalDate;
  serviceEnd: LocalDate;
  quantity: string;
  unitPrice: string | null;
  amountMinor: bigint;
}

export interface BillingPeriodRange {
  start: LocalDate;
  end: LocalDate;
  /** Nominal length of the period (the proration denominator). */
  fullDays: number;
}

const later = (a: LocalDate, b: LocalDate): LocalDate => (a > b ? a : b);
const earlier = (a: LocalDate, b: LocalDate): LocalDate => (a < b ? a : b);

/** The full-period price of a version: its charge rated at its quantity, lines summed (each rounded once). */
export function fullPeriodAmount(version: PlannerLineVersion, currency: string, roundingMode: RoundingMode): { amount: bigint; unitPrice: string | null; name: string } {
  const lines = rateCharge(version.charge, { quantity: version.quantity }, { currency, roundingMode });
  const amount = lines.reduce((sum, l) => sum + l.amount, 0n);
  return { amount, unitPrice: lines.length === 1 ? lines[0]!.unitPrice : null, name: lines[0]?.description ?? version.charge.name ?? version.lineKey };
}

/**
 * Recurring lines still owed for one billing period: for every line version, the days it
 * is in force within the period against the days already billed for it. A version billed
 * for the whole period that an amendment later cut short gets a credit for the unused
 * days; its successor gets a charge for its days. Each line is rounded once (the
 * documented ±1 rule: the net of two rounded lines may differ by one minor unit from
 * rounding the net). A version in force for the whole nominal period is billed its exact
 * rated price; anything shorter is prorated by day over the nominal period length.
 */
export function planRecurringLines(
  period: BillingPeriodRange,
  versions: readonly PlannerLineVersion[],
  billed: readonly BilledSegment[],
  currency: string,
  roundingMode: RoundingMode,
): PlannedLine[] {
  const planned: PlannedLine[] = [];
  for (const v of versions) {
    const from = later(v.startDate, period.start);
    const to = earlier(v.endDate, period.end);
    const targetDays = Math.max(0, daysBetween(from, to));
    const segments = billed.filter((s) => s.contractLineId === v.id && s.serviceStart < period.end && s.serviceEnd > period.start);
    const billedDays = segments.reduce((sum, s) => sum + (s.credit ? -1 : 1) * daysBetween(later(s.serviceStart, period.start), earlier(s.serviceEnd, period.end)), 0);
    const diff = targetDays - billedDays;
    if (diff === 0) continue;
    const full = fullPeriodAmount(v, currency, roundingMode);
    const wholePeriod = targetDays === period.fullDays && billedDays === 0;
    const prorated = (days: number): bigint =>
      wholePeriod ? full.amount : prorateAmount(money(full.amount, currency), { numerator: BigInt(days), denominator: BigInt(period.fullDays) }, roundingMode).amount;
    if (diff > 0) {
      const isAmendment = v.amendmentId !== null && v.startDate > period.start;
      const partial = !wholePeriod;
      planned.push({
        kind: isAmendment || billedDays > 0 ? 'proration_charge' : 'recurring',
        contractLineId: v.id,
        productId: v.productId,
        description: partial ? `${full.name} (${diff} of ${period.fullDays} days)` : full.name,
        serviceStart: billedDays > 0 ? earlier(to, period.end) : from,
        serviceEnd: to,
        quantity: v.quantity,
        unitPrice: partial ? null : full.unitPrice,
        amountMinor: prorated(diff),
      });
    } else {
      const unused = -diff;
      planned.push({
        kind: 'proration_credit',
        contractLineId: v.id,
        productId: v.productId,
        description: `Credit: ${full.name}, unused ${unused} of ${period.fullDays} days`,
        serviceStart: to,
        serviceEnd: earlier(period.end, segments.reduce((end, s) => (s.serviceEnd > end ? s.serviceEnd : end), to)),
        quantity: v.quantity,
        unitPrice: null,
        amountMinor: -prorated(unused),
      });
    }
  }
  return planned;
}

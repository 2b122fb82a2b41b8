import { AppError } from '../../errors/app-error.ts';
import { assertRoundingMode, assertSameCurrency, divideAndRound, money, negateMoney, sumMoney, type Money, type RoundingMode } from '../../money/index.ts';
import { addDays, assertLocalDate, daysBetween, type LocalDate } from './local-dates.ts';

/**
 * Proration by DAY in the customer's time zone: all dates here are local dates (turn an
 * amendment's instant into one with `localDateOf(instant, customer.timeZone)`).
 */

/** Exact fraction of a full period: `numerator` days out of `denominator` days. No floats. */
export interface ProrationFactor {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

/**
 * A period to prorate within: local dates `[start, end)`. `fullDays` (from `BillingPeriod`)
 * is the nominal full period's length and is the denominator, so a 17-day stub of a 31-day
 * month is billed 17/31 of the monthly price.
 */
export interface ProratablePeriod {
  readonly start: LocalDate;
  readonly end: LocalDate;
  readonly fullDays?: number;
}

function periodDays(period: ProratablePeriod): { days: number; fullDays: number } {
  assertLocalDate(period.start, '/period/start');
  assertLocalDate(period.end, '/period/end');
  const days = daysBetween(period.start, period.end);
  if (days <= 0) throw AppError.invalid('/period/end', 'must be after the period start (end is exclusive)');
  const fullDays = period.fullDays ?? days;
  if (!Number.isSafeInteger(fullDays) || fullDays < days) {
    throw AppError.invalid('/period/fullDays', `must be a whole number of at least the period's ${days} days`);
  }
  return { days, fullDays };
}

/**
 * The share of `period` covered by local dates `[from, to)`:
 * `daysBetween(from, to) / fullDays`, unreduced (15/30 stays 15/30 so it reads as days).
 * Throws `AppError` unless `period.start ≤ from ≤ to ≤ period.end`.
 */
export function prorationFactor(period: ProratablePeriod, from: LocalDate, to: LocalDate): ProrationFactor {
  const { fullDays } = periodDays(period);
  assertLocalDate(from, '/from');
  assertLocalDate(to, '/to');
  if (from < period.start || from > period.end) throw AppError.invalid('/from', `must lie within the period ${period.start} to ${period.end}`);
  if (to < from || to > period.end) throw AppError.invalid('/to', `must lie between ${from} and the period end ${period.end}`);
  return { numerator: BigInt(daysBetween(from, to)), denominator: BigInt(fullDays) };
}

/** `fullAmount × factor`, rounded ONCE to minor units with `mode`. */
export function prorateAmount(fullAmount: Money, factor: ProrationFactor, mode: RoundingMode): Money {
  assertRoundingMode(mode);
  if (factor.denominator <= 0n || factor.numerator < 0n) {
    throw AppError.invalid('/factor', 'numerator must be ≥ 0 and denominator > 0');
  }
  return money(divideAndRound(fullAmount.amount * factor.numerator, factor.denominator, mode), fullAmount.currency);
}

/** A recurring line at its full-period price, before or after an amendment. */
export interface ProrationLineInput {
  readonly description: string;
  /** What a whole period costs at this price (already rated, in minor units). */
  readonly amount: Money;
}

export interface ProrationLine {
  readonly kind: 'proration_credit' | 'proration_charge';
  readonly description: string;
  /** Negative for credits; each rounded once. */
  readonly amount: Money;
  readonly fullAmount: Money;
  /** Local dates `[from, to)` the line covers. */
  readonly from: LocalDate;
  readonly to: LocalDate;
  readonly factor: ProrationFactor;
}

export interface AmendmentProrationInput {
  readonly period: ProratablePeriod;
  /** First local day at the new terms; must fall in `[period.start, period.end)`. */
  readonly effectiveDate: LocalDate;
  /** Lines as billed for the period before this amendment (after any earlier amendment). */
  readonly oldLines: readonly ProrationLineInput[];
  /** Lines at the new terms. */
  readonly newLines: readonly ProrationLineInput[];
  readonly roundingMode: RoundingMode;
}

export interface AmendmentProration {
  /** Credits for the old lines first, then charges for the new ones. */
  readonly lines: readonly ProrationLine[];
  /** Sum of `lines` — what the invoice bills for this amendment. */
  readonly total: Money;
}

/**
 * A mid-period amendment (upgrade, downgrade, quantity or price change, added or removed
 * line): a credit line for the unused part of each old line and a charge line for each new
 * line over the days left, `[effectiveDate, period.end)`.
 *
 * Rounding — what we bill: each line is rounded ONCE on its own and the amendment totals the
 * sum of those rounded lines. Rounding the net difference instead (`round((new − old) ×
 * factor)`) can differ by ±1 minor unit per pair, e.g. 99.99 → 150.00 EUR with 15 of 30 days
 * left (`half_up`): credit −50.00 (−49.995), charge +75.00, billed +25.00, while the rounded
 * net would be +25.01. We bill 25.00 because the invoice shows both lines and its total must
 * equal the sum of its lines. A credit is the exact negation of what those days would have
 * been charged (round the magnitude, then negate), so it mirrors the original charge.
 *
 * Chaining: a second amendment in the same period passes the first amendment's `newLines` as
 * its `oldLines`, so its credit is for the price set by the first upgrade over the days left.
 */
export function amendmentProration(input: AmendmentProrationInput): AmendmentProration {
  assertRoundingMode(input.roundingMode);
  assertLocalDate(input.effectiveDate, '/effectiveDate');
  const { period, effectiveDate } = input;
  periodDays(period);
  if (effectiveDate < period.start || effectiveDate >= period.end) {
    throw AppError.invalid('/effectiveDate', `must fall within the period ${period.start} to ${addDays(period.end, -1)}`);
  }
  const first = input.oldLines[0] ?? input.newLines[0];
  if (first === undefined) throw AppError.invalid('/newLines', 'an amendment needs at least one old or new line');
  const currency = first.amount.currency;
  const check = (lines: readonly ProrationLineInput[], name: string) =>
    lines.forEach((line, i) => assertSameCurrency(first.amount, line.amount, `/${name}/${i}/amount/currency`));
  check(input.oldLines, 'oldLines');
  check(input.newLines, 'newLines');

  const factor = prorationFactor(period, effectiveDate, period.end);
  const lastDay = addDays(period.end, -1);
  const span = effectiveDate === lastDay ? effectiveDate : `${effectiveDate} to ${lastDay}`;
  const line = (kind: ProrationLine['kind'], source: ProrationLineInput, description: string): ProrationLine => {
    const prorated = prorateAmount(source.amount, factor, input.roundingMode);
    return {
      kind,
      description,
      amount: kind === 'proration_credit' ? negateMoney(prorated) : prorated,
      fullAmount: source.amount,
      from: effectiveDate,
      to: period.end,
      factor,
    };
  };
  const lines = [
    ...input.oldLines.map((l) => line('proration_credit', l, `Unused time on ${l.description} (${span})`)),
    ...input.newLines.map((l) => line('proration_charge', l, `Remaining time on ${l.description} (${span})`)),
  ];
  return { lines, total: sumMoney(lines.map((l) => l.amount), currency) };
}

import { z } from 'zod';
import { AppError } from '../../errors/app-error.ts';
import { timeZone } from '../../shared/schemas.ts';
import { parseOrThrow } from '../rating/parse-or-throw.ts';
import { assertLocalDate, dateParts, daysBetween, localDateSchema, minDate, shiftMonth, zonedStartOfDay, type LocalDate } from './local-dates.ts';

export type BillingFrequency = 'monthly' | 'quarterly' | 'annual';
export type BillingAlignment = 'calendar' | 'anniversary' | 'bill_day';

const MONTHS_PER_PERIOD: Record<BillingFrequency, number> = { monthly: 1, quarterly: 3, annual: 12 };
/** Guards against a runaway `through` (100 years of monthly periods is 1,200). */
const MAX_PERIODS = 5_000;

/**
 * How a subscription is cut into periods. All dates are local dates in `timeZone` and every
 * `end` is exclusive: a one-year term from 2026-01-01 has `end: '2027-01-01'`.
 */
export const billingScheduleSchema = z
  .strictObject({
    start: localDateSchema,
    /** First day no longer billed (exclusive); null/absent = open-ended. */
    end: localDateSchema.nullish(),
    frequency: z.enum(['monthly', 'quarterly', 'annual']),
    alignment: z.enum(['calendar', 'anniversary', 'bill_day']),
    /** Day of month periods start on (bill_day only); 29–31 clamp to short months' last day. */
    billDay: z.number().int('must be a whole number').min(1).max(31).optional(),
    timeZone,
  })
  .superRefine((s, ctx) => {
    if (s.alignment === 'bill_day' && s.billDay === undefined) {
      ctx.addIssue({ code: 'custom', path: ['billDay'], message: 'is required when alignment is bill_day' });
    }
    if (s.alignment !== 'bill_day' && s.billDay !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['billDay'], message: 'is only used with alignment bill_day' });
    }
    if (s.end !== undefined && s.end !== null && s.end <= s.start) ctx.addIssue({ code: 'custom', path: ['end'], message: 'must be after start (end is exclusive)' });
  });

export type BillingSchedule = z.input<typeof billingScheduleSchema>;
type ParsedSchedule = z.output<typeof billingScheduleSchema>;

/** One billing period: local dates `[start, end)` plus the UTC instants of their midnights. */
export interface BillingPeriod {
  /** 0 for the first period. */
  readonly index: number;
  readonly start: LocalDate;
  /** Exclusive: the next period's start. */
  readonly end: LocalDate;
  /** Local midnight of `start` in the schedule's zone, as a UTC instant. */
  readonly startsAt: Date;
  /** Local midnight of `end`; equals the next period's `startsAt`. */
  readonly endsAt: Date;
  /** Days in `[start, end)`. */
  readonly days: number;
  /** Days of the nominal full period this one belongs to (the proration denominator). */
  readonly fullDays: number;
  /** True for a first stub or a last period cut short by `end`. */
  readonly partial: boolean;
}

/**
 * The grid of nominal boundaries: boundary k is day `day` (clamped) of the month `k × step`
 * months after `anchorYear/anchorMonth`. Computed from the anchor every time, never chained,
 * so a 31st anchor gives Jan 31, Feb 28, Mar 31 (not Mar 28).
 */
interface Grid {
  readonly anchorYear: number;
  readonly anchorMonth: number;
  readonly day: number;
  readonly step: number;
}

function boundary(grid: Grid, k: number): LocalDate {
  return shiftMonth(grid.anchorYear, grid.anchorMonth, k * grid.step, grid.day);
}

/** A grid whose boundary 0 is on or before `start` and boundary 1 after it. */
function gridFor(schedule: ParsedSchedule): Grid {
  const step = MONTHS_PER_PERIOD[schedule.frequency];
  const { year, month, day } = dateParts(schedule.start);
  switch (schedule.alignment) {
    case 'anniversary':
      return { anchorYear: year, anchorMonth: month, day, step };
    case 'calendar':
      // Calendar quarters start in January, April, July, October; years on January 1.
      return { anchorYear: year, anchorMonth: Math.floor((month - 1) / step) * step + 1, day: 1, step };
    case 'bill_day': {
      // The first boundary is the first bill day on or after start; the stub before it is
      // measured against the full period that ends there.
      const billDay = schedule.billDay!;
      const thisMonth = shiftMonth(year, month, 0, billDay);
      const first = thisMonth >= schedule.start ? thisMonth : shiftMonth(year, month, 1, billDay);
      const f = dateParts(first);
      if (first === schedule.start) return { anchorYear: f.year, anchorMonth: f.month, day: billDay, step };
      const anchor = dateParts(shiftMonth(f.year, f.month, -step, billDay));
      return { anchorYear: anchor.year, anchorMonth: anchor.month, day: billDay, step };
    }
  }
}

/** Period number k (1-based): `[max(start, boundary k−1), min(boundary k, end))`. */
function periodAt(schedule: ParsedSchedule, grid: Grid, k: number): BillingPeriod {
  const start = k === 1 ? schedule.start : boundary(grid, k - 1);
  const nominalEnd = boundary(grid, k);
  const end = schedule.end === undefined || schedule.end === null ? nominalEnd : minDate(nominalEnd, schedule.end);
  const days = daysBetween(start, end);
  const fullDays = daysBetween(boundary(grid, k - 1), nominalEnd);
  return {
    index: k - 1,
    start,
    end,
    startsAt: zonedStartOfDay(start, schedule.timeZone),
    endsAt: zonedStartOfDay(end, schedule.timeZone),
    days,
    fullDays,
    partial: days < fullDays,
  };
}

/**
 * The billing periods of `schedule` that begin before `through` (exclusive), in order.
 *
 * - `anniversary`: periods of 1/3/12 months from `start` (end-of-month clamped); no stub.
 * - `calendar`: boundaries on the 1st of each month / calendar quarter / January 1; a start
 *   between boundaries gives a first stub period.
 * - `bill_day`: boundaries on `billDay` (29–31 clamp to the last day of shorter months, so 31
 *   means "the last day of each month"); the first boundary is the first bill day on or after
 *   `start`, further boundaries every 1/3/12 months from it; a stub before it if needed.
 * - A period cut short by `end` is also `partial`; `fullDays` is always the nominal period's
 *   length, so prorating a stub is `days / fullDays` of the full price.
 *
 * Consecutive periods share their boundary (`end` = next `start`, `endsAt` = next
 * `startsAt`), so together they cover `[start, last end)` with no gap or overlap; the last
 * period returned contains `through − 1 day` unless the schedule ended before.
 */
export function billingPeriods(schedule: BillingSchedule, through: LocalDate): BillingPeriod[] {
  // Every customer on the same schedule (start, grid, zone) has the same periods, and a bill
  // run asks twice per contract: computed once. Only valid schedules are kept, so a hit needs
  // no validation; callers get their own array of the shared (frozen) periods.
  for (const name in schedule) if (!SCHEDULE_KEYS.has(name)) return computeBillingPeriods(schedule, through); // refused there
  const key = `${schedule.start}|${schedule.end}|${schedule.frequency}|${schedule.alignment}|${schedule.billDay}|${schedule.timeZone}|${through}`;
  const known = knownPeriods.get(key);
  if (known !== undefined) return known.slice();
  const periods = computeBillingPeriods(schedule, through);
  for (const period of periods) Object.freeze(period);
  if (knownPeriods.size >= MAX_KNOWN_PERIODS) knownPeriods.clear();
  knownPeriods.set(key, periods);
  return periods.slice();
}

const SCHEDULE_KEYS = new Set(Object.keys(billingScheduleSchema.shape));
const MAX_KNOWN_PERIODS = 20_000;
const knownPeriods = new Map<string, BillingPeriod[]>();

function computeBillingPeriods(schedule: BillingSchedule, through: LocalDate): BillingPeriod[] {
  const parsed = parseOrThrow(billingScheduleSchema, schedule);
  assertLocalDate(through, '/through');
  const grid = gridFor(parsed);
  const stop = parsed.end === undefined || parsed.end === null ? through : minDate(through, parsed.end);
  const from = dateParts(parsed.start);
  const to = dateParts(stop);
  if ((to.year - from.year) * 12 + (to.month - from.month) > MAX_PERIODS * grid.step) {
    throw AppError.invalid('/through', `spans more than ${MAX_PERIODS} billing periods`);
  }
  const periods: BillingPeriod[] = [];
  for (let k = 1; periods.length === 0 ? parsed.start < stop : periods.at(-1)!.end < stop; k++) {
    periods.push(periodAt(parsed, grid, k));
  }
  return periods;
}

/**
 * The period of `schedule` that contains local date `date`, or undefined before the start
 * or on/after the end. Computed directly (no walk from the start), so it costs the same for
 * a ten-year-old subscription. Turn an instant into the customer's local date with
 * `localDateOf`.
 */
export function periodContaining(schedule: BillingSchedule, date: LocalDate): BillingPeriod | undefined {
  const parsed = parseOrThrow(billingScheduleSchema, schedule);
  assertLocalDate(date, '/date');
  if (date < parsed.start || (parsed.end !== undefined && parsed.end !== null && date >= parsed.end)) return undefined;
  const grid = gridFor(parsed);
  const target = dateParts(date);
  const monthsFromAnchor = (target.year - grid.anchorYear) * 12 + (target.month - grid.anchorMonth);
  // First guess from whole months, then step over clamped month ends; boundary 0 ≤ start ≤ date.
  let k = Math.max(1, Math.floor(monthsFromAnchor / grid.step) + 1);
  while (k > 1 && boundary(grid, k - 1) > date) k -= 1;
  while (boundary(grid, k) <= date) k += 1;
  return periodAt(parsed, grid, k);
}

import { z } from 'zod';
import { AppError } from '../../errors/app-error.ts';
import { isTimeZone } from '../../reference-data/time-zones.ts';

/**
 * Calendar dates without a time zone ('YYYY-MM-DD', years 0001–9999) and the two bridges
 * to instants: {@link zonedStartOfDay} and {@link localDateOf}. Billing periods are local
 * dates in the customer's zone; only their boundaries become UTC instants.
 *
 * Date arithmetic uses day numbers (days since 1970-01-01, Hinnant's civil algorithms) on
 * integers, so it is exact and independent of the host's time zone.
 */
export type LocalDate = string;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Days in `month` (1–12) of `year`, leap years included. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True for a real calendar date written 'YYYY-MM-DD' (so '2026-02-29' is false). */
export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string') return false;
  const match = LOCAL_DATE.exec(value);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Throws `AppError` (`validation_failed`) at `path` unless `value` is a local date. */
export function assertLocalDate(value: unknown, path: string): asserts value is LocalDate {
  if (!isLocalDate(value)) throw AppError.invalid(path, `must be a calendar date written YYYY-MM-DD, got ${JSON.stringify(value)}`);
}

/** Zod schema for a local date. */
export const localDateSchema = z.custom<LocalDate>(isLocalDate, 'must be a calendar date written YYYY-MM-DD');

/** Year, month (1–12) and day of a valid local date. */
export function dateParts(date: LocalDate): { year: number; month: number; day: number } {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/** Builds a local date, clamping `day` to the month's length (day 31 in April → April 30). */
export function clampedDate(year: number, month: number, day: number): LocalDate {
  const clamped = Math.min(day, daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(clamped).padStart(2, '0')}`;
}

/** Days since 1970-01-01 (negative before). */
export function toDayNumber(date: LocalDate): number {
  const { year, month, day } = dateParts(date);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Inverse of {@link toDayNumber}. */
export function fromDayNumber(dayNumber: number): LocalDate {
  const z0 = dayNumber + 719_468;
  const era = Math.floor(z0 / 146_097);
  const dayOfEra = z0 - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return clampedDate(year, month, day);
}

/** `date` plus `days` (may be negative). */
export function addDays(date: LocalDate, days: number): LocalDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/**
 * `date` plus `months`, clamped to the end of the target month: Jan 31 + 1 month = Feb 28
 * (Feb 29 in a leap year); Feb 29 + 12 months = Feb 28. Always compute from the original
 * anchor (`addMonths(start, k)`), never by chaining, or Jan 31 → Feb 28 → Mar 28 drifts.
 */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const { year, month, day } = dateParts(date);
  return shiftMonth(year, month, months, day);
}

/** Day `day` (clamped) of the month `months` after year/month. */
export function shiftMonth(year: number, month: number, months: number, day: number): LocalDate {
  const index = year * 12 + (month - 1) + months;
  return clampedDate(Math.floor(index / 12), (index % 12) + 1, day);
}

/** Days from `from` to `to` (negative when `to` is earlier); `to` is exclusive. */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** The earlier of two dates (string order equals date order for 'YYYY-MM-DD'). */
export function minDate(a: LocalDate, b: LocalDate): LocalDate {
  return a <= b ? a : b;
}

// --- Instants in a time zone -------------------------------------------------------------

const MAX_FORMATTERS = 1_000;
const formatters = new Map<string, Intl.DateTimeFormat>();
// Period boundaries repeat across customers (every calendar-aligned customer in a zone shares
// them), and each costs a few Intl calls; bounded because zones can come from user input.
const MAX_DAY_STARTS = 50_000;
const dayStarts = new Map<string, number>();
/** The last 24-hour day {@link localDateOf} found per zone: consecutive instants are mostly on it. */
const lastDays = new Map<string, { start: number; end: number; date: LocalDate }>();

function assertTimeZone(timeZone: string): void {
  if (typeof timeZone !== 'string' || !isTimeZone(timeZone)) {
    throw AppError.invalid('/timeZone', `${JSON.stringify(timeZone)} is not an IANA time zone such as Europe/Berlin`);
  }
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    // h23: some ICU versions print midnight as "24" with hour12: false.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    if (formatters.size >= MAX_FORMATTERS) formatters.clear();
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Wall-clock fields of instant `ms` in `timeZone`. */
function wallClock(ms: number, timeZone: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number> {
  const fields = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatterFor(timeZone).formatToParts(ms)) {
    if (part.type in fields) fields[part.type as keyof typeof fields] = Number(part.value);
  }
  return fields;
}

function localDateAt(ms: number, timeZone: string): LocalDate {
  const { year, month, day } = wallClock(ms, timeZone);
  return clampedDate(year, month, day);
}

/** UTC offset in ms at instant `ms` (wall clock minus UTC, whole seconds). */
function offsetAt(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  const wallMs = toDayNumber(clampedDate(w.year, w.month, w.day)) * MS_PER_DAY + ((w.hour * 60 + w.minute) * 60 + w.second) * 1000;
  return wallMs - Math.floor(ms / 1000) * 1000;
}

/**
 * The calendar date of `instant` in `timeZone`, e.g. 2026-03-01T07:30:00Z in
 * America/Los_Angeles → '2026-02-28'.
 */
export function localDateOf(instant: Date, timeZone: string): LocalDate {
  assertTimeZone(timeZone);
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) throw AppError.invalid('/instant', 'must be a valid Date');
  const ms = instant.getTime();
  const last = lastDays.get(timeZone);
  if (last !== undefined && ms >= last.start && ms < last.end) return last.date;
  // Fast path from the cached day boundaries: the local date is within a day of the UTC
  // date, and on a day of exactly 24 hours every instant between its first instant and the
  // next day's is on it. Days with a clock change (or skipped) ask Intl.
  const utcDay = Math.floor(ms / MS_PER_DAY);
  for (const day of [utcDay, utcDay - 1, utcDay + 1]) {
    const date = fromDayNumber(day);
    const start = startOfDayMs(date, timeZone);
    if (ms < start) continue;
    const end = startOfDayMs(fromDayNumber(day + 1), timeZone);
    if (ms >= end) continue;
    if (end - start !== MS_PER_DAY) return localDateAt(ms, timeZone);
    if (lastDays.size >= MAX_FORMATTERS) lastDays.clear();
    lastDays.set(timeZone, { start, end, date });
    return date;
  }
  return localDateAt(ms, timeZone);
}

/**
 * The UTC instant at which `date` begins in `timeZone`: local midnight, or — on a day whose
 * midnight is skipped by a DST change (America/Havana, America/Santiago, historic
 * America/Sao_Paulo) — the first instant that exists, e.g. 01:00 local. When midnight
 * happens twice (a fall-back from 01:00 to 00:00), the first occurrence.
 *
 * Computed with Intl only: guess from the offset, verify that the instant before is still
 * the previous day, and fall back to a binary search over seconds when a transition is in
 * the way. Periods built from these instants share boundaries exactly, so no instant is
 * billed twice or skipped across DST changes.
 */
export function zonedStartOfDay(date: LocalDate, timeZone: string): Date {
  return new Date(startOfDayMs(date, timeZone, true));
}

/** {@link zonedStartOfDay} in epoch ms, cached; `check` validates what is not cached yet. */
function startOfDayMs(date: LocalDate, timeZone: string, check = false): number {
  const key = `${timeZone}|${date}`;
  let ms = dayStarts.get(key);
  if (ms === undefined) {
    if (check) {
      assertLocalDate(date, '/date');
      assertTimeZone(timeZone);
    }
    ms = computeStartOfDay(date, timeZone);
    if (dayStarts.size >= MAX_DAY_STARTS) dayStarts.clear();
    dayStarts.set(key, ms);
  }
  return ms;
}

function computeStartOfDay(date: LocalDate, timeZone: string): number {
  const wall = toDayNumber(date) * MS_PER_DAY;
  const isFirstInstant = (ms: number) => localDateAt(ms, timeZone) === date && localDateAt(ms - 1, timeZone) < date;

  // Fast path: two offset look-ups settle every ordinary day.
  const guess = wall - offsetAt(wall, timeZone);
  const corrected = wall - offsetAt(guess, timeZone);
  for (const candidate of [corrected, guess]) {
    if (isFirstInstant(candidate)) return candidate;
  }

  // Slow path: the smallest whole second whose local date is `date` or later. ±26 h covers
  // every offset ever used (historic local mean times included).
  let low = Math.floor((wall - 26 * 3_600_000) / 1000); // local date before `date`
  let high = Math.ceil((wall + 26 * 3_600_000) / 1000); // local date on or after `date`
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (localDateAt(mid * 1000, timeZone) >= date) high = mid;
    else low = mid;
  }
  return high * 1000;
}

/**
 * Calendar dates for the document. Invoice dates are calendar days (`YYYY-MM-DD`), not
 * instants: they are parsed and formatted in UTC on both sides so no time zone of the
 * server can move a due date by a day. Without a locale they print as ISO 8601, which
 * every reader understands and no locale misreads (03/04 is March or April).
 */

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;
const YM = /^(\d{4})-(\d{2})$/;

const FORMATTERS = new Map<string, Intl.DateTimeFormat>();

function dateFormatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let found = FORMATTERS.get(key);
  if (found === undefined) {
    found = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
    if (FORMATTERS.size >= 256) FORMATTERS.clear();
    FORMATTERS.set(key, found);
  }
  return found;
}

/** Midnight UTC of a `YYYY-MM-DD` day, or undefined when `ymd` is not a real date. */
function utcDay(ymd: string): Date | undefined {
  const match = YMD.exec(ymd);
  if (match === null) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  // Rejects 2026-02-30, which Date.UTC would roll over into March.
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : undefined;
}

/** The day `days` after `ymd` (negative for before), as `YYYY-MM-DD`; `ymd` itself if invalid. */
export function addDays(ymd: string, days: number): string {
  const date = utcDay(ymd);
  if (date === undefined) return ymd;
  return new Date(date.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A calendar day for people: ISO `2026-10-31` without a locale, else the locale's medium
 * style (`31 Oct 2026` en-GB, `31.10.2026` de-DE). Text that is not a date is shown
 * as given rather than hidden: a document must not drop what it was handed.
 */
export function formatDate(ymd: string, locale?: string): string {
  const date = utcDay(ymd);
  if (date === undefined || locale === undefined) return ymd;
  return dateFormatter(locale, { dateStyle: 'medium' }).format(date);
}

/** A billing month `YYYY-MM`: as is without a locale, else `October 2026` / `Oktober 2026`. */
export function formatBillingMonth(period: string, locale?: string): string {
  const match = YM.exec(period);
  if (match === null || locale === undefined) return period;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
  return dateFormatter(locale, { year: 'numeric', month: 'long' }).format(date);
}

/** A period whose `end` is exclusive, as stored on invoice lines. */
export interface ExclusivePeriod {
  start: string;
  end: string;
}

/**
 * A service period for people, with the *inclusive* last day: stored periods end
 * exclusively (`2026-10-01`–`2026-11-01`), but a customer reads "1–31 October", and
 * printing 1 November would look like a day billed twice.
 */
export function formatPeriod(period: ExclusivePeriod, locale?: string): string {
  const lastDay = addDays(period.end, -1);
  const start = formatDate(period.start, locale);
  if (lastDay <= period.start) return start;
  return `${start} – ${formatDate(lastDay, locale)}`;
}

/** The span from the earliest start to the latest end of `periods` (EN 16931 BG-14), if any. */
export function spanOfPeriods(periods: readonly (ExclusivePeriod | null)[]): ExclusivePeriod | null {
  const present = periods.filter((p): p is ExclusivePeriod => p !== null);
  if (present.length === 0) return null;
  // ISO dates sort as text.
  const start = present.map((p) => p.start).reduce((a, b) => (b < a ? b : a));
  const end = present.map((p) => p.end).reduce((a, b) => (b > a ? b : a));
  return { start, end };
}

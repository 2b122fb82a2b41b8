/** Groups the integer digits of an exact decimal string: "1234567.50" → "1,234,567.50". Never goes through a float. */
export function groupDigits(amount: string): string {
  const negative = amount.startsWith('-');
  const [whole = '0', fraction] = (negative ? amount.slice(1) : amount).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '−' : ''}${grouped}${fraction !== undefined ? `.${fraction}` : ''}`;
}

/** "EUR 1,234.50" from a decimal string in major units. */
export function money(amount: string, currency: string): string {
  return `${currency} ${groupDigits(amount)}`;
}

/** A rate ("0.9512", a fraction) as "95.1 %", or "—" when there was nothing to measure. */
export function percent(rate: string | null | undefined): string {
  if (rate === null || rate === undefined) return '—';
  return `${(Number(rate) * 100).toFixed(1)} %`;
}

/** 2026-11-26T19:46:39Z → "26 Nov 2026, 19:46" in the browser's time zone. */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** A calendar date (2026-11-26) as "26 Nov 2026", without time-zone shifts. */
export function date(isoDate: string | null | undefined): string {
  if (!isoDate) return '—';
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!)).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** Whole seconds as "3 h 20 min", "45 s". */
export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.round(hours / 24)} days`;
}

/** "in 5 h" / "3 h ago" relative to now. */
export function relative(iso: string, now: number = Date.now()): string {
  const minutes = Math.round((new Date(iso).getTime() - now) / 60_000);
  const size = Math.abs(minutes);
  const text = size < 60 ? `${size} min` : size < 48 * 60 ? `${Math.round(size / 60)} h` : `${Math.round(size / 1440)} days`;
  return minutes >= 0 ? `in ${text}` : `${text} ago`;
}

/** snake_case and dotted codes in words: "pending_approval" → "pending approval". */
export function words(code: string): string {
  return code.replace(/[_.]/g, ' ');
}

/** Today (UTC) as YYYY-MM-DD, shifted by `days`. */
export function isoDay(days = 0, from: Date = new Date()): string {
  return new Date(from.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

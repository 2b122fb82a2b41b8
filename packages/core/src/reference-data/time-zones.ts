/**
 * Time zone validation for master data (e.g. a legal entity's booking time zone).
 */

// Bounded because the input is often user-supplied: an unbounded Map keyed by arbitrary
// strings would be a slow memory leak. 1,000 comfortably holds every IANA name in use.
const MAX_CACHE_ENTRIES = 1_000;
const cache = new Map<string, boolean>();

/**
 * True when `name` is an IANA time zone name the runtime's Intl knows, such as
 * `'Europe/Berlin'`, `'America/New_York'`, `'UTC'` or `'Etc/GMT+5'`.
 *
 * Intl is the source of truth because it is what later formats dates in that zone: a
 * name it accepts is a name that works. Like Intl, matching is case-insensitive.
 * Offset strings (`'+01:00'`) are rejected even on runtimes whose Intl accepts them,
 * because an offset ignores daylight saving and is not a time zone.
 * Results are cached: constructing a DateTimeFormat costs ~30–80 µs, which adds up
 * when validating an import of thousands of rows.
 */
export function isTimeZone(name: string): boolean {
  const cached = cache.get(name);
  if (cached !== undefined) return cached;
  const result = checkTimeZone(name);
  if (cache.size >= MAX_CACHE_ENTRIES) cache.clear();
  cache.set(name, result);
  return result;
}

function checkTimeZone(name: string): boolean {
  // Newer V8 builds accept offset identifiers; reject them so results do not depend on the runtime.
  if (name.startsWith('+') || name.startsWith('-')) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch (error) {
    // Only RangeError means "unknown zone"; anything else is a real bug worth surfacing.
    if (error instanceof RangeError) return false;
    throw error;
  }
}

import { ID_PREFIX } from '../shared/ids.ts';
import { demoId } from './demo-id.ts';
import { DemoRandom } from './prng.ts';

/** One FX rate as the seed writes it: units of `quoteCurrency` per one `baseCurrency`. */
export interface DemoFxRate {
  id: string;
  baseCurrency: string;
  quoteCurrency: string;
  rate: string;
  effectiveDate: string;
  source: string;
}

/**
 * The fixed window of demo rates. Fixed rather than "the last six months" so that a seed
 * reproduces the same rows on any day; the window is exported for the CLI to mention.
 */
export const DEMO_FX_WINDOW = { from: '2026-05-01', to: '2026-10-30' } as const;

// Starting points near recent market levels (quote per one USD).
const USD_START: Readonly<Record<string, number>> = { EUR: 0.862, GBP: 0.75, SGD: 1.29, AUD: 1.53, CAD: 1.38 };

// TARGET2 closing days with a fixed date; the ECB publishes no reference rate on them.
// (Good Friday and Easter Monday fall outside the window.)
const FIXED_HOLIDAYS = new Set(['01-01', '05-01', '12-25', '12-26']);

/** Business days (Mon–Fri, no fixed TARGET holidays) from `from` to `to`, both included. */
function businessDays(from: string, to: string): string[] {
  const days: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end; t += 86_400_000) {
    const date = new Date(t);
    const weekday = date.getUTCDay();
    const iso = date.toISOString().slice(0, 10);
    if (weekday !== 0 && weekday !== 6 && !FIXED_HOLIDAYS.has(iso.slice(5))) days.push(iso);
  }
  return days;
}

/**
 * Daily reference rates (source `ecb`) for USD/EUR, USD/GBP, USD/SGD, USD/AUD, USD/CAD and the
 * cross EUR/GBP over {@link DEMO_FX_WINDOW}: a small mean-reverting random walk per USD
 * pair (about 0.3 % a day), the cross derived from the two USD rates so the set is
 * triangle-consistent. Rates are decimal strings with 6 places.
 */
export function generateDemoFxRates(seed: number): DemoFxRate[] {
  const random = DemoRandom.stream(seed, 'fx-rates');
  const level: Record<string, number> = { ...USD_START };
  const rates: DemoFxRate[] = [];
  const add = (baseCurrency: string, quoteCurrency: string, value: number, effectiveDate: string): void => {
    rates.push({
      id: demoId(ID_PREFIX.fxRate, random, rates.length),
      baseCurrency,
      quoteCurrency,
      rate: value.toFixed(6),
      effectiveDate,
      source: 'ecb',
    });
  };
  for (const day of businessDays(DEMO_FX_WINDOW.from, DEMO_FX_WINDOW.to)) {
    for (const quote of Object.keys(USD_START)) {
      const start = USD_START[quote] ?? 1;
      const current = level[quote] ?? start;
      // Plain arithmetic only (no Math.exp/log), so every JS engine produces the same digits.
      const next = current * (1 + (random.next() - 0.5) * 0.006) + (start - current) * 0.02;
      level[quote] = next;
      add('USD', quote, next, day);
    }
    add('EUR', 'GBP', (level.GBP ?? 1) / (level.EUR ?? 1), day);
  }
  return rates;
}

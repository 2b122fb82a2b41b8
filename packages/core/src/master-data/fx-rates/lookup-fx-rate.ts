import { sql } from 'kysely';
import type { Db } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import { MoneyDecimal } from '../../money/index.ts';
import type { FxRateLookup } from './fx-rate-schemas.ts';

export interface LookupFxRateInput {
  /** ISO 4217 code of the currency converted from. */
  base: string;
  /** ISO 4217 code of the currency converted to. */
  quote: string;
  /** The day the rate is wanted for (YYYY-MM-DD), such as an invoice date. */
  date: string;
  /** Only rates from this source (`ecb`, `manual`, …); otherwise by the preference below. */
  source?: string | undefined;
}

/** Decimal places of a derived (inverse) rate: the scale of the fx_rates.rate column. */
export const INVERSE_RATE_DECIMALS = 12;

/**
 * On one effective date, which source wins when no source is asked for: a rate a person
 * entered on purpose overrides treasury's, which overrides the ECB reference rate; any
 * other source comes after those, alphabetically.
 */
const SOURCE_PREFERENCE = sql<number>`CASE source WHEN 'manual' THEN 0 WHEN 'treasury' THEN 1 WHEN 'ecb' THEN 2 ELSE 3 END`;

async function latestRate(db: Db, base: string, quote: string, date: string, source: string | undefined) {
  let query = db
    .selectFrom('fxRates')
    .select(['rate', 'effectiveDate', 'source'])
    .where('baseCurrency', '=', base)
    .where('quoteCurrency', '=', quote)
    .where('effectiveDate', '<=', date);
  if (source !== undefined) query = query.where('source', '=', source);
  return query.orderBy('effectiveDate', 'desc').orderBy(SOURCE_PREFERENCE).orderBy('source').limit(1).executeTakeFirst();
}

/**
 * 1 / rate, rounded half-even to 12 decimals. The division runs at MoneyDecimal's 60
 * significant digits: a stored rate has at most 30 digits, so the quotient is never closer
 * to a 12-decimal tie than 5e-43 unless it is one, while the division error stays below
 * 5e-48; rounding the quotient again therefore equals rounding the exact value once.
 */
export function invertRate(rate: string): string {
  return new MoneyDecimal(1).div(new MoneyDecimal(rate)).toFixed(INVERSE_RATE_DECIMALS, MoneyDecimal.ROUND_HALF_EVEN);
}

/**
 * The rate to convert `base` into `quote` on `date` (units of quote per one base):
 *
 * 1. Same currency: `"1"` (source `identity`, effective on `date`).
 * 2. The direct pair's rate with the latest effective date on or before `date`. With
 *    `source`, only that source counts; without, several sources on that latest date are
 *    preferred manual > treasury > ecb > others alphabetically. A later date always wins
 *    over a preferred source.
 * 3. Only when the direct pair has no rate at all on or before `date`: the opposite pair's
 *    rate found the same way, inverted (1 / rate, half-even to 12 decimals, exact decimal
 *    arithmetic) and flagged `inverted: true`.
 * 4. Otherwise `AppError` `not_found` naming the pair and date.
 *
 * Rates are never interpolated or taken from after `date`, so re-running a conversion for
 * a past document gives the same answer unless someone entered a rate for that past day.
 */
export async function lookupFxRate(db: Db, input: LookupFxRateInput): Promise<FxRateLookup> {
  const { base, quote, date, source } = input;
  if (base === quote) return { rate: '1', effectiveDate: date, source: 'identity', inverted: false };

  const direct = await latestRate(db, base, quote, date, source);
  if (direct) return { rate: direct.rate, effectiveDate: direct.effectiveDate, source: direct.source, inverted: false };

  const opposite = await latestRate(db, quote, base, date, source);
  if (opposite) {
    const rate = invertRate(opposite.rate);
    // Only a rate above 2e12 inverts to 0 at 12 decimals; converting at 0 would be wrong.
    if (/[1-9]/.test(rate)) return { rate, effectiveDate: opposite.effectiveDate, source: opposite.source, inverted: true };
  }

  const from = source === undefined ? '' : ` from source ${source}`;
  throw new AppError('not_found', `no FX rate ${base}/${quote} (or ${quote}/${base}) effective on or before ${date}${from}`, {
    extensions: { base, quote, date, ...(source === undefined ? {} : { source }) },
  });
}

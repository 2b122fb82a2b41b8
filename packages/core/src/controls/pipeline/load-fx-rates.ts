import { sql } from 'kysely';
import type { Db } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import { invertRate } from '../../master-data/fx-rates/lookup-fx-rate.ts';
import { trimDecimal } from '../../shared/decimal-text.ts';
import { MoneyDecimal } from '../../money/exact-decimal.ts';

/** One rate wanted: units of `quote` per one `base`, effective on `date` (YYYY-MM-DD). */
export interface FxRateRequest {
  readonly base: string;
  readonly quote: string;
  readonly date: string;
}

/** The key of a request in the map {@link loadFxRates} returns. */
export const fxRateKey = (r: FxRateRequest): string => `${r.base}/${r.quote}/${r.date}`;

/** The currency cross rates are computed through when a pair has no rate either way. */
const PIVOT = 'USD';
/** Cross rates are rounded half-even to as many decimals as inverted rates. */
const CROSS_RATE_DECIMALS = 12;

/**
 * Rates for many (pair, date) requests in ONE query, by the same rules as `lookupFxRate`
 * (master-data/fx-rates): identity for one currency; the direct pair's latest rate on or
 * before the date, several sources on that date preferred manual > treasury > ecb > others
 * alphabetically; only when the direct pair has none, the opposite pair's rate inverted
 * (half-even to 12 decimals). Keep the ordering below in step with `lookupFxRate`.
 *
 * Throws `not_found` naming every pair and date without a rate, so a missing rate is
 * fixed in master data instead of routing on an invented amount. A pair with no rate
 * either way is crossed through USD (base→USD × USD→quote, half-even to 12 decimals)
 * when both legs have one.
 */
export async function loadFxRates(db: Db, requests: readonly FxRateRequest[]): Promise<Map<string, string>> {
  const { rates, missing } = await findFxRates(db, requests);
  if (missing.length > 0) throw missingFxRatesError(missing);
  return rates;
}

/** `USD/EUR on 2026-02-10`. */
export const describeFxRequest = (r: FxRateRequest): string => `${r.base}/${r.quote} on ${r.date}`;

/** The `not_found` error naming the pairs and dates without a rate. */
export function missingFxRatesError(missing: readonly FxRateRequest[]): AppError {
  const described = [...new Set(missing.map(describeFxRequest))];
  return new AppError('not_found', `no FX rate effective on or before the document date for ${described.join(', ')} (enter one in fx-rates)`, {
    extensions: { missing: described },
  });
}

/**
 * Like {@link loadFxRates}, but returns the requests without a rate (each distinct pair and
 * date once) instead of throwing, so a caller can hold just the documents that need them.
 */
export async function findFxRates(db: Db, requests: readonly FxRateRequest[]): Promise<{ rates: Map<string, string>; missing: FxRateRequest[] }> {
  const rates = new Map<string, string>();
  const wanted = new Map<string, FxRateRequest>();
  for (const r of requests) {
    if (r.base === r.quote) rates.set(fxRateKey(r), '1');
    else wanted.set(fxRateKey(r), r);
  }
  if (wanted.size === 0) return { rates, missing: [] };
  const list = [...wanted.values()];
  const latest = (base: string, quote: string) => sql<string | null>`(
    SELECT f.rate FROM fx_rates f
    WHERE f.base_currency = ${sql.ref(base)} AND f.quote_currency = ${sql.ref(quote)} AND f.effective_date <= p.day
    ORDER BY f.effective_date DESC, CASE f.source WHEN 'manual' THEN 0 WHEN 'treasury' THEN 1 WHEN 'ecb' THEN 2 ELSE 3 END, f.source
    LIMIT 1)`;
  const { rows } = await sql<{ n: string | bigint; direct: string | null; opposite: string | null }>`
    SELECT p.n, ${latest('p.base', 'p.quote')} AS direct, ${latest('p.quote', 'p.base')} AS opposite
    FROM unnest(${list.map((r) => r.base)}::char(3)[], ${list.map((r) => r.quote)}::char(3)[], ${list.map((r) => r.date)}::date[])
      WITH ORDINALITY AS p(base, quote, day, n)`.execute(db);
  for (const row of rows) {
    const request = list[Number(row.n) - 1]!;
    const inverted = row.opposite === null ? null : invertRate(row.opposite);
    // Only a rate above 2e12 inverts to 0 at 12 decimals; converting at 0 would be wrong.
    const rate = row.direct !== null ? trimDecimal(row.direct) : inverted !== null && /[1-9]/.test(inverted) ? trimDecimal(inverted) : null;
    if (rate !== null) rates.set(fxRateKey(request), rate);
  }
  // Neither the pair nor its opposite: convert through USD, the pivot the treasury quotes every currency against.
  const crosses = list.filter((r) => !rates.has(fxRateKey(r)) && r.base !== PIVOT && r.quote !== PIVOT);
  if (crosses.length > 0) {
    // Both legs have USD on one side, so they never cross again.
    const { rates: legs } = await findFxRates(db, crosses.flatMap((r) => [{ base: r.base, quote: PIVOT, date: r.date }, { base: PIVOT, quote: r.quote, date: r.date }]));
    for (const r of crosses) {
      const first = legs.get(fxRateKey({ base: r.base, quote: PIVOT, date: r.date }));
      const second = legs.get(fxRateKey({ base: PIVOT, quote: r.quote, date: r.date }));
      if (first === undefined || second === undefined) continue;
      rates.set(fxRateKey(r), trimDecimal(new MoneyDecimal(first).mul(new MoneyDecimal(second)).toFixed(CROSS_RATE_DECIMALS, MoneyDecimal.ROUND_HALF_EVEN)));
    }
  }
  return { rates, missing: list.filter((r) => !rates.has(fxRateKey(r))) };
}

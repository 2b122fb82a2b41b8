import { MoneyDecimal } from '../../money/exact-decimal.ts';
import { getCurrency } from '../../money/iso-currencies.ts';

/** Keys of charge params that hold prices (major units); everything else is left alone. */
const PRICE_KEYS = new Set(['amount', 'unitPrice', 'flatFee', 'blockPrice', 'fixedFee', 'minPerTransaction', 'maxPerTransaction']);

/**
 * A renewal price: `price × (1 + percent/100)`, rounded half up to the larger of the
 * currency's minor digits and the price's own decimals, so 99.99 EUR + 3 % becomes
 * 102.99 (a price a customer can read) while 0.0015 per call keeps its precision.
 */
export function upliftPrice(price: string, percent: string, currency: string): string {
  const ownDecimals = price.includes('.') ? price.split('.')[1]!.length : 0;
  const places = Math.max(getCurrency(currency).minorUnits, ownDecimals);
  const factor = new MoneyDecimal(100).plus(percent).dividedBy(100);
  const result = new MoneyDecimal(price).times(factor).toDecimalPlaces(places, MoneyDecimal.ROUND_HALF_UP);
  return result.toFixed(places);
}

/**
 * Applies a renewal uplift to every price inside a charge (tiers, fees, nested allowance
 * charges), leaving quantities, tier bounds and percentage rates unchanged.
 */
export function upliftCharge<T>(charge: T, percent: string, currency: string): T {
  const walk = (value: unknown, key?: string): unknown => {
    if (Array.isArray(value)) return value.map((v) => walk(v));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    }
    if (key && PRICE_KEYS.has(key) && typeof value === 'string') return upliftPrice(value, percent, currency);
    return value;
  };
  return walk(charge) as T;
}

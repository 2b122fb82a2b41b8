import { MoneyDecimal } from '../money/index.ts';
import type { Charge } from '../receivables/rating/charge-schema.ts';

/**
 * The demo company's price book: list prices in USD, local prices derived with a fixed
 * rate per currency (rounded the way a price list is: whole units from 10 up, cents from
 * 1, micro-units below, so "0.002 per API call" stays exact). Prices are per billing
 * period, and prepaying a year costs ten months.
 */

/** Months a period is charged for: a quarter is three months, a prepaid year ten. */
export const PERIOD_MULTIPLIER = { monthly: 1, quarterly: 3, annual: 10 } as const;

/** How many monthly allowances one period holds (tier bounds and included units scale with it). */
export const PERIOD_MONTHS = { monthly: 1, quarterly: 3, annual: 12 } as const;

export type BillingFrequency = keyof typeof PERIOD_MULTIPLIER;

/** Local list price per USD, fixed so that prices do not move with the FX rates. */
const PRICE_LIST_RATES: Readonly<Record<string, string>> = {
  USD: '1',
  EUR: '0.92',
  GBP: '0.79',
  CAD: '1.37',
  SGD: '1.35',
  AUD: '1.52',
};

/** USD list prices (major units) per month, or per unit for usage and services. */
export const LIST_PRICES_USD = {
  platformBase: '49',
  paygPlatformBase: '29',
  seatStandard: '15',
  seatProfessional: '39',
  seatEnterprise: '65',
  sso: '199',
  sandbox: '149',
  premiumSupport: '500',
  technicalAccountManager: '2000',
  onboardingStandard: '1500',
  trainingDay: '2400',
  professionalServicesHour: '180',
  apiCall: '0.002',
  activeUser: '12',
  storageGbMonth: '0.25',
} as const;

/** API calls per month at each tier bound (inclusive) and USD per call in the tier. */
const API_TIERS_USD: readonly (readonly [upTo: number | null, unitPrice: string])[] = [
  [100_000, '0.002'],
  [1_000_000, '0.0014'],
  [null, '0.0009'],
];

// A few hundred distinct prices serve 100,000 contracts; decimal arithmetic once each.
const localPrices = new Map<string, string>();

/**
 * `usd` in `currency`, times `multiplier` (months charged), rounded like a price list.
 * @throws Error for a currency the demo does not price in (a bug in the generator).
 */
export function localPrice(usd: string, currency: string, multiplier = 1): string {
  const key = `${usd}|${currency}|${multiplier}`;
  let price = localPrices.get(key);
  if (price === undefined) {
    const rate = PRICE_LIST_RATES[currency];
    if (rate === undefined) throw new Error(`demo price book: no list price rate for ${currency}`);
    const value = new MoneyDecimal(usd).times(rate).times(multiplier);
    const places = value.greaterThanOrEqualTo(10) ? 0 : value.greaterThanOrEqualTo(1) ? 2 : 6;
    price = value.toDecimalPlaces(places, MoneyDecimal.ROUND_HALF_UP).toFixed();
    localPrices.set(key, price);
  }
  return price;
}


/** Graduated API pricing for one period of `months` months (bounds scale with the period). */
export function apiTiers(currency: string, months: number): { upTo: string | null; unitPrice: string }[] {
  return API_TIERS_USD.map(([upTo, unitPrice]) => ({
    upTo: upTo === null ? null : String(upTo * months),
    unitPrice: localPrice(unitPrice, currency),
  }));
}

/** A per-unit charge; `recurring` marks seats (billed per period, not from usage). */
export function perUnitCharge(name: string, unitPrice: string, recurring = false): Charge {
  return recurring ? { model: 'per_unit', name, kind: 'recurring', params: { unitPrice } } : { model: 'per_unit', name, params: { unitPrice } };
}

/** A flat fee per period. */
export function flatCharge(name: string, amount: string): Charge {
  return { model: 'flat', name, params: { amount } };
}

import { AppError } from '../../../errors/app-error.ts';
import { pow10 } from '../../../money/exact-decimal.ts';
import { findCurrency } from '../../../money/iso-currencies.ts';
import { money, type Money } from '../../../money/money.ts';

/**
 * Where Stripe's "smallest currency unit" differs from ISO 4217's minor unit. Everywhere
 * else they agree: Stripe's zero-decimal currencies (JPY, KRW, VND, CLP, XOF, …) have no
 * minor unit in ISO either, and its three-decimal ones (BHD, JOD, KWD, OMR, TND) count
 * thousandths as ISO does.
 * - ISK: zero-decimal in ISO, but Stripe keeps two decimals (amount 100 = 1 króna).
 * - MGA: two decimals in ISO, zero-decimal at Stripe.
 */
export const STRIPE_DIGITS_DIFFERING_FROM_ISO: Readonly<Record<string, number>> = { ISK: 2, MGA: 0 };

/** Digits Stripe's integer amounts carry for `currency` (upper case ISO code). */
export function stripeDigits(currency: string): number | undefined {
  return STRIPE_DIGITS_DIFFERING_FROM_ISO[currency] ?? findCurrency(currency)?.minorUnits;
}

/**
 * Converts a Stripe amount (an integer in Stripe's smallest unit of a lower-case currency)
 * to exact Money in ISO minor units. Refuses non-integers, unsafe integers (the JSON number
 * may already be inexact), unknown currencies and ISK amounts with fractional krónur.
 */
export function fromStripeAmount(amount: unknown, currency: unknown, path = '/data/object/amount'): Money {
  const code = typeof currency === 'string' ? currency.toUpperCase() : '';
  const iso = findCurrency(code);
  if (!iso) throw AppError.invalid('/data/object/currency', `unknown currency ${JSON.stringify(currency)}`, 'unknown_currency');
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount < 0) {
    throw AppError.invalid(path, `must be a non-negative whole number of the smallest currency unit, got ${JSON.stringify(amount)}`);
  }
  const digits = stripeDigits(code)!;
  const value = BigInt(amount);
  if (digits === iso.minorUnits) return money(value, code);
  if (digits < iso.minorUnits) return money(value * pow10(iso.minorUnits - digits), code);
  const step = pow10(digits - iso.minorUnits);
  if (value % step !== 0n) throw AppError.invalid(path, `${amount} is not a whole amount of ${code} (Stripe amounts in ${code} must be multiples of ${step})`);
  return money(value / step, code);
}

import type { Decimal } from 'decimal.js';
import { AppError } from '../errors/app-error.ts';
import { pow10, signOf, toScaledDecimal } from './exact-decimal.ts';
import { getCurrency } from './iso-currencies.ts';
import { money, type Money } from './money.ts';
import { assertRoundingMode, divideAndRound, type RoundingMode } from './rounding.ts';

/**
 * An exact decimal factor. `number` is deliberately not accepted: a rate like 1.1 is already
 * inexact as a float, and the error would surface as a one-cent difference much later.
 */
export type DecimalInput = string | Decimal;

/**
 * Converts `m` into `toCurrency` at `rate` (units of `toCurrency` per one unit of
 * `m.currency`): the exact major-unit value times the exact rate, rounded ONCE to the target
 * currency's minor units. Example: 100.00 USD at "151.237" → 15123.7 → 15124 JPY (`half_up`).
 *
 * Chain conversions by multiplying rates first and converting once; converting step by step
 * rounds at every step and can drift by a minor unit.
 *
 * Throws `AppError` (`validation_failed`) for a rate that is not > 0, an unknown target
 * currency, or a same-currency conversion at a rate other than 1 (usually an inverted pair).
 */
export function convertMoney(m: Money, rate: DecimalInput, toCurrency: string, mode: RoundingMode): Money {
  assertRoundingMode(mode);
  const from = getCurrency(m.currency);
  const to = getCurrency(toCurrency, '/toCurrency');
  const r = toScaledDecimal(rate, '/rate', 'rate');
  if (signOf(r) <= 0) throw AppError.invalid('/rate', 'rate must be greater than zero');
  if (from.code === to.code && r.coefficient !== pow10(r.scale)) {
    throw AppError.invalid('/rate', `converting ${from.code} to itself needs rate 1, got ${String(rate)}`);
  }

  // target minor = amount / 10^fromMinor * rate * 10^toMinor, rate = coefficient / 10^scale.
  const numerator = m.amount * r.coefficient * pow10(to.minorUnits);
  const denominator = pow10(from.minorUnits + r.scale);
  return money(divideAndRound(numerator, denominator, mode), to.code);
}

/**
 * Multiplies `m` by an exact decimal `factor` (a quantity "2.5", a percentage as "0.19",
 * a discount "-0.1") and rounds ONCE to the currency's minor units.
 * Zero and negative factors are allowed (credits, removals). Example: 19.99 EUR × "3" = 59.97;
 * 0.25 EUR × "0.5" = 0.125 → 0.13 (`half_up`) or 0.12 (`half_even`).
 */
export function multiplyMoney(m: Money, factor: DecimalInput, mode: RoundingMode): Money {
  assertRoundingMode(mode);
  getCurrency(m.currency);
  const f = toScaledDecimal(factor, '/factor', 'factor');
  return money(divideAndRound(m.amount * f.coefficient, pow10(f.scale), mode), m.currency);
}

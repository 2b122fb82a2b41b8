import type { Decimal } from 'decimal.js';
import { z } from 'zod';
import { AppError } from '../../errors/app-error.ts';
import { MoneyDecimal, roundToMinorUnits } from '../../money/index.ts';
import type { RatingContext } from './rating-types.ts';

/**
 * Decimal helpers for rating.
 *
 * Why MoneyDecimal arithmetic is exact here: inputs are bounded by the schemas below
 * (quantities ≤ 15 integer + 12 fraction digits, prices ≤ 12 + 12), so a product has at
 * most 51 significant digits and sums of such products stay below the 60-digit precision.
 * {@link exact} re-checks that at run time, so a hidden rounding can never slip in.
 */

interface DecimalStringRules {
  readonly integerDigits: number;
  readonly fractionDigits: number;
  /** Refuse zero as well as negatives. */
  readonly positive?: boolean;
  /** Inclusive upper bound, as a decimal string. */
  readonly max?: string;
}

/** A zod schema for a non-negative plain decimal string with bounded digits. */
export function decimalString(rules: DecimalStringRules) {
  const pattern = new RegExp(`^\\d{1,${rules.integerDigits}}(\\.\\d{1,${rules.fractionDigits}})?$`);
  return z.string().superRefine((value, ctx) => {
    if (/^-\d/.test(value)) {
      ctx.addIssue({ code: 'custom', message: 'must not be negative' });
    } else if (!pattern.test(value)) {
      ctx.addIssue({
        code: 'custom',
        message: `must be a decimal string such as "12.5" with at most ${rules.integerDigits} integer and ${rules.fractionDigits} fraction digits`,
      });
    } else if (rules.positive && new MoneyDecimal(value).isZero()) {
      ctx.addIssue({ code: 'custom', message: 'must be greater than zero' });
    } else if (rules.max !== undefined && new MoneyDecimal(value).greaterThan(rules.max)) {
      ctx.addIssue({ code: 'custom', message: `must be at most ${rules.max}` });
    }
  });
}

/** Quantities: seats, units, aggregated usage (10^12 events fit; fractions such as GB-hours). */
export const quantityString = decimalString({ integerDigits: 15, fractionDigits: 12 });
/** A quantity bound that must be above zero (tier bounds, block sizes). */
export const positiveQuantityString = decimalString({ integerDigits: 15, fractionDigits: 12, positive: true });
/** Prices and amounts in major units; more decimals than the currency are allowed ("0.0015"). */
export const priceString = decimalString({ integerDigits: 12, fractionDigits: 12 });
/** Transaction amounts in major units. */
export const transactionAmountString = decimalString({ integerDigits: 15, fractionDigits: 12 });
/** A percentage such as "2.9" (meaning 2.9 %), 0 to 100. */
export const percentString = decimalString({ integerDigits: 3, fractionDigits: 12, max: '100' });

/** Parses a validated decimal string. */
export function dec(value: string): Decimal {
  return new MoneyDecimal(value);
}

/** Guards the exactness argument above; a failure is a bug (inputs escaped validation). */
export function exact(value: Decimal): Decimal {
  if (!value.isFinite() || value.precision() >= MoneyDecimal.precision) {
    throw new AppError('internal', 'rating produced a value beyond exact decimal precision');
  }
  return value;
}

/** Plain notation ("1000000000000", "0.0015"), never exponent notation. */
export function plain(value: Decimal): string {
  return value.toFixed();
}

/** Rounds an exact major-unit value to minor units once, with the entity's named mode. */
export function roundLine(value: Decimal, ctx: RatingContext): bigint {
  return roundToMinorUnits(exact(value), ctx.currency, ctx.roundingMode);
}

/** `max(0, value)`. */
export function nonNegative(value: Decimal): Decimal {
  return value.isNegative() ? new MoneyDecimal(0) : value;
}

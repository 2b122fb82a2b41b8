import type { Decimal } from 'decimal.js';
import { AppError } from '../errors/app-error.ts';
import { pow10, toScaledDecimal } from './exact-decimal.ts';
import { getCurrency } from './iso-currencies.ts';

/**
 * How a value that falls between two minor units is rounded. Examples with 2.5 / -2.5 → units:
 *
 * | mode        | rule                                              |  2.5 | -2.5 | 2.4 | -2.6 |
 * |-------------|---------------------------------------------------|------|------|-----|------|
 * | `half_up`   | nearest; ties away from zero (commercial rounding) |    3 |   -3 |   2 |   -3 |
 * | `half_even` | nearest; ties to the even neighbour (banker's)    |    2 |   -2 |   2 |   -3 |
 * | `half_down` | nearest; ties towards zero                        |    2 |   -2 |   2 |   -3 |
 * | `up`        | away from zero                                    |    3 |   -3 |   3 |   -3 |
 * | `down`      | towards zero (truncate)                           |    2 |   -2 |   2 |   -2 |
 * | `ceiling`   | towards +infinity                                 |    3 |   -2 |   3 |   -2 |
 * | `floor`     | towards -infinity                                 |    2 |   -3 |   2 |   -3 |
 *
 * `half_up`, `half_down`, `up` and `down` are symmetric: round(-x) = -round(x), so a credit
 * note mirrors its invoice exactly. `ceiling` and `floor` are not symmetric.
 */
export type RoundingMode = 'half_up' | 'half_even' | 'half_down' | 'up' | 'down' | 'ceiling' | 'floor';

/** All rounding modes, e.g. for a settings schema (`z.enum(ROUNDING_MODES)`). */
export const ROUNDING_MODES: readonly RoundingMode[] = Object.freeze([
  'half_up',
  'half_even',
  'half_down',
  'up',
  'down',
  'ceiling',
  'floor',
] as const);

/** True when `value` names one of {@link ROUNDING_MODES}. */
export function isRoundingMode(value: unknown): value is RoundingMode {
  return typeof value === 'string' && (ROUNDING_MODES as readonly string[]).includes(value);
}

/** Throws `AppError` (`validation_failed`) unless `mode` is a known rounding mode. */
export function assertRoundingMode(mode: unknown, path = '/roundingMode'): asserts mode is RoundingMode {
  if (!isRoundingMode(mode)) {
    throw AppError.invalid(path, `unknown rounding mode ${JSON.stringify(mode)}; use one of ${ROUNDING_MODES.join(', ')}`);
  }
}

/**
 * Exact integer division `numerator / denominator` rounded with `mode`.
 * This is the single place where money is rounded; every other function computes the exact
 * rational value first and calls this once.
 * @param denominator must be > 0
 */
export function divideAndRound(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  if (denominator <= 0n) throw new RangeError('divideAndRound: denominator must be > 0');
  const quotient = numerator / denominator; // bigint division truncates towards zero
  const remainder = numerator % denominator; // has the sign of the numerator
  if (remainder === 0n) return quotient;

  const negative = numerator < 0n;
  const awayFromZero = negative ? quotient - 1n : quotient + 1n;
  const twiceRemainder = (negative ? -remainder : remainder) * 2n;

  switch (mode) {
    case 'down':
      return quotient;
    case 'up':
      return awayFromZero;
    case 'ceiling':
      return negative ? quotient : awayFromZero;
    case 'floor':
      return negative ? awayFromZero : quotient;
    case 'half_up':
    case 'half_down':
    case 'half_even': {
      if (twiceRemainder > denominator) return awayFromZero;
      if (twiceRemainder < denominator) return quotient;
      if (mode === 'half_up') return awayFromZero;
      if (mode === 'half_down') return quotient;
      return quotient % 2n === 0n ? quotient : awayFromZero;
    }
    default:
      // Unreachable for typed callers; guards JavaScript callers and bad config values.
      assertRoundingMode(mode);
      throw new Error('unreachable');
  }
}

/**
 * Rounds a major-unit amount (e.g. "12.345" EUR) to an integer count of minor units
 * (1235n with `half_up`), rounding exactly once with no float or precision-limited step.
 *
 * @param value plain decimal string ("-0.125") or a Decimal from any Decimal clone
 * @param currency ISO 4217 code; its minor units decide the target scale
 */
export function roundToMinorUnits(value: Decimal | string, currency: string, mode: RoundingMode): bigint {
  assertRoundingMode(mode);
  const { minorUnits } = getCurrency(currency);
  const { coefficient, scale } = toScaledDecimal(value, '/amount', 'amount');
  if (scale <= minorUnits) return coefficient * pow10(minorUnits - scale);
  return divideAndRound(coefficient, pow10(scale - minorUnits), mode);
}

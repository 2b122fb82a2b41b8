import { Decimal } from 'decimal.js';
import { AppError } from '../errors/app-error.ts';

/**
 * Internal helpers for exact decimal arithmetic on bigint.
 *
 * Why not Decimal arithmetic: `Decimal#times` rounds its result to the configured precision,
 * which would be a hidden second rounding for very long inputs. A decimal value as
 * `coefficient / 10^scale` with bigint multiplication and one final division is exact for
 * any size, so "round exactly once" holds by construction.
 */

/** Exact decimal value `coefficient / 10^scale` (scale >= 0). */
export interface ScaledDecimal {
  readonly coefficient: bigint;
  readonly scale: number;
}

/**
 * Decimal constructor for money work that leaves the global `Decimal` config alone.
 * 60 significant digits cover any realistic amount times rate; ties round half-even (the
 * IEEE 754 default) and the exponent limits are wide so `toString()` never switches to
 * exponent notation for amounts. Our own functions do not depend on it (they are exact);
 * it is exported for callers who derive rates or ratios, e.g. an inverse rate.
 */
export const MoneyDecimal = Decimal.clone({
  precision: 60,
  rounding: Decimal.ROUND_HALF_EVEN,
  toExpNeg: -60,
  toExpPos: 60,
});

// Plain decimal notation only: optional minus, digits, optional fraction. No '+', no
// exponent, no separators, no surrounding space, no ".5" or "5." (ambiguous in many locales).
const PLAIN_DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** Cached powers of ten; scales are small so this stays tiny. */
const POW10: bigint[] = [1n];

/** 10^n as bigint. */
export function pow10(n: number): bigint {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`pow10: bad exponent ${n}`);
  for (let i = POW10.length; i <= n; i++) POW10.push(POW10[i - 1]! * 10n);
  return POW10[n]!;
}

/** Parses a plain decimal string (see PLAIN_DECIMAL); returns undefined when it is not one. */
export function parsePlainDecimal(text: string): ScaledDecimal | undefined {
  const match = PLAIN_DECIMAL.exec(text);
  if (match === null) return undefined;
  const [, sign, intPart, fracPart = ''] = match;
  const magnitude = BigInt(`${intPart}${fracPart}`);
  return { coefficient: sign === '-' ? -magnitude : magnitude, scale: fracPart.length };
}

/**
 * Converts a decimal string or a Decimal (from any Decimal clone) to an exact ScaledDecimal.
 * Numbers are refused even though the types already exclude them, because JavaScript callers
 * and parsed JSON can still pass one, and a float has already lost the exact value.
 */
export function toScaledDecimal(value: Decimal | string, path: string, what: string): ScaledDecimal {
  if (typeof value === 'string') {
    const parsed = parsePlainDecimal(value);
    if (parsed === undefined) {
      throw AppError.invalid(path, `${what} must be a plain decimal string such as "1.25", got ${JSON.stringify(value)}`);
    }
    return parsed;
  }
  if (Decimal.isDecimal(value)) {
    if (!value.isFinite()) throw AppError.invalid(path, `${what} must be finite`);
    // toFixed() without arguments prints every digit in normal notation, so this is exact.
    const parsed = parsePlainDecimal(value.toFixed());
    if (parsed !== undefined) return parsed;
  }
  throw AppError.invalid(path, `${what} must be a decimal string or a Decimal, not ${typeof value}`);
}

/** Compares a ScaledDecimal with zero. */
export function signOf(value: ScaledDecimal): -1 | 0 | 1 {
  return value.coefficient === 0n ? 0 : value.coefficient < 0n ? -1 : 1;
}

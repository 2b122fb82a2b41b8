import { parsePlainDecimal, pow10, type ScaledDecimal } from '../../money/exact-decimal.ts';
import { getCurrency } from '../../money/iso-currencies.ts';

function parse(text: string): ScaledDecimal {
  const value = parsePlainDecimal(text);
  if (value === undefined) throw new RangeError(`not a plain decimal: ${JSON.stringify(text)}`);
  return value;
}

function compareScaled(a: ScaledDecimal, b: ScaledDecimal): -1 | 0 | 1 {
  const scale = Math.max(a.scale, b.scale);
  const x = a.coefficient * pow10(scale - a.scale);
  const y = b.coefficient * pow10(scale - b.scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Compares two plain decimal strings exactly (`"10.50"` equals `"10.5"`). */
export function compareDecimalStrings(a: string, b: string): -1 | 0 | 1 {
  return compareScaled(parse(a), parse(b));
}

/** Compares an amount in minor units of `currency` with a decimal string in major units, exactly. */
export function compareMinorWithDecimal(amountMinor: bigint, currency: string, amount: string): -1 | 0 | 1 {
  return compareScaled({ coefficient: amountMinor, scale: getCurrency(currency).minorUnits }, parse(amount));
}

/**
 * True when `amountMinor` lies in the band `[minAmount, maxAmount)`: the lower end is
 * inclusive, the upper end exclusive; an absent end is 0 / unbounded.
 */
export function inAmountBand(amountMinor: bigint, currency: string, minAmount: string | undefined, maxAmount: string | undefined): boolean {
  if (minAmount !== undefined && compareMinorWithDecimal(amountMinor, currency, minAmount) < 0) return false;
  if (maxAmount !== undefined && compareMinorWithDecimal(amountMinor, currency, maxAmount) >= 0) return false;
  return true;
}

/** A decimal string in major units as minor units of `currency`, rounded up (a limit must reach the whole band start). */
export function decimalToMinorCeil(amount: string, currency: string): bigint {
  const value = parse(amount);
  const digits = getCurrency(currency).minorUnits;
  if (value.scale <= digits) return value.coefficient * pow10(digits - value.scale);
  const divisor = pow10(value.scale - digits);
  const quotient = value.coefficient / divisor;
  return value.coefficient % divisor === 0n ? quotient : quotient + 1n;
}

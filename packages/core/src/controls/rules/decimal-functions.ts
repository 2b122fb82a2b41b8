import { parsePlainDecimal, pow10, type ScaledDecimal } from '../../money/exact-decimal.ts';

/**
 * Exact comparisons of decimal strings (quantities, unit prices) for rule expressions.
 * CEL has no decimal type and its doubles would round "0.1"; these compare the digits.
 */

function parse(text: string, fn: string): ScaledDecimal {
  const value = parsePlainDecimal(text);
  if (value === undefined) throw new Error(`${fn}: ${JSON.stringify(text)} is not a decimal number`);
  return value;
}

/** The two coefficients brought to one scale, so they compare and subtract exactly. */
function aligned(a: ScaledDecimal, b: ScaledDecimal): [bigint, bigint] {
  const scale = Math.max(a.scale, b.scale);
  return [a.coefficient * pow10(scale - a.scale), b.coefficient * pow10(scale - b.scale)];
}

/** `-1`, `0` or `1` as `a` is less than, equal to or greater than `b` ("1.50" equals "1.5"). */
export function decimalCompare(a: string, b: string): bigint {
  const [x, y] = aligned(parse(a, 'decimalCompare'), parse(b, 'decimalCompare'));
  if (x === y) return 0n;
  return x < y ? -1n : 1n;
}

/**
 * True when `actual` differs from `expected` by more than `bps` basis points of `expected`
 * (100 bps = 1%): |actual − expected| × 10000 > |expected| × bps. Any difference from an
 * expected 0 exceeds every tolerance.
 */
export function exceedsTolerance(actual: string, expected: string, bps: bigint): boolean {
  if (bps < 0n) throw new Error(`exceedsTolerance: tolerance ${bps} bps is negative`);
  const [x, y] = aligned(parse(actual, 'exceedsTolerance'), parse(expected, 'exceedsTolerance'));
  const difference = x > y ? x - y : y - x;
  const base = y < 0n ? -y : y;
  return difference * 10000n > base * bps;
}

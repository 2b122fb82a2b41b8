import { AppError } from '../errors/app-error.ts';
import { parsePlainDecimal, pow10, type ScaledDecimal } from './exact-decimal.ts';
import { money, type Money } from './money.ts';

/**
 * A share weight: a bigint, a safe integer number, or a decimal string ("0.3333").
 * Fractional JS numbers are refused because 0.1 is not exactly one tenth as a float;
 * write "0.1" instead.
 */
export type AllocationRatio = bigint | number | string;

function ratioToScaled(ratio: AllocationRatio, index: number): ScaledDecimal {
  const path = `/ratios/${index}`;
  let scaled: ScaledDecimal | undefined;
  if (typeof ratio === 'bigint') {
    scaled = { coefficient: ratio, scale: 0 };
  } else if (typeof ratio === 'number') {
    if (!Number.isSafeInteger(ratio)) {
      throw AppError.invalid(path, `ratio ${ratio} must be a whole number; pass fractional ratios as decimal strings such as "0.25"`);
    }
    scaled = { coefficient: BigInt(ratio), scale: 0 };
  } else if (typeof ratio === 'string') {
    scaled = parsePlainDecimal(ratio);
    if (scaled === undefined) throw AppError.invalid(path, `ratio ${JSON.stringify(ratio)} is not a plain decimal string`);
  } else {
    throw AppError.invalid(path, `ratio must be a bigint, whole number or decimal string, not ${typeof ratio}`);
  }
  if (scaled.coefficient < 0n) throw AppError.invalid(path, `ratio ${String(ratio)} must not be negative`);
  return scaled;
}

/**
 * Splits `total` into `ratios.length` parts proportional to `ratios` whose sum is exactly
 * `total` (largest-remainder method): every part first gets its share rounded towards zero,
 * then the minor units left over go one each to the parts with the largest remainders,
 * earlier parts winning ties. A zero ratio always gets zero.
 *
 * Negative totals are split as the mirror image of the positive total
 * (`allocate(-100)` = `-(allocate(100))`), so a credit note splits like its invoice.
 *
 * Examples (minor units): 100 by [1,1,1] → [34,33,33]; 1 by [1,1,1] → [1,0,0];
 * -100 by [1,1,1] → [-34,-33,-33]; 100 by ["0.5","0.25","0.25"] → [50,25,25].
 *
 * Throws `AppError` (`validation_failed`) for no ratios, a negative ratio or all-zero ratios.
 */
export function allocateMoney(total: Money, ratios: readonly AllocationRatio[]): Money[] {
  if (ratios.length === 0) throw AppError.invalid('/ratios', 'at least one ratio is required');
  const scaled = ratios.map(ratioToScaled);

  // Bring all ratios to a common scale so they become integer weights; exact for any input.
  const commonScale = Math.max(...scaled.map((r) => r.scale));
  const weights = scaled.map((r) => r.coefficient * pow10(commonScale - r.scale));
  const weightSum = weights.reduce((sum, w) => sum + w, 0n);
  if (weightSum === 0n) throw AppError.invalid('/ratios', 'ratios must not all be zero');

  // Work on the magnitude and re-apply the sign so negative totals allocate symmetrically.
  const negative = total.amount < 0n;
  const magnitude = negative ? -total.amount : total.amount;

  const shares = weights.map((w) => (magnitude * w) / weightSum);
  const remainders = weights.map((w) => (magnitude * w) % weightSum);
  let leftover = magnitude - shares.reduce((sum, s) => sum + s, 0n);

  // Indices by remainder descending; Array#sort is stable, so ties keep the earlier index first.
  const order = remainders.map((_, index) => index).sort((a, b) => {
    const ra = remainders[a]!;
    const rb = remainders[b]!;
    return ra === rb ? 0 : ra > rb ? -1 : 1;
  });
  // leftover < number of parts with a non-zero remainder, so zero-ratio parts never get a unit.
  for (const index of order) {
    if (leftover === 0n) break;
    shares[index] = shares[index]! + 1n;
    leftover -= 1n;
  }

  return shares.map((share) => money(negative ? -share : share, total.currency));
}

/**
 * Splits `total` into `parts` equal shares that sum exactly to `total`; the first parts get
 * one extra minor unit when it does not divide evenly (100 into 3 → 34, 33, 33).
 */
export function allocateEvenly(total: Money, parts: number): Money[] {
  if (!Number.isSafeInteger(parts) || parts < 1) {
    throw AppError.invalid('/parts', `parts must be a whole number of at least 1, got ${String(parts)}`);
  }
  return allocateMoney(total, Array.from({ length: parts }, () => 1n));
}

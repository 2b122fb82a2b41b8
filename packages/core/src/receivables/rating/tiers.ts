import type { Decimal } from 'decimal.js';
import { z } from 'zod';
import { dec, positiveQuantityString, priceString } from './rating-decimal.ts';
import type { TierRange } from './rating-types.ts';

/**
 * Tier boundary semantics — decided once, used by graduated and volume pricing alike:
 *
 * - Tiers are listed in order, each with an **inclusive** upper bound `upTo`; the last tier
 *   has `upTo: null` (no upper bound) and only the last may. Tier `i` covers the quantities
 *   `(upTo[i-1], upTo[i]]`, the first tier `(0, upTo[0]]`.
 * - With tiers `[upTo 100, upTo 1000, upTo null]`, unit 100 is in tier 1 and unit 101 in
 *   tier 2; a fractional quantity 100.5 puts 100 units in tier 1 and 0.5 in tier 2.
 * - Bounds must be strictly ascending and above zero; prices and flat fees are ≥ 0.
 * - A quantity of zero touches no tier: it produces no line (and no flat fee).
 */
export const tierSchema = z.strictObject({
  /** Inclusive upper bound in units, or null for the open last tier. */
  upTo: positiveQuantityString.nullable(),
  /** Price per unit in major units, unrounded. */
  unitPrice: priceString,
  /** Charged once when the tier is touched (graduated) or selected (volume). */
  flatFee: priceString.optional(),
});

export type Tier = z.infer<typeof tierSchema>;

/** One to 100 tiers, strictly ascending, the last one open-ended. */
export const tiersSchema = z
  .array(tierSchema)
  .min(1, 'at least one tier is required')
  .max(100, 'at most 100 tiers')
  .superRefine((tiers, ctx) => {
    tiers.forEach((tier, index) => {
      const isLast = index === tiers.length - 1;
      if (isLast && tier.upTo !== null) {
        ctx.addIssue({ code: 'custom', path: [index, 'upTo'], message: 'the last tier must have upTo null (no upper bound)' });
      }
      if (!isLast && tier.upTo === null) {
        ctx.addIssue({ code: 'custom', path: [index, 'upTo'], message: 'only the last tier may have upTo null' });
      }
      const previous = index > 0 ? tiers[index - 1]!.upTo : null;
      if (tier.upTo !== null && previous !== null && !dec(tier.upTo).greaterThan(dec(previous))) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'upTo'],
          message: `tiers must be strictly ascending: ${tier.upTo} is not above the previous upTo ${previous}`,
        });
      }
    });
  });

/** A tier with its exact bounds: units in `(from, to]`, `to` null for the last tier. */
export interface ResolvedTier {
  readonly index: number;
  readonly tier: Tier;
  readonly from: Decimal;
  readonly to: Decimal | null;
}

/** Resolves validated tiers into exact `(from, to]` ranges. */
export function resolveTiers(tiers: readonly Tier[]): ResolvedTier[] {
  let from = dec('0');
  return tiers.map((tier, index) => {
    const to = tier.upTo === null ? null : dec(tier.upTo);
    const resolved = { index, tier, from, to };
    if (to !== null) from = to;
    return resolved;
  });
}

/** True when `quantity` lies in `(from, to]`. */
export function tierContains(range: ResolvedTier, quantity: Decimal): boolean {
  return quantity.greaterThan(range.from) && (range.to === null || quantity.lessThanOrEqualTo(range.to));
}

/** The `tier` field of a rated line. */
export function tierRange(range: ResolvedTier): TierRange {
  return { from: range.from.toFixed(), to: range.to === null ? null : range.to.toFixed() };
}

/** "tier 1 (up to 100)", "tier 2 (over 100 up to 1000)", "tier 3 (over 1000)". */
export function describeTier(range: ResolvedTier): string {
  const { from, to } = tierRange(range);
  const bounds = to === null ? (range.index === 0 ? 'all units' : `over ${from}`) : range.index === 0 ? `up to ${to}` : `over ${from} up to ${to}`;
  return `tier ${range.index + 1} (${bounds})`;
}

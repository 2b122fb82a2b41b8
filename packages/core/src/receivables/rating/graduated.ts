import { z } from 'zod';
import { MoneyDecimal } from '../../money/index.ts';
import { dec, exact, plain, roundLine } from './rating-decimal.ts';
import type { ChargeModel, RatedLine } from './rating-types.ts';
import { describeTier, resolveTiers, tierRange, tiersSchema } from './tiers.ts';

export const graduatedParamsSchema = z.strictObject({
  /** See `tiers.ts` for the boundary semantics (inclusive `upTo`). */
  tiers: tiersSchema,
});

export type GraduatedParams = z.infer<typeof graduatedParamsSchema>;

/**
 * Graduated tiers: each unit is priced by the tier it falls in. One line per tier touched,
 * each rounded once; a touched tier's flat fee is included in that tier's line. The total
 * is the sum of the rounded tier lines (so it may differ by a minor unit per tier from
 * rounding the exact sum — the invoice shows the lines, and must add up). Zero → no lines.
 *
 * With `priorQuantity` (units of the period rated in an earlier window) the window's units
 * are `(prior, prior + quantity]`: tiers keep filling where the earlier window stopped, and
 * a tier's flat fee is charged only in the window that first touches the tier.
 */
export const graduatedChargeModel: ChargeModel<GraduatedParams> = {
  paramsSchema: graduatedParamsSchema,
  defaultName: 'Usage',
  rate(params, input, ctx, label): RatedLine[] {
    const quantity = dec(input.quantity);
    if (quantity.isZero()) return [];
    const prior = dec(input.priorQuantity ?? '0');
    const end = exact(prior.plus(quantity));
    const lines: RatedLine[] = [];
    for (const range of resolveTiers(params.tiers)) {
      if (!end.greaterThan(range.from)) break;
      // Filled by earlier windows of the period.
      if (range.to !== null && !prior.lessThan(range.to)) continue;
      const lower = MoneyDecimal.max(prior, range.from);
      const upper = range.to === null ? end : MoneyDecimal.min(end, range.to);
      const units = exact(upper.minus(lower));
      const flatFee = prior.lessThanOrEqualTo(range.from) ? range.tier.flatFee : undefined;
      const value = exact(units.times(range.tier.unitPrice).plus(flatFee ?? '0'));
      lines.push({
        description: `${label.name}, ${describeTier(range)}`,
        quantity: plain(units),
        unitPrice: range.tier.unitPrice,
        ...(flatFee === undefined ? {} : { flatFee }),
        amount: roundLine(value, ctx),
        tier: tierRange(range),
        kind: label.kind ?? 'usage',
      });
    }
    return lines;
  },
};

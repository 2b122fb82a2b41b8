import { z } from 'zod';
import { dec, exact, roundLine } from './rating-decimal.ts';
import type { ChargeModel, RatedLine } from './rating-types.ts';
import { describeTier, resolveTiers, tierContains, tierRange, tiersSchema } from './tiers.ts';

export const volumeParamsSchema = z.strictObject({
  /** See `tiers.ts` for the boundary semantics (inclusive `upTo`). */
  tiers: tiersSchema,
});

export type VolumeParams = z.infer<typeof volumeParamsSchema>;

/**
 * Volume tiers: the total quantity selects one tier and every unit is priced at that tier's
 * price, plus its flat fee, in one line rounded once. Zero → no line.
 *
 * When a price change split the period into windows, the tier is selected by the period's
 * total (`periodQuantity`) and applied to this window's units; the flat fee is charged once,
 * in the period's first window with units (`priorQuantity` zero).
 */
export const volumeChargeModel: ChargeModel<VolumeParams> = {
  paramsSchema: volumeParamsSchema,
  defaultName: 'Usage',
  rate(params, input, ctx, label): RatedLine[] {
    const quantity = dec(input.quantity);
    if (quantity.isZero()) return [];
    const prior = dec(input.priorQuantity ?? '0');
    const total = input.periodQuantity === undefined ? exact(prior.plus(quantity)) : dec(input.periodQuantity);
    const selector = total.lessThan(quantity) ? quantity : total;
    const range = resolveTiers(params.tiers).find((r) => tierContains(r, selector));
    // Unreachable: the schema guarantees an open last tier, which contains every quantity > 0.
    if (range === undefined) throw new Error('volume tiers do not cover the quantity');
    const flatFee = prior.isZero() ? range.tier.flatFee : undefined;
    return [
      {
        description: `${label.name}, ${describeTier(range)}`,
        quantity: input.quantity,
        unitPrice: range.tier.unitPrice,
        ...(flatFee === undefined ? {} : { flatFee }),
        amount: roundLine(exact(quantity.times(range.tier.unitPrice).plus(flatFee ?? '0')), ctx),
        tier: tierRange(range),
        kind: label.kind ?? 'usage',
      },
    ];
  },
};

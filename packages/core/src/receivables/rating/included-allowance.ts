import { z } from 'zod';
import { MoneyDecimal } from '../../money/index.ts';
import { graduatedChargeModel, graduatedParamsSchema } from './graduated.ts';
import { packageChargeModel, packageParamsSchema } from './package.ts';
import { perUnitChargeModel, perUnitParamsSchema } from './per-unit.ts';
import { dec, nonNegative, plain, quantityString } from './rating-decimal.ts';
import type { ChargeLabel, ChargeModel, RatedLine, RatingContext, RatingInput } from './rating-types.ts';
import { volumeChargeModel, volumeParamsSchema } from './volume.ts';

/** The quantity-based charges an allowance can sit in front of. */
export const allowanceChargeSchema = z.discriminatedUnion('model', [
  z.strictObject({ model: z.literal('per_unit'), params: perUnitParamsSchema }),
  z.strictObject({ model: z.literal('graduated'), params: graduatedParamsSchema }),
  z.strictObject({ model: z.literal('volume'), params: volumeParamsSchema }),
  z.strictObject({ model: z.literal('package'), params: packageParamsSchema }),
]);

export type AllowanceCharge = z.infer<typeof allowanceChargeSchema>;

export const includedAllowanceParamsSchema = z.strictObject({
  /** Units included in the plan for each period, e.g. "10000" API calls. */
  includedQuantity: quantityString,
  /** How units beyond the allowance are priced. */
  charge: allowanceChargeSchema,
  /**
   * Usage beyond the allowance: `bill` (default) bills it at `charge`; `review` makes the
   * allowance a hard entitlement: ingestion stores the events that go beyond it flagged
   * for review, so they are never billed until someone has looked at them.
   */
  overage: z.enum(['bill', 'review']).optional(),
});

export type IncludedAllowanceParams = z.infer<typeof includedAllowanceParamsSchema>;

function rateBeyondAllowance(charge: AllowanceCharge, input: RatingInput, ctx: RatingContext, label: ChargeLabel): RatedLine[] {
  switch (charge.model) {
    case 'per_unit':
      return perUnitChargeModel.rate(charge.params, input, ctx, label);
    case 'graduated':
      return graduatedChargeModel.rate(charge.params, input, ctx, label);
    case 'volume':
      return volumeChargeModel.rate(charge.params, input, ctx, label);
    case 'package':
      return packageChargeModel.rate(charge.params, input, ctx, label);
  }
}

/**
 * Included entitlement (free allowance): `includedQuantity` is subtracted BEFORE rating,
 * never below zero, and the rest is rated by the inner charge from zero (so the first unit
 * beyond the allowance is priced by the first tier). Lines: an `allowance` line showing the
 * units covered (amount 0), then the inner charge's lines for the rest (none when nothing is
 * left). Zero quantity → no lines.
 *
 * The allowance is granted once per billing period. When a price change split the period
 * into windows, `priorQuantity` (units of the period rated in earlier windows) has already
 * consumed part of it: this window gets what is left, and the inner charge continues from
 * the units earlier windows billed beyond the allowance (tiers keep filling).
 */
export const includedAllowanceChargeModel: ChargeModel<IncludedAllowanceParams> = {
  paramsSchema: includedAllowanceParamsSchema,
  defaultName: 'Usage',
  rate(params, input, ctx, label): RatedLine[] {
    const quantity = dec(input.quantity);
    if (quantity.isZero()) return [];
    const included = dec(params.includedQuantity);
    const prior = dec(input.priorQuantity ?? '0');
    const covered = MoneyDecimal.min(quantity, nonNegative(included.minus(prior)));
    const allowanceLine: RatedLine = {
      description: `${label.name}, included (${params.includedQuantity} per period)`,
      quantity: plain(covered),
      unitPrice: '0',
      amount: 0n,
      kind: 'allowance',
    };
    const beyond: RatingInput = {
      ...input,
      quantity: plain(quantity.minus(covered)),
      ...(input.priorQuantity === undefined ? {} : { priorQuantity: plain(nonNegative(prior.minus(included))) }),
      ...(input.periodQuantity === undefined ? {} : { periodQuantity: plain(nonNegative(dec(input.periodQuantity).minus(included))) }),
    };
    // A window whose share of the allowance was used up earlier shows only its priced units.
    const shown = covered.isZero() && !prior.isZero() ? [] : [allowanceLine];
    return [...shown, ...rateBeyondAllowance(params.charge, beyond, ctx, label)];
  },
};

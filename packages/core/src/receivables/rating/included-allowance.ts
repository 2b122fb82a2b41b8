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
 */
export const includedAllowanceChargeModel: ChargeModel<IncludedAllowanceParams> = {
  paramsSchema: includedAllowanceParamsSchema,
  defaultName: 'Usage',
  rate(params, input, ctx, label): RatedLine[] {
    const quantity = dec(input.quantity);
    if (quantity.isZero()) return [];
    const included = dec(params.includedQuantity);
    const allowanceLine: RatedLine = {
      description: `${label.name}, included (${params.includedQuantity} per period)`,
      quantity: plain(MoneyDecimal.min(quantity, included)),
      unitPrice: '0',
      amount: 0n,
      kind: 'allowance',
    };
    const beyond = plain(nonNegative(quantity.minus(included)));
    return [allowanceLine, ...rateBeyondAllowance(params.charge, { ...input, quantity: beyond }, ctx, label)];
  },
};

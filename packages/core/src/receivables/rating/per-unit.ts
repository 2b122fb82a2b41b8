import { z } from 'zod';
import { dec, exact, priceString, roundLine } from './rating-decimal.ts';
import type { ChargeModel, RatedLine } from './rating-types.ts';

export const perUnitParamsSchema = z.strictObject({
  /** Price per unit (or seat) in major units, unrounded, e.g. "0.0015" per API call. */
  unitPrice: priceString,
});

export type PerUnitParams = z.infer<typeof perUnitParamsSchema>;

/**
 * Per unit / per seat: `quantity × unitPrice`, rounded once. Zero quantity → no line.
 * Seats are billed as `kind: 'recurring'` when the charge says so, usage otherwise.
 */
export const perUnitChargeModel: ChargeModel<PerUnitParams> = {
  paramsSchema: perUnitParamsSchema,
  defaultName: 'Units',
  rate(params, input, ctx, label): RatedLine[] {
    const quantity = dec(input.quantity);
    if (quantity.isZero()) return [];
    return [
      {
        description: label.name,
        quantity: input.quantity,
        unitPrice: params.unitPrice,
        amount: roundLine(exact(quantity.times(params.unitPrice)), ctx),
        kind: label.kind ?? 'usage',
      },
    ];
  },
};

import { z } from 'zod';
import { dec, exact, priceString, roundLine } from './rating-decimal.ts';
import type { ChargeModel, RatedLine } from './rating-types.ts';

export const oneTimeParamsSchema = z.strictObject({
  /** Price per unit in major units (set-up fee, training day, hardware). */
  unitPrice: priceString,
});

export type OneTimeParams = z.infer<typeof oneTimeParamsSchema>;

/**
 * One-time charge: `quantity × unitPrice` as a `one_time` line, rounded once. Zero
 * quantity → no line. Billing it only once is the caller's job (it is stored as billed).
 */
export const oneTimeChargeModel: ChargeModel<OneTimeParams> = {
  paramsSchema: oneTimeParamsSchema,
  defaultName: 'One-time charge',
  rate(params, input, ctx, label): RatedLine[] {
    const quantity = dec(input.quantity);
    if (quantity.isZero()) return [];
    return [
      {
        description: label.name,
        quantity: input.quantity,
        unitPrice: params.unitPrice,
        amount: roundLine(exact(quantity.times(params.unitPrice)), ctx),
        kind: 'one_time',
      },
    ];
  },
};

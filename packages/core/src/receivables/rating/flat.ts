import { z } from 'zod';
import { dec, priceString, roundLine } from './rating-decimal.ts';
import type { ChargeModel, RatedLine } from './rating-types.ts';

export const flatParamsSchema = z.strictObject({
  /** Price per billing period in major units. */
  amount: priceString,
});

export type FlatParams = z.infer<typeof flatParamsSchema>;

/**
 * Flat recurring fee: one `recurring` line per period, whatever the quantity (a zero price
 * still gives a line, so a free plan shows on the invoice). Partial periods are prorated by
 * the caller (`prorateAmount`), not here.
 */
export const flatChargeModel: ChargeModel<FlatParams> = {
  paramsSchema: flatParamsSchema,
  defaultName: 'Subscription fee',
  rate(params, _input, ctx, label): RatedLine[] {
    return [
      {
        description: label.name,
        quantity: '1',
        unitPrice: params.amount,
        amount: roundLine(dec(params.amount), ctx),
        kind: 'recurring',
      },
    ];
  },
};

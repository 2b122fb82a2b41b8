import { z } from 'zod';
import { perUnitChargeModel } from './per-unit.ts';
import { priceString } from './rating-decimal.ts';
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
  // Priced exactly like per unit; only the line kind differs.
  rate: (params, input, ctx, label): RatedLine[] =>
    perUnitChargeModel.rate(params, input, ctx, label).map((line) => ({ ...line, kind: 'one_time' })),
};

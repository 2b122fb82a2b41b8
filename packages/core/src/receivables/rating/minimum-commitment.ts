import { z } from 'zod';
import { AppError } from '../../errors/app-error.ts';
import { formatMoney, money } from '../../money/index.ts';
import { dec, priceString, roundLine } from './rating-decimal.ts';
import type { ChargeModel, RatedLine } from './rating-types.ts';

export const minimumCommitmentParamsSchema = z.strictObject({
  /** Minimum spend per billing period in major units. */
  amount: priceString,
});

export type MinimumCommitmentParams = z.infer<typeof minimumCommitmentParamsSchema>;

/**
 * Minimum commitment with true-up: given the period's other charges (`periodChargesTotal`,
 * the sum of their rounded lines in minor units), adds one `commitment_true_up` line for
 * `commitment − total` when that is positive, and no line when usage already meets or
 * exceeds the commitment. The commitment is rounded once to minor units; the true-up is an
 * exact difference of minor units, so it is not rounded again. For a partial period the
 * caller prorates the commitment before rating (or passes a prorated charge).
 */
export const minimumCommitmentChargeModel: ChargeModel<MinimumCommitmentParams> = {
  paramsSchema: minimumCommitmentParamsSchema,
  defaultName: 'Minimum commitment true-up',
  rate(params, input, ctx, label): RatedLine[] {
    const total = input.periodChargesTotal;
    if (total === undefined) {
      throw AppError.invalid('/input/periodChargesTotal', 'the period charges total is required for a minimum commitment');
    }
    const commitment = roundLine(dec(params.amount), ctx);
    const trueUp = commitment - total;
    if (trueUp <= 0n) return [];
    const shown = (minor: bigint) => formatMoney(money(minor, ctx.currency));
    return [
      {
        description: `${label.name} (commitment ${shown(commitment)}, charges ${shown(total)})`,
        quantity: '1',
        unitPrice: null,
        amount: trueUp,
        kind: 'commitment_true_up',
      },
    ];
  },
};

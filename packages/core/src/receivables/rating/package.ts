import type { Decimal } from 'decimal.js';
import { z } from 'zod';
import { dec, exact, nonNegative, plain, positiveQuantityString, priceString, quantityString, roundLine } from './rating-decimal.ts';
import type { ChargeModel, RatedLine } from './rating-types.ts';

export const packageParamsSchema = z.strictObject({
  /** Units per block, e.g. "1000" messages. */
  blockSize: positiveQuantityString,
  /** Price per started block in major units. */
  blockPrice: priceString,
  /** Units free before the first block starts counting. */
  freeUnits: quantityString.optional(),
});

export type PackageParams = z.infer<typeof packageParamsSchema>;

/** Blocks started by `units` of a period: `ceil(max(0, units − freeUnits) / blockSize)`. */
function blocksFor(params: PackageParams, units: Decimal): Decimal {
  const billable = nonNegative(units.minus(params.freeUnits ?? '0'));
  // Integer division is exact on these bounded inputs; a remainder means a started block.
  const whole = billable.dividedToIntegerBy(params.blockSize);
  return exact(whole.times(params.blockSize).lessThan(billable) ? whole.plus(1) : whole);
}

/**
 * Package pricing: units beyond `freeUnits` are billed in blocks of `blockSize`; a started
 * block is billed in full (partial blocks round up). One line: quantity = number of blocks,
 * unitPrice = blockPrice. Zero quantity → no line; a quantity inside the free units gives a
 * zero line with 0 blocks, so the free usage is visible.
 *
 * With `priorQuantity` (units of the period rated in an earlier window) free units and
 * blocks are counted over the period: the window bills the blocks its units start beyond
 * those already started, so a block begun before a price change is not billed twice.
 */
export const packageChargeModel: ChargeModel<PackageParams> = {
  paramsSchema: packageParamsSchema,
  defaultName: 'Usage',
  rate(params, input, ctx, label): RatedLine[] {
    const quantity = dec(input.quantity);
    if (quantity.isZero()) return [];
    const prior = dec(input.priorQuantity ?? '0');
    const blocks = exact(blocksFor(params, exact(prior.plus(quantity))).minus(blocksFor(params, prior)));
    const free = params.freeUnits === undefined ? '' : `, first ${params.freeUnits} free`;
    return [
      {
        description: `${label.name} (${input.quantity} units in blocks of ${params.blockSize}${free})`,
        quantity: plain(blocks),
        unitPrice: params.blockPrice,
        amount: roundLine(exact(blocks.times(params.blockPrice)), ctx),
        kind: label.kind ?? 'usage',
      },
    ];
  },
};

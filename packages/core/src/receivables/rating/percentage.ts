import type { Decimal } from 'decimal.js';
import { z } from 'zod';
import { AppError } from '../../errors/app-error.ts';
import { MoneyDecimal } from '../../money/index.ts';
import { dec, exact, percentString, plain, priceString, roundLine, transactionAmountString } from './rating-decimal.ts';
import type { ChargeModel, RatedLine } from './rating-types.ts';

export const percentageParamsSchema = z
  .strictObject({
    /** Percent of each transaction amount: "2.9" means 2.9 %. */
    rate: percentString,
    /** Added to the fee of every charged transaction. */
    fixedFee: priceString.optional(),
    /** Per-transaction fee floor (applies to charged transactions only). */
    minPerTransaction: priceString.optional(),
    /** Per-transaction fee cap. */
    maxPerTransaction: priceString.optional(),
    /** The first N transactions are free. */
    freeTransactions: z.number().int('must be a whole number').min(0, 'must not be negative').max(1_000_000_000).optional(),
    /** The first X of cumulative transaction amount is free. */
    freeAmount: transactionAmountString.optional(),
  })
  .superRefine((params, ctx) => {
    const { minPerTransaction: min, maxPerTransaction: max } = params;
    if (min !== undefined && max !== undefined && dec(min).greaterThan(max)) {
      ctx.addIssue({ code: 'custom', path: ['maxPerTransaction'], message: `must not be below minPerTransaction ${min}` });
    }
  });

export type PercentageParams = z.infer<typeof percentageParamsSchema>;

/** Free allowance still available; `null` means that dimension does not limit. */
interface FreeState {
  count: number | null;
  amount: Decimal | null;
}

/**
 * Consumes the free allowance for one transaction and returns the charged part, or null
 * when the allowance covers the whole transaction (then it pays no fee at all).
 */
function applyAllowance(amount: Decimal, free: FreeState | undefined): Decimal | null {
  if (free === undefined) return amount;
  const countLeft = free.count === null || free.count > 0;
  const amountLeft = free.amount === null || free.amount.greaterThan(0);
  if (!countLeft || !amountLeft) return amount;
  if (free.count !== null) free.count -= 1;
  if (free.amount === null) return null;
  const covered = MoneyDecimal.min(amount, free.amount);
  free.amount = free.amount.minus(covered);
  const charged = amount.minus(covered);
  return charged.isZero() ? null : charged;
}

/**
 * Percentage of transaction amount (payment fees, marketplace take rates).
 *
 * Transactions are taken in the order given (chronological). While a free allowance lasts
 * (`freeTransactions` and/or `freeAmount`; with both, it ends when the first runs out) a
 * transaction consumes it: fully covered → no fee at all (no fixed fee, no minimum); a
 * transaction straddling the end of `freeAmount` pays on its uncovered part only.
 * Each charged transaction's fee = `charged × rate / 100 + fixedFee`, clamped to
 * `[minPerTransaction, maxPerTransaction]`, kept exact; the period's fees are summed and
 * rounded ONCE into one line (quantity = number of transactions, unitPrice null).
 * No transactions → no line. `input.transactions` is required for this model.
 */
export const percentageChargeModel: ChargeModel<PercentageParams> = {
  paramsSchema: percentageParamsSchema,
  defaultName: 'Transaction fees',
  rate(params, input, ctx, label): RatedLine[] {
    if (input.transactions === undefined) {
      throw AppError.invalid('/input/transactions', 'transaction amounts are required for percentage pricing');
    }
    if (input.transactions.length === 0) return [];
    const hasFree = params.freeTransactions !== undefined || params.freeAmount !== undefined;
    const free: FreeState | undefined = hasFree
      ? { count: params.freeTransactions ?? null, amount: params.freeAmount === undefined ? null : dec(params.freeAmount) }
      : undefined;
    const rate = dec(params.rate).dividedBy(100);
    let base = new MoneyDecimal(0);
    let total = new MoneyDecimal(0);
    for (const transaction of input.transactions) {
      const charged = applyAllowance(dec(transaction), free);
      if (charged === null) continue;
      let fee = charged.times(rate).plus(params.fixedFee ?? '0');
      if (params.minPerTransaction !== undefined) fee = MoneyDecimal.max(fee, params.minPerTransaction);
      if (params.maxPerTransaction !== undefined) fee = MoneyDecimal.min(fee, params.maxPerTransaction);
      base = base.plus(charged);
      total = exact(total.plus(fee));
    }
    const fixed = params.fixedFee === undefined ? '' : ` + ${params.fixedFee} per transaction`;
    return [
      {
        description: `${label.name} (${params.rate}% of ${plain(exact(base))}${fixed})`,
        quantity: String(input.transactions.length),
        unitPrice: null,
        amount: roundLine(total, ctx),
        kind: 'usage',
      },
    ];
  },
};

import { z } from 'zod';
import { ROUNDING_MODES, isRoundingMode, type RoundingMode } from '../../money/index.ts';
import { currencyCode, requiredText } from '../../shared/schemas.ts';
import { flatParamsSchema } from './flat.ts';
import { graduatedParamsSchema } from './graduated.ts';
import { includedAllowanceParamsSchema } from './included-allowance.ts';
import { milestoneParamsSchema } from './milestone.ts';
import { minimumCommitmentParamsSchema } from './minimum-commitment.ts';
import { packageParamsSchema } from './package.ts';
import { percentageParamsSchema } from './percentage.ts';
import { perUnitParamsSchema } from './per-unit.ts';
import { oneTimeParamsSchema } from './one-time.ts';
import { quantityString, transactionAmountString } from './rating-decimal.ts';
import { volumeParamsSchema } from './volume.ts';

/** Line description; defaults to the model's name. */
const name = requiredText(200).optional();
/** Quantity-based models bill `usage` unless told `recurring` (seats, licences). */
const kind = z.enum(['recurring', 'usage']).optional();

/** Every charge model name, for schemas and error messages. */
export const CHARGE_MODEL_NAMES = [
  'flat',
  'per_unit',
  'graduated',
  'volume',
  'package',
  'percentage',
  'minimum_commitment',
  'included_allowance',
  'one_time',
  'milestone',
] as const;

/**
 * A charge as stored on a plan or contract line: `{ model, params, name?, kind? }`,
 * discriminated on `model`; `params` are validated by that model's schema. Unknown fields
 * are refused, so a typo ("unitprice") is an error instead of a silent zero.
 */
export const chargeParamsSchema = z.discriminatedUnion(
  'model',
  [
    z.strictObject({ model: z.literal('flat'), name, params: flatParamsSchema }),
    z.strictObject({ model: z.literal('per_unit'), name, kind, params: perUnitParamsSchema }),
    z.strictObject({ model: z.literal('graduated'), name, kind, params: graduatedParamsSchema }),
    z.strictObject({ model: z.literal('volume'), name, kind, params: volumeParamsSchema }),
    z.strictObject({ model: z.literal('package'), name, kind, params: packageParamsSchema }),
    z.strictObject({ model: z.literal('percentage'), name, params: percentageParamsSchema }),
    z.strictObject({ model: z.literal('minimum_commitment'), name, params: minimumCommitmentParamsSchema }),
    z.strictObject({ model: z.literal('included_allowance'), name, kind, params: includedAllowanceParamsSchema }),
    z.strictObject({ model: z.literal('one_time'), name, params: oneTimeParamsSchema }),
    z.strictObject({ model: z.literal('milestone'), name, params: milestoneParamsSchema }),
  ],
  { error: () => `unknown charge model; use one of ${CHARGE_MODEL_NAMES.join(', ')}` },
);

export type Charge = z.infer<typeof chargeParamsSchema>;
export type ChargeModelName = Charge['model'];
/** The params type of one model, e.g. `ChargeParamsOf<'graduated'>`. */
export type ChargeParamsOf<M extends ChargeModelName> = Extract<Charge, { model: M }>['params'];

/** Validates a {@link RatingInput}; errors are reported under `/input`. */
export const ratingInputSchema = z.strictObject({
  quantity: quantityString,
  priorQuantity: quantityString.optional(),
  periodQuantity: quantityString.optional(),
  transactions: z.array(transactionAmountString).max(10_000_000).readonly().optional(),
  periodChargesTotal: z.bigint().optional(),
  completedMilestones: z.array(z.string().max(60)).max(100).readonly().optional(),
});

/** Validates a {@link RatingContext}; errors are reported under `/context`. */
export const ratingContextSchema = z.strictObject({
  currency: currencyCode,
  roundingMode: z.custom<RoundingMode>(isRoundingMode, `must be one of ${ROUNDING_MODES.join(', ')}`),
});

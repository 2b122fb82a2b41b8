/**
 * Charge models: pure rating calculators behind one interface, chosen by `rateCharge`
 * from the charge's `model`. Tier semantics, rounding and zero-quantity rules are in
 * `tiers.ts` and docs/billing-rules.md.
 */
export type { ChargeLabel, ChargeModel, LineKind, RatedLine, RatingContext, RatingInput, TierRange } from './rating-types.ts';
export {
  CHARGE_MODEL_NAMES,
  chargeParamsSchema,
  ratingContextSchema,
  ratingInputSchema,
  type Charge,
  type ChargeModelName,
  type ChargeParamsOf,
} from './charge-schema.ts';
export { chargeModelFor, parseCharge, rateCharge } from './charge-model-factory.ts';
export { tierSchema, tiersSchema, type Tier } from './tiers.ts';
export { flatChargeModel, flatParamsSchema, type FlatParams } from './flat.ts';
export { perUnitChargeModel, perUnitParamsSchema, type PerUnitParams } from './per-unit.ts';
export { graduatedChargeModel, graduatedParamsSchema, type GraduatedParams } from './graduated.ts';
export { volumeChargeModel, volumeParamsSchema, type VolumeParams } from './volume.ts';
export { packageChargeModel, packageParamsSchema, type PackageParams } from './package.ts';
export { percentageChargeModel, percentageParamsSchema, type PercentageParams } from './percentage.ts';
export { minimumCommitmentChargeModel, minimumCommitmentParamsSchema, type MinimumCommitmentParams } from './minimum-commitment.ts';
export {
  allowanceChargeSchema,
  includedAllowanceChargeModel,
  includedAllowanceParamsSchema,
  type AllowanceCharge,
  type IncludedAllowanceParams,
} from './included-allowance.ts';
export { oneTimeChargeModel, oneTimeParamsSchema, type OneTimeParams } from './one-time.ts';
export { milestoneChargeModel, milestoneParamsSchema, milestoneSchema, type MilestoneParams } from './milestone.ts';

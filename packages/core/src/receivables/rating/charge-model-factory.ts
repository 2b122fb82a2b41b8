import { AppError } from '../../errors/app-error.ts';
import {
  CHARGE_MODEL_NAMES,
  chargeParamsSchema,
  ratingContextSchema,
  ratingInputSchema,
  type Charge,
  type ChargeModelName,
  type ChargeParamsOf,
} from './charge-schema.ts';
import { flatChargeModel } from './flat.ts';
import { graduatedChargeModel } from './graduated.ts';
import { includedAllowanceChargeModel } from './included-allowance.ts';
import { milestoneChargeModel } from './milestone.ts';
import { minimumCommitmentChargeModel } from './minimum-commitment.ts';
import { oneTimeChargeModel } from './one-time.ts';
import { packageChargeModel } from './package.ts';
import { parseOrThrow } from './parse-or-throw.ts';
import { percentageChargeModel } from './percentage.ts';
import { perUnitChargeModel } from './per-unit.ts';
import type { ChargeModel, RatedLine, RatingContext, RatingInput } from './rating-types.ts';
import { volumeChargeModel } from './volume.ts';

/** The registry: one calculator per model name (Lago's `ChargeModels::Factory`). */
const CHARGE_MODELS: { readonly [M in ChargeModelName]: ChargeModel<ChargeParamsOf<M>> } = {
  flat: flatChargeModel,
  per_unit: perUnitChargeModel,
  graduated: graduatedChargeModel,
  volume: volumeChargeModel,
  package: packageChargeModel,
  percentage: percentageChargeModel,
  minimum_commitment: minimumCommitmentChargeModel,
  included_allowance: includedAllowanceChargeModel,
  one_time: oneTimeChargeModel,
  milestone: milestoneChargeModel,
};

/**
 * The calculator for `model`. Throws `AppError` (`validation_failed`, path `/model`) for an
 * unknown name, which only untyped callers (stored JSON, JavaScript) can pass.
 */
export function chargeModelFor<M extends ChargeModelName>(model: M): ChargeModel<ChargeParamsOf<M>> {
  if (!(CHARGE_MODEL_NAMES as readonly string[]).includes(model)) {
    throw AppError.invalid('/model', `unknown charge model ${JSON.stringify(model)}; use one of ${CHARGE_MODEL_NAMES.join(', ')}`);
  }
  return CHARGE_MODELS[model];
}

/**
 * Validates a charge definition (e.g. when a plan is saved). Errors name the field as a JSON
 * pointer below `basePath`: `/params/tiers/1/upTo`, `/model`.
 */
export function parseCharge(value: unknown, basePath = ''): Charge {
  return parseOrThrow(chargeParamsSchema, value, basePath);
}

/** Charges validated before, by identity: a bill run rates each contract line's charge many times. */
const parsedCharges = new WeakMap<object, Charge>();

/**
 * {@link parseCharge}, once per charge object: charges are values (stored JSON, never
 * changed in place), so a charge already validated is not validated again. One that fails
 * is not remembered, and fails again.
 */
function parsedChargeOf(charge: Charge): Charge {
  if (typeof charge !== 'object' || charge === null) return parseCharge(charge);
  let parsed = parsedCharges.get(charge);
  if (parsed === undefined) parsedCharges.set(charge, (parsed = parseCharge(charge)));
  return parsed;
}

/**
 * Rates one charge for one period: validates the charge, the input (`/input/...`) and the
 * context (`/context/...`), then lets the model's calculator price it. Pure; every returned
 * line is rounded exactly once with `ctx.roundingMode`, and the charge's total is the sum of
 * its lines' `amount`s.
 */
export function rateCharge(charge: Charge, input: RatingInput, ctx: RatingContext): RatedLine[] {
  const parsed = parsedChargeOf(charge);
  const parsedInput = parseOrThrow(ratingInputSchema, input, '/input');
  const parsedCtx = parseOrThrow(ratingContextSchema, ctx, '/context');
  // The registry is keyed by model, so the params always match their calculator; TypeScript
  // cannot correlate the two unions by itself.
  const model = chargeModelFor(parsed.model) as unknown as ChargeModel<Charge['params']>;
  const label = { name: parsed.name ?? model.defaultName, ...('kind' in parsed && parsed.kind ? { kind: parsed.kind } : {}) };
  return model.rate(parsed.params, parsedInput, parsedCtx, label);
}

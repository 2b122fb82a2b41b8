import { z } from 'zod';
import { AppError } from '../../errors/app-error.ts';
import { code, requiredText } from '../../shared/schemas.ts';
import { dec, priceString, roundLine } from './rating-decimal.ts';
import type { ChargeModel, RatedLine } from './rating-types.ts';

export const milestoneSchema = z.strictObject({
  /** Stable key that a milestone-completed event names, e.g. "go-live". */
  key: code(60),
  description: requiredText(200),
  /** Amount billed on completion, in major units. */
  amount: priceString,
});

export const milestoneParamsSchema = z.strictObject({
  milestones: z
    .array(milestoneSchema)
    .min(1, 'at least one milestone is required')
    .max(100, 'at most 100 milestones')
    .superRefine((milestones, ctx) => {
      const seen = new Set<string>();
      milestones.forEach((m, index) => {
        if (seen.has(m.key)) ctx.addIssue({ code: 'custom', path: [index, 'key'], message: `duplicate milestone key ${m.key}` });
        seen.add(m.key);
      });
    }),
});

export type MilestoneParams = z.infer<typeof milestoneParamsSchema>;

/**
 * Milestone charge: one `milestone` line per key in `input.completedMilestones` (in that
 * order), each rounded once. Pure: it does not know what was billed before — the caller
 * passes only newly completed milestones. An unknown or repeated key is a validation error.
 */
export const milestoneChargeModel: ChargeModel<MilestoneParams> = {
  paramsSchema: milestoneParamsSchema,
  defaultName: 'Milestone',
  rate(params, input, ctx, label): RatedLine[] {
    const completed = input.completedMilestones ?? [];
    const byKey = new Map(params.milestones.map((m) => [m.key, m]));
    const billed = new Set<string>();
    return completed.map((key, index) => {
      const milestone = byKey.get(key);
      const path = `/input/completedMilestones/${index}`;
      if (milestone === undefined) throw AppError.invalid(path, `unknown milestone key ${JSON.stringify(key)}`);
      if (billed.has(key)) throw AppError.invalid(path, `milestone ${key} is listed twice`);
      billed.add(key);
      return {
        description: `${label.name}: ${milestone.description}`,
        quantity: '1',
        unitPrice: milestone.amount,
        amount: roundLine(dec(milestone.amount), ctx),
        kind: 'milestone',
      };
    });
  },
};

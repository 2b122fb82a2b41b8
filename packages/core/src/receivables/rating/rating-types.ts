import type { z } from 'zod';
import type { RoundingMode } from '../../money/rounding.ts';

/**
 * What an invoice line is for. Quantity-based models bill `usage` unless the charge says
 * `recurring` (a per-seat licence is per unit and recurring).
 */
export type LineKind = 'recurring' | 'usage' | 'one_time' | 'milestone' | 'commitment_true_up' | 'allowance';

/**
 * A tier a line was priced in: units in `(from, to]`. `from` is the previous tier's `upTo`
 * ("0" for the first tier) and is exclusive; `to` is inclusive, `null` for the open last tier.
 */
export interface TierRange {
  readonly from: string;
  readonly to: string | null;
}

/**
 * One priced line, rounded exactly once.
 *
 * Invariant: `amount = round(quantity × unitPrice + (flatFee ?? 0))` in minor units with the
 * context's rounding mode, whenever `unitPrice` is not null. Lines whose amount is derived
 * from something else (percentage fees, commitment true-ups) have `unitPrice: null`.
 * An invoice total is the sum of its rounded lines, never a re-rounded exact sum.
 */
export interface RatedLine {
  readonly description: string;
  /** Decimal string, e.g. "1000000000000" events or "2.5" GB. */
  readonly quantity: string;
  /** Decimal string in major units, unrounded ("0.0015"), or null for derived amounts. */
  readonly unitPrice: string | null;
  /** Flat fee in major units included in `amount` (graduated / volume tiers only). */
  readonly flatFee?: string;
  /** Minor units of the context currency, rounded once. */
  readonly amount: bigint;
  readonly tier?: TierRange;
  readonly kind: LineKind;
}

/** What was consumed in the period, as already aggregated by the usage layer. */
export interface RatingInput {
  /** Non-negative decimal string: seats, units or the aggregated usage of the period. */
  readonly quantity: string;
  /**
   * Units of the same billing period already rated in earlier windows, when a price change
   * split the period into several windows (non-negative decimal string, default "0").
   * Graduated tiers, package blocks and an included allowance continue from there instead
   * of starting again; per-unit pricing ignores it. See docs/billing-rules.md.
   */
  readonly priorQuantity?: string;
  /**
   * The billing period's total over all its windows (volume tiers only: the tier is
   * selected by the period's total). Defaults to `priorQuantity + quantity`.
   */
  readonly periodQuantity?: string;
  /** Transaction amounts in major units of the context currency (percentage pricing only). */
  readonly transactions?: readonly string[];
  /** Sum of the period's other rounded lines in minor units (minimum commitment only). */
  readonly periodChargesTotal?: bigint;
  /** Keys of milestones completed and not yet billed (milestone charges only). */
  readonly completedMilestones?: readonly string[];
}

/** The billing entity's currency and named rounding rule for this invoice. */
export interface RatingContext {
  readonly currency: string;
  readonly roundingMode: RoundingMode;
}

/** Labels taken from the charge envelope: the line description and, if set, the line kind. */
export interface ChargeLabel {
  readonly name: string;
  readonly kind?: 'recurring' | 'usage';
}

/**
 * One pricing variant. `rate` is pure and receives params already validated by
 * `paramsSchema`, and a validated input and context; it never rounds more than once per line.
 */
export interface ChargeModel<P> {
  readonly paramsSchema: z.ZodType<P>;
  /** Description used when the charge has no `name`. */
  readonly defaultName: string;
  rate(params: P, input: RatingInput, ctx: RatingContext, label: ChargeLabel): RatedLine[];
}

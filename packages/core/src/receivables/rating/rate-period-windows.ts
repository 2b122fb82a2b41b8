import { MoneyDecimal } from '../../money/index.ts';
import { rateCharge } from './charge-model-factory.ts';
import type { Charge } from './charge-schema.ts';
import type { RatedLine, RatingContext } from './rating-types.ts';

/** One usage window of a billing period: the charge in force and the units it used. */
export interface PeriodWindow {
  readonly charge: Charge;
  /** Aggregated units of the window, a non-negative decimal string. */
  readonly quantity: string;
}

/** Where a window sits in its period: units rated before it, and the period's total. */
export interface WindowOffset {
  readonly priorQuantity: string;
  readonly periodQuantity: string;
}

/**
 * The offsets of a period's windows, in time order: each window starts where the earlier
 * ones stopped. Only for additive aggregations (sum, count); a window of a `max`, `latest`
 * or `unique_count` metric is a measurement of its own and is rated alone.
 */
export function cumulativeOffsets(quantities: readonly string[]): WindowOffset[] {
  const period = quantities.reduce((sum, q) => sum.plus(q), new MoneyDecimal(0)).toFixed();
  let prior = new MoneyDecimal(0);
  return quantities.map((q) => {
    const offset = { priorQuantity: prior.toFixed(), periodQuantity: period };
    prior = prior.plus(q);
    return offset;
  });
}

/**
 * Rates the windows of one billing period of one usage line, split by price changes
 * (amendments), in time order. The period is rated once: an included allowance is consumed
 * once, graduated tiers and package blocks fill cumulatively across the windows and volume
 * tiers are selected by the period's total — while each window's units are priced by the
 * charge in force in that window. Each line is rounded once. Pure.
 */
export function ratePeriodWindows(windows: readonly PeriodWindow[], ctx: RatingContext): RatedLine[][] {
  const offsets = cumulativeOffsets(windows.map((w) => w.quantity));
  return windows.map((w, i) => rateCharge(w.charge, { quantity: w.quantity, ...offsets[i]! }, ctx));
}

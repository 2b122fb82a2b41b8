import type { RoundingMode } from '../../money/rounding.ts';
import { MoneyDecimal } from '../../money/exact-decimal.ts';
import { rateCharge } from '../rating/charge-model-factory.ts';
import type { Charge } from '../rating/charge-schema.ts';
import type { WindowOffset } from '../rating/rate-period-windows.ts';
import type { LocalDate } from '../schedule/local-dates.ts';

export interface UsagePlanInput {
  contractLineId: string;
  productId: string;
  charge: Charge;
  metricName: string;
  serviceStart: LocalDate;
  serviceEnd: LocalDate;
  /** Aggregated usage of the window, all accepted events so far. */
  quantity: string;
  /** What earlier invoices already billed for this window. */
  billedQuantity: string;
  billedAmountMinor: bigint;
  billedBefore: boolean;
  /**
   * Where the window sits in its billing period when a price change split the period
   * (see `cumulativeOffsets`): the allowance, tiers and blocks continue from earlier windows.
   */
  offset?: WindowOffset;
}

export interface PlannedUsageLine {
  kind: 'usage' | 'late_usage';
  contractLineId: string;
  productId: string;
  description: string;
  serviceStart: LocalDate;
  serviceEnd: LocalDate;
  quantity: string;
  unitPrice: string | null;
  amountMinor: bigint;
}

/**
 * The usage line still owed for one window: the window's whole usage rated now, minus
 * what earlier invoices billed for it. On a window billed before, the difference is a
 * separate `late_usage` line naming the period, so late events are billed once, at the
 * price the full quantity earns (tiers apply to the period's total, not to the late part
 * alone).
 */
export function planUsageLine(input: UsagePlanInput, currency: string, roundingMode: RoundingMode): PlannedUsageLine | undefined {
  const rated = new MoneyDecimal(input.quantity).isZero() ? [] : rateCharge(input.charge, { quantity: input.quantity, ...input.offset }, { currency, roundingMode });
  const amount = rated.reduce((sum, l) => sum + l.amount, 0n) - input.billedAmountMinor;
  const quantity = new MoneyDecimal(input.quantity).minus(input.billedQuantity);
  if (amount === 0n && quantity.isZero()) return undefined;
  const late = input.billedBefore;
  const period = `${input.serviceStart} to ${input.serviceEnd}`;
  return {
    kind: late ? 'late_usage' : 'usage',
    contractLineId: input.contractLineId,
    productId: input.productId,
    description: late ? `Late usage: ${input.metricName}, period ${period}` : `${input.metricName}, ${period}`,
    serviceStart: input.serviceStart,
    serviceEnd: input.serviceEnd,
    quantity: quantity.toFixed(),
    unitPrice: !late && rated.length === 1 ? rated[0]!.unitPrice : null,
    amountMinor: amount,
  };
}

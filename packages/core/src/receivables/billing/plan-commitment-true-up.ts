import { formatMoney, money } from '../../money/index.ts';
import type { RoundingMode } from '../../money/rounding.ts';
import { rateCharge } from '../rating/charge-model-factory.ts';
import type { Charge } from '../rating/charge-schema.ts';
import { daysBetween, type LocalDate } from '../schedule/local-dates.ts';
import { prorateAmount } from '../schedule/proration.ts';
import type { BillingPeriodRange } from './plan-recurring-lines.ts';

/** A version of a `minimum_commitment` contract line. */
export interface CommitmentVersion {
  id: string;
  productId: string;
  charge: Charge;
  startDate: LocalDate;
  endDate: LocalDate;
}

export interface CommitmentTrueUpInput {
  period: BillingPeriodRange;
  /** The versions of one commitment line, oldest first. */
  versions: readonly CommitmentVersion[];
  /** The contract's usage charges for the period: every usage and late-usage line for it, billed before or now. */
  usageMinor: bigint;
  /** True-ups already billed for the period. */
  billedTrueUpMinor: bigint;
  currency: string;
  roundingMode: RoundingMode;
}

export interface PlannedTrueUpLine {
  kind: 'commitment_true_up';
  contractLineId: string;
  productId: string;
  description: string;
  serviceStart: LocalDate;
  serviceEnd: LocalDate;
  quantity: string;
  unitPrice: null;
  amountMinor: bigint;
}

const later = (a: LocalDate, b: LocalDate): LocalDate => (a > b ? a : b);
const earlier = (a: LocalDate, b: LocalDate): LocalDate => (a < b ? a : b);

/**
 * The commitment of one billing period in minor units: each version's amount (rounded once
 * by the `minimum_commitment` model) for the days it is in force; a version in force for
 * the whole nominal period gives its exact amount, a shorter one is prorated by day over the
 * nominal length and rounded once.
 */
export function periodCommitment(period: BillingPeriodRange, versions: readonly CommitmentVersion[], currency: string, roundingMode: RoundingMode): bigint {
  let total = 0n;
  for (const v of versions) {
    const days = Math.max(0, daysBetween(later(v.startDate, period.start), earlier(v.endDate, period.end)));
    if (days === 0) continue;
    // With no other charges the model's true-up is the whole commitment, rounded once.
    const full = rateCharge(v.charge, { quantity: '1', periodChargesTotal: 0n }, { currency, roundingMode }).reduce((s, l) => s + l.amount, 0n);
    total += days === period.fullDays ? full : prorateAmount(money(full, currency), { numerator: BigInt(days), denominator: BigInt(period.fullDays) }, roundingMode).amount;
  }
  return total;
}

/**
 * The minimum-commitment true-up still owed for a closed billing period: what the
 * period's usage charges fall short of the commitment (never below zero), minus the
 * true-ups already billed for the period. A positive difference is a `commitment_true_up`
 * line naming the period; a negative one (late usage arrived after a true-up was billed)
 * gives the excess back on the same kind of line. Nothing when nothing changed. Pure.
 */
export function planCommitmentTrueUp(input: CommitmentTrueUpInput): PlannedTrueUpLine | undefined {
  const { period, versions, currency, roundingMode } = input;
  const inForce = versions.filter((v) => v.startDate < period.end && v.endDate > period.start);
  const last = inForce.at(-1);
  if (!last) return undefined;
  const commitment = periodCommitment(period, inForce, currency, roundingMode);
  const shortfall = commitment > input.usageMinor ? commitment - input.usageMinor : 0n;
  const amount = shortfall - input.billedTrueUpMinor;
  if (amount === 0n) return undefined;
  const shown = (minor: bigint) => `${formatMoney(money(minor, currency))} ${currency}`;
  const name = last.charge.name ?? 'Minimum commitment true-up';
  const what = input.billedTrueUpMinor === 0n ? name : `${name}, adjusted`;
  return {
    kind: 'commitment_true_up',
    contractLineId: last.id,
    productId: last.productId,
    description: `${what}, period ${period.start} to ${period.end} (commitment ${shown(commitment)}, usage charges ${shown(input.usageMinor)})`,
    serviceStart: period.start,
    serviceEnd: period.end,
    quantity: '1',
    unitPrice: null,
    amountMinor: amount,
  };
}

import { AppError } from '../../errors/app-error.ts';
import { MoneyDecimal } from '../../money/exact-decimal.ts';
import { multiplyMoney } from '../../money/fx.ts';
import { money } from '../../money/money.ts';
import type { RoundingMode } from '../../money/rounding.ts';

// A percentage as written in tax tables: up to 3 integer digits and 6 decimals, no sign.
const PERCENT = /^(\d{1,3})(?:\.(\d{1,6}))?$/;

/**
 * The canonical text of a percentage: no leading or trailing zeros ("19.000000" → "19",
 * "08.50" → "8.5", "0.0" → "0"), so equal rates group and compare equal.
 * Throws `AppError` (`validation_failed`) unless `percent` is a plain decimal string from 0 to
 * `max` with at most 6 decimals; a JavaScript number is refused because most rates are not
 * exact as floats.
 */
export function normalizePercent(percent: string, path = '/rate', max = 100): string {
  const match = typeof percent === 'string' ? PERCENT.exec(percent) : null;
  if (match === null) {
    throw AppError.invalid(path, `must be a percentage written as a decimal string such as "19" or "8.875", got ${JSON.stringify(percent)}`);
  }
  const integer = BigInt(match[1]!).toString();
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  const canonical = fraction === '' ? integer : `${integer}.${fraction}`;
  if (new MoneyDecimal(canonical).greaterThan(max)) throw AppError.invalid(path, `must be at most ${max}, got ${percent}`);
  return canonical;
}

/** Input of {@link calculateLineTax}. */
export interface LineTaxInput {
  /** Net line amount in minor units; negative for credits. */
  amount: bigint;
  currency: string;
  /** Percent as a decimal string ("19", "8.875"). */
  ratePercent: string;
  /** Percent of the amount that is taxable ("80" for Texas data processing); default "100". */
  taxablePortionPercent?: string;
  roundingMode: RoundingMode;
}

/** The exact factor `rate / 100 × portion / 100` as a plain decimal string. */
function taxFactor(ratePercent: string, taxablePortionPercent: string): string {
  const rate = normalizePercent(ratePercent, '/rate');
  const portion = normalizePercent(taxablePortionPercent, '/taxablePortion');
  // At most 9 + 9 significant digits: exact within MoneyDecimal's 60-digit precision.
  return new MoneyDecimal(rate).times(portion).dividedBy(10_000).toFixed();
}

/**
 * The tax of one line, rounded ONCE: `round(amount × rate / 100 × portion / 100)` in minor
 * units with the entity's rounding mode. There is no intermediate rounding of the taxable
 * portion, so 10.01 USD at 6.25 % on 80 % is `round(0.50050)` = 0.50, not `round(8.01 × 6.25 %)`.
 * Symmetric modes (`half_up`, `half_even`, `half_down`, `up`, `down`) give a credit the exact
 * negative of its invoice line's tax.
 */
export function calculateLineTax(input: LineTaxInput): bigint {
  const factor = taxFactor(input.ratePercent, input.taxablePortionPercent ?? '100');
  return multiplyMoney(money(input.amount, input.currency), factor, input.roundingMode).amount;
}

/**
 * The taxable part of a line amount (`amount × portion / 100`), rounded once with the same
 * mode; the amount itself when the portion is 100 %. Shown as the line's taxable base; the
 * tax is still computed from the unrounded portion by {@link calculateLineTax}.
 */
export function taxablePortionOf(amount: bigint, currency: string, taxablePortionPercent: string, roundingMode: RoundingMode): bigint {
  const portion = normalizePercent(taxablePortionPercent, '/taxablePortion');
  if (portion === '100') return money(amount, currency).amount;
  const factor = new MoneyDecimal(portion).dividedBy(100).toFixed();
  return multiplyMoney(money(amount, currency), factor, roundingMode).amount;
}

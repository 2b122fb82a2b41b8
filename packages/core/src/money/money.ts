import { AppError } from '../errors/app-error.ts';
import { getCurrency } from './iso-currencies.ts';

/**
 * An exact amount of one currency. `amount` counts minor units (cents for EUR, yen for JPY,
 * fils for KWD) as a bigint, so there is no float anywhere and no 2^53 limit.
 * Values are frozen; every operation returns a new Money.
 */
export interface Money {
  readonly amount: bigint;
  /** ISO 4217 alphabetic code, upper case. */
  readonly currency: string;
}

/**
 * Creates a Money from minor units.
 * Throws `AppError` (`validation_failed`) for an unknown currency or a non-bigint amount
 * (a JavaScript caller passing `12.5` would otherwise create a float-backed value).
 */
export function money(amount: bigint, currency: string): Money {
  if (typeof amount !== 'bigint') {
    throw AppError.invalid('/amount', `amount must be a bigint count of minor units, not ${typeof amount}`);
  }
  getCurrency(currency);
  return Object.freeze({ amount, currency });
}

/** Zero in `currency`. */
export function zero(currency: string): Money {
  return money(0n, currency);
}

/**
 * Throws `AppError` (`validation_failed`) unless `a` and `b` have the same currency.
 * Mixing currencies is always a bug or a missing conversion, never something to coerce.
 */
export function assertSameCurrency(a: Money, b: Money, path = '/currency'): void {
  if (a.currency !== b.currency) {
    throw AppError.invalid(path, `currency mismatch: ${a.currency} and ${b.currency} cannot be combined`, 'currency_mismatch');
  }
}

/** `a + b`; both must have the same currency. */
export function addMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return money(a.amount + b.amount, a.currency);
}

/** `a - b`; both must have the same currency. */
export function subtractMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return money(a.amount - b.amount, a.currency);
}

/** `-m`, e.g. to turn an invoice total into a credit note total. */
export function negateMoney(m: Money): Money {
  return money(-m.amount, m.currency);
}

/**
 * Sums `items`, all of which must be in `currency`. The currency is a parameter (not taken
 * from the first item) so that an empty list still has a well-defined result: zero.
 */
export function sumMoney(items: readonly Money[], currency: string): Money {
  const result = zero(currency);
  let total = 0n;
  for (const [index, item] of items.entries()) {
    assertSameCurrency(result, item, `/${index}/currency`);
    total += item.amount;
  }
  return money(total, currency);
}

/** -1, 0 or 1 as `a` is less than, equal to or greater than `b`; same currency required. */
export function compareMoney(a: Money, b: Money): -1 | 0 | 1 {
  assertSameCurrency(a, b);
  return a.amount < b.amount ? -1 : a.amount > b.amount ? 1 : 0;
}

/** True when the amount is exactly zero. */
export function isZero(m: Money): boolean {
  return m.amount === 0n;
}

/** True when the amount is below zero (zero is not negative). */
export function isNegative(m: Money): boolean {
  return m.amount < 0n;
}

/**
 * Money: exact amounts as bigint minor units per ISO 4217, with explicit, single-step rounding.
 * `exact-decimal.ts` stays internal except for the `MoneyDecimal` constructor.
 */
export { ISO_CURRENCIES, findCurrency, getCurrency, isCurrencyCode, type IsoCurrency } from './iso-currencies.ts';
export {
  addMoney,
  assertSameCurrency,
  compareMoney,
  isNegative,
  isZero,
  money,
  negateMoney,
  subtractMoney,
  sumMoney,
  zero,
  type Money,
} from './money.ts';
export {
  ROUNDING_MODES,
  assertRoundingMode,
  divideAndRound,
  isRoundingMode,
  roundToMinorUnits,
  type RoundingMode,
} from './rounding.ts';
export { formatMoney, formatMoneyLocale, parseMoney, type ParseMoneyOptions } from './parse-format.ts';
export { allocateEvenly, allocateMoney, type AllocationRatio } from './allocate.ts';
export { convertMoney, multiplyMoney, type DecimalInput } from './fx.ts';
export { MoneyDecimal } from './exact-decimal.ts';

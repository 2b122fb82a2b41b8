import { AppError, formatMoney, getCurrency, parseMoney } from '@invoiceops/core';

/** Numbers follow this locale when the caller gives none: "1,234,567.89". */
export const DEFAULT_NUMBER_LOCALE = 'en-US';

const PLAIN_DECIMAL = /^-?\d+(?:\.(\d+))?$/;
// Intl.NumberFormat v3 (Node 20) accepts up to 100 fraction digits; beyond it would round.
const MAX_FRACTION_DIGITS = 100;

// Building a formatter costs far more than using one, and a long invoice formats
// hundreds of numbers; the cache is bounded because locales may come from user input.
const FORMATTERS = new Map<string, Intl.NumberFormat>();

function formatter(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let found = FORMATTERS.get(key);
  if (found === undefined) {
    found = new Intl.NumberFormat(locale, options);
    if (FORMATTERS.size >= 256) FORMATTERS.clear();
    FORMATTERS.set(key, found);
  }
  return found;
}

/**
 * Intl formats a numeric *string* as an exact decimal (NumberFormat v3), so no amount
 * ever passes through a float: "12345678901234567.89" keeps every digit.
 */
function formatExact(text: string, locale: string, options: Intl.NumberFormatOptions): string {
  return formatter(locale, options).format(text as `${number}`);
}

/** `amount` as exact text with the currency's ISO 4217 minor digits ("1234.5" EUR → "1234.50"). */
function toMinorDigits(amount: string, currency: string, path: string): string {
  return formatMoney(parseMoney(amount, currency, { path, allowTrailingZeros: true }));
}

function fractionDigitsOf(text: string, path: string): number {
  const match = PLAIN_DECIMAL.exec(text);
  if (match === null) throw AppError.invalid(path, `"${text}" is not a plain decimal number`, 'decimal_format');
  const digits = (match[1] ?? '').replace(/0+$/, '').length;
  if (digits > MAX_FRACTION_DIGITS) throw AppError.invalid(path, `"${text}" has more than ${MAX_FRACTION_DIGITS} decimals`, 'decimal_too_long');
  return digits;
}

/**
 * A money amount for a table cell, grouped and with exactly the currency's minor digits,
 * without the currency: "1,234,567.89" (EUR), "1,235" (JPY), "1.235" (KWD, 3 digits).
 */
export function formatAmount(amount: string, currency: string, locale = DEFAULT_NUMBER_LOCALE, path = '/amount'): string {
  const minorUnits = getCurrency(currency).minorUnits;
  return formatExact(toMinorDigits(amount, currency, path), locale, {
    minimumFractionDigits: minorUnits,
    maximumFractionDigits: minorUnits,
  });
}

/**
 * A money amount with its ISO currency code, placed as the locale places it:
 * "EUR 1,234,567.89" (en-US), "1.234.567,89 EUR" (de-DE). The code rather than a symbol
 * because it is unambiguous ($ is several currencies) and always printable (₩ and ₹ are
 * not in the standard PDF fonts).
 */
export function formatMoneyWithCode(amount: string, currency: string, locale = DEFAULT_NUMBER_LOCALE, path = '/amount'): string {
  const minorUnits = getCurrency(currency).minorUnits;
  return formatExact(toMinorDigits(amount, currency, path), locale, {
    style: 'currency',
    currency,
    currencyDisplay: 'code',
    minimumFractionDigits: minorUnits,
    maximumFractionDigits: minorUnits,
  });
}

/** A quantity as written, grouped, never rounded: "1500" → "1,500", "2.500" → "2.5". */
export function formatQuantity(quantity: string, locale = DEFAULT_NUMBER_LOCALE, path = '/quantity'): string {
  const digits = fractionDigitsOf(quantity, path);
  return formatExact(quantity, locale, { minimumFractionDigits: 0, maximumFractionDigits: digits });
}

/**
 * A unit price with at least the currency's minor digits and every further digit it has,
 * because usage prices are often finer than the currency: "12" → "12.00", "0.0015" stays.
 */
export function formatUnitPrice(unitPrice: string, currency: string, locale = DEFAULT_NUMBER_LOCALE, path = '/unitPrice'): string {
  const minorUnits = getCurrency(currency).minorUnits;
  const digits = Math.max(minorUnits, fractionDigitsOf(unitPrice, path));
  return formatExact(unitPrice, locale, { minimumFractionDigits: minorUnits, maximumFractionDigits: digits });
}

/** A tax rate given in percent ("19", "8.875") as "19%" / "8.875%". */
export function formatPercent(ratePercent: string, locale = DEFAULT_NUMBER_LOCALE, path = '/rate'): string {
  return `${formatQuantity(ratePercent, locale, path)}%`;
}

/** True when the decimal string `amount` is above zero (exact; no float). */
export function isPositiveAmount(amount: string): boolean {
  return PLAIN_DECIMAL.test(amount) && !amount.startsWith('-') && /[1-9]/.test(amount);
}

/** True when the decimal string `amount` is zero in any spelling ("0", "0.00", "-0"). */
export function isZeroAmount(amount: string): boolean {
  return PLAIN_DECIMAL.test(amount) && !/[1-9]/.test(amount);
}

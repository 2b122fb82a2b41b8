import { AppError } from '../errors/app-error.ts';
import { parsePlainDecimal, pow10 } from './exact-decimal.ts';
import { getCurrency } from './iso-currencies.ts';
import { money, type Money } from './money.ts';

/** Options for {@link parseMoney}. */
export interface ParseMoneyOptions {
  /** JSON pointer used in error issues; default `/amount`. */
  path?: string;
  /** Reject amounts below zero (e.g. unit prices); default `true` (negatives allowed). */
  allowNegative?: boolean;
  /**
   * Accept extra decimals when they are all zero ("100.00" JPY, "1.230" EUR). Default `false`:
   * an amount written with more digits than the currency has usually means the wrong
   * currency was chosen, so it is reported rather than quietly reinterpreted.
   */
  allowTrailingZeros?: boolean;
}

// Generous bound on the digit count so a hostile body cannot make BigInt parsing expensive;
// 10^40 minor units is far beyond any real invoice.
const MAX_DIGITS = 40;

/**
 * Parses a plain decimal major-unit string ("1234.5", "-0.01", "1000") into exact Money.
 * Never rounds: more decimals than the currency allows is an error, as are thousands
 * separators, exponents, signs other than a leading "-", whitespace and non-string input.
 * Throws `AppError` (`validation_failed`) with a message meant for the person who typed it.
 */
export function parseMoney(text: string, currency: string, options: ParseMoneyOptions = {}): Money {
  const path = options.path ?? '/amount';
  const { minorUnits } = getCurrency(currency);

  if (typeof text !== 'string') {
    // JSON numbers arrive as floats and may already be inexact (0.1 + 0.2); insist on text.
    throw AppError.invalid(path, `amount must be a decimal string such as "12.34", not a ${typeof text}`, 'amount_not_string');
  }
  if (text.length === 0) throw AppError.invalid(path, 'amount is empty', 'amount_empty');

  const parsed = parsePlainDecimal(text);
  if (parsed === undefined) {
    throw AppError.invalid(
      path,
      `"${text}" is not a plain decimal amount; use digits with an optional leading "-" and a "." for decimals, ` +
        'without spaces, thousands separators or exponents (e.g. "1234.50")',
      'amount_format',
    );
  }
  if (text.replace(/[-.]/g, '').length > MAX_DIGITS) {
    throw AppError.invalid(path, `amount has more than ${MAX_DIGITS} digits`, 'amount_too_long');
  }

  let { coefficient, scale } = parsed;
  if (scale > minorUnits) {
    const excess = pow10(scale - minorUnits);
    if (!options.allowTrailingZeros || coefficient % excess !== 0n) {
      const allowed =
        minorUnits === 0 ? `${currency} has no minor unit, so amounts must be whole numbers` : `${currency} allows at most ${minorUnits} decimal place${minorUnits === 1 ? '' : 's'}`;
      throw AppError.invalid(path, `"${text}" has ${scale} decimal place${scale === 1 ? '' : 's'} but ${allowed}`, 'amount_precision');
    }
    coefficient /= excess;
    scale = minorUnits;
  }

  if (coefficient < 0n && options.allowNegative === false) {
    throw AppError.invalid(path, 'amount must not be negative', 'amount_negative');
  }
  return money(coefficient * pow10(minorUnits - scale), currency);
}

/**
 * Formats Money as a plain decimal string with exactly the currency's minor digits:
 * "1234.50" (EUR), "-0.01", "1000" (JPY), "1.234" (KWD). Inverse of {@link parseMoney};
 * meant for storage, APIs and CSV, not for people (see {@link formatMoneyLocale}).
 */
export function formatMoney(m: Money): string {
  const { minorUnits } = getCurrency(m.currency);
  const negative = m.amount < 0n;
  const digits = (negative ? -m.amount : m.amount).toString();
  const sign = negative ? '-' : '';
  if (minorUnits === 0) return `${sign}${digits}`;
  const padded = digits.padStart(minorUnits + 1, '0');
  return `${sign}${padded.slice(0, -minorUnits)}.${padded.slice(-minorUnits)}`;
}

/**
 * Formats Money for people with `Intl.NumberFormat` currency style, e.g. "$1,234.50" or
 * "1.234,50 €" (de-DE). The exact decimal string is passed to `format()`, which Intl
 * (NumberFormat v3, Node 20+) treats as an exact decimal, so no float conversion happens
 * and amounts beyond 2^53 print every digit. Fraction digits are pinned to ISO 4217 because
 * CLDR's display digits differ for some currencies (e.g. IQD, RSD).
 */
export function formatMoneyLocale(m: Money, locale = 'en-US'): string {
  return currencyFormatter(locale, m.currency).format(formatMoney(m) as `${number}`);
}

// Building an Intl.NumberFormat costs far more than formatting, and invoice lists format
// many amounts; the cache is cleared when full because locales can come from user input.
const FORMATTER_CACHE = new Map<string, Intl.NumberFormat>();
const FORMATTER_CACHE_LIMIT = 256;

function currencyFormatter(locale: string, currency: string): Intl.NumberFormat {
  const key = `${locale}\u0000${currency}`;
  let formatter = FORMATTER_CACHE.get(key);
  if (formatter === undefined) {
    const { minorUnits } = getCurrency(currency);
    try {
      formatter = new Intl.NumberFormat(locale, {
        style: 'currency',
        currency,
        minimumFractionDigits: minorUnits,
        maximumFractionDigits: minorUnits,
      });
    } catch (cause) {
      throw new AppError('validation_failed', `/locale: invalid locale ${JSON.stringify(locale)}`, {
        issues: [{ path: '/locale', message: `invalid locale ${JSON.stringify(locale)}` }],
        cause,
      });
    }
    if (FORMATTER_CACHE.size >= FORMATTER_CACHE_LIMIT) FORMATTER_CACHE.clear();
    FORMATTER_CACHE.set(key, formatter);
  }
  return formatter;
}

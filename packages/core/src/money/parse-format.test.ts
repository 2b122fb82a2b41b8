import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.ts';
import { money } from './money.ts';
import { formatMoney, formatMoneyLocale, parseMoney } from './parse-format.ts';

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

// Intl uses no-break spaces (U+00A0, U+202F) between number and symbol; compare with plain spaces.
const plainSpaces = (text: string): string => text.replace(/[\u00a0\u202f]/g, ' ');

describe('parseMoney: valid amounts', () => {
  it.each([
    ['1234.5', 'EUR', 123450n],
    ['1234.50', 'EUR', 123450n],
    ['-0.01', 'EUR', -1n],
    ['1000', 'EUR', 100000n],
    ['0', 'EUR', 0n],
    ['-0', 'EUR', 0n],
    ['007.50', 'EUR', 750n],
    ['1000', 'JPY', 1000n],
    ['-5', 'JPY', -5n],
    ['1.234', 'KWD', 1234n],
    ['1.5', 'BHD', 1500n],
    ['-0.001', 'KWD', -1n],
    ['0.0001', 'CLF', 1n],
    ['-1.2345', 'CLF', -12345n],
    ['12', 'UYW', 120000n],
    ['90071992547409.93', 'EUR', 9007199254740993n],
    ['9007199254740993', 'JPY', 9007199254740993n],
    ['1000000000000000000', 'EUR', 10n ** 20n],
    ['-100000000000000000000', 'JPY', -(10n ** 20n)],
  ])('parses %j %s as %i minor units', (text, currency, amount) => {
    expect(parseMoney(text, currency)).toEqual({ amount, currency });
  });
});

describe('parseMoney: rejected input', () => {
  it.each([
    ['', 'EUR', 'amount is empty', 'amount_empty'],
    ['1,000', 'EUR', 'not a plain decimal amount', 'amount_format'],
    ['1.000,50', 'EUR', 'not a plain decimal amount', 'amount_format'],
    ['1e3', 'EUR', 'not a plain decimal amount', 'amount_format'],
    ['1E-2', 'EUR', 'not a plain decimal amount', 'amount_format'],
    ['abc', 'EUR', 'not a plain decimal amount', 'amount_format'],
    [' 1', 'EUR', 'not a plain decimal amount', 'amount_format'],
    ['1 ', 'EUR', 'not a plain decimal amount', 'amount_format'],
    ['1 000', 'EUR', 'not a plain decimal amount', 'amount_format'],
    ['+1', 'EUR', 'not a plain decimal amount', 'amount_format'],
    ['--1', 'EUR', 'not a plain decimal amount', 'amount_format'],
    ['.5', 'EUR', 'not a plain decimal amount', 'amount_format'],
    ['5.', 'EUR', 'not a plain decimal amount', 'amount_format'],
    ['1.2.3', 'EUR', 'not a plain decimal amount', 'amount_format'],
    ['-', 'EUR', 'not a plain decimal amount', 'amount_format'],
    ['0x10', 'EUR', 'not a plain decimal amount', 'amount_format'],
    ['NaN', 'EUR', 'not a plain decimal amount', 'amount_format'],
    ['Infinity', 'EUR', 'not a plain decimal amount', 'amount_format'],
    ['１２', 'EUR', 'not a plain decimal amount', 'amount_format'],
    ['€12', 'EUR', 'not a plain decimal amount', 'amount_format'],
    ['1.234', 'EUR', '"1.234" has 3 decimal places but EUR allows at most 2', 'amount_precision'],
    ['-0.001', 'USD', '"-0.001" has 3 decimal places but USD allows at most 2', 'amount_precision'],
    ['1.5', 'JPY', '"1.5" has 1 decimal place but JPY has no minor unit, so amounts must be whole numbers', 'amount_precision'],
    ['1.0', 'JPY', 'JPY has no minor unit', 'amount_precision'],
    ['1.2345', 'KWD', 'KWD allows at most 3 decimal places', 'amount_precision'],
    ['1.23456', 'CLF', 'CLF allows at most 4 decimal places', 'amount_precision'],
    ['1'.repeat(41), 'EUR', 'more than 40 digits', 'amount_too_long'],
  ])('rejects %j in %s: %s', (text, currency, message, issueCode) => {
    const error = thrown(() => parseMoney(text, currency));
    expect(error.code).toBe('validation_failed');
    expect(error.message).toContain(message);
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatchObject({ path: '/amount', code: issueCode });
  });

  it.each([
    [12.5, 'not a number'],
    [null, 'not a object'],
    [undefined, 'not a undefined'],
    [12n, 'not a bigint'],
  ])('rejects non-string %s', (value, message) => {
    const error = thrown(() => parseMoney(value as unknown as string, 'EUR'));
    expect(error.message).toContain(message);
    expect(error.issues[0]?.code).toBe('amount_not_string');
  });

  it('rejects an unknown currency', () => {
    expect(() => parseMoney('1', 'EURO')).toThrowError('unknown currency code EURO (ISO 4217)');
  });

  it('reports the given path', () => {
    const error = thrown(() => parseMoney('1,5', 'EUR', { path: '/lines/3/unitPrice' }));
    expect(error.issues[0]?.path).toBe('/lines/3/unitPrice');
    expect(error.message.startsWith('/lines/3/unitPrice: ')).toBe(true);
  });
});

describe('parseMoney: options', () => {
  it.each([
    ['100.00', 'JPY', 100n],
    ['1.230', 'EUR', 123n],
    ['-1.2000', 'KWD', -1200n],
    ['0.00000', 'CLF', 0n],
  ])('allowTrailingZeros accepts %j %s as %i', (text, currency, amount) => {
    expect(() => parseMoney(text, currency)).toThrowError('decimal place');
    expect(parseMoney(text, currency, { allowTrailingZeros: true }).amount).toBe(amount);
  });

  it.each([
    ['100.50', 'JPY'],
    ['1.231', 'EUR'],
  ])('allowTrailingZeros still rejects non-zero extra digits in %j %s', (text, currency) => {
    expect(() => parseMoney(text, currency, { allowTrailingZeros: true })).toThrowError('decimal place');
  });

  it.each([
    ['-1', false],
    ['-0.01', false],
    ['0', true],
    ['-0', true],
    ['1', true],
  ])('allowNegative: false on %j accepts: %s', (text, accepted) => {
    const parse = () => parseMoney(text, 'EUR', { allowNegative: false });
    if (accepted) expect(() => parse()).not.toThrow();
    else expect(() => parse()).toThrowError('amount must not be negative');
  });
});

describe('formatMoney', () => {
  it.each([
    [123450n, 'EUR', '1234.50'],
    [-1n, 'EUR', '-0.01'],
    [-99n, 'EUR', '-0.99'],
    [0n, 'EUR', '0.00'],
    [5n, 'USD', '0.05'],
    [1000n, 'JPY', '1000'],
    [-100n, 'JPY', '-100'],
    [0n, 'JPY', '0'],
    [1234n, 'KWD', '1.234'],
    [-5n, 'KWD', '-0.005'],
    [1n, 'CLF', '0.0001'],
    [-123456n, 'CLF', '-12.3456'],
    [9007199254740993n, 'EUR', '90071992547409.93'],
    [10n ** 20n, 'EUR', '1000000000000000000.00'],
    [-(10n ** 20n), 'JPY', '-100000000000000000000'],
  ])('formats %i %s as %j', (amount, currency, expected) => {
    const m = money(amount, currency);
    expect(formatMoney(m)).toBe(expected);
    // Round trip: the plain format is what parseMoney accepts.
    expect(parseMoney(expected, currency)).toEqual(m);
  });
});

describe('formatMoneyLocale', () => {
  it.each([
    [123450n, 'USD', 'en-US', '$1,234.50'],
    [-1n, 'USD', 'en-US', '-$0.01'],
    [123450n, 'EUR', 'de-DE', '1.234,50 €'],
    [123450n, 'EUR', 'fr-FR', '1 234,50 €'],
    [1000n, 'JPY', 'en-US', '¥1,000'],
    [1234n, 'KWD', 'en-US', 'KWD 1.234'],
    [1500n, 'IQD', 'en-US', 'IQD 1.500'],
    [12345n, 'CLF', 'es-CL', 'CLF 1,2345'],
  ])('formats %i %s in %s as %j', (amount, currency, locale, expected) => {
    expect(plainSpaces(formatMoneyLocale(money(amount, currency), locale))).toBe(expected);
  });

  it('defaults to en-US', () => {
    expect(formatMoneyLocale(money(100n, 'EUR'))).toBe('€1.00');
  });

  it('keeps every digit of 12345678901234567.89 (no float conversion)', () => {
    const m = money(1234567890123456789n, 'USD');
    expect(formatMoneyLocale(m, 'en-US')).toBe('$12,345,678,901,234,567.89');
    // What a float-based formatter would print instead:
    expect(new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(Number('12345678901234567.89'))).not.toBe(
      '$12,345,678,901,234,567.89',
    );
  });

  it.each([
    [9007199254740993n, 'JPY', '¥9,007,199,254,740,993'],
    [-(10n ** 20n) - 1n, 'EUR', '-€1,000,000,000,000,000,000.01'],
  ])('keeps exactness for %i %s', (amount, currency, expected) => {
    expect(formatMoneyLocale(money(amount, currency))).toBe(expected);
  });

  it('rejects an invalid locale with an AppError', () => {
    const error = thrown(() => formatMoneyLocale(money(1n, 'EUR'), 'not a locale!'));
    expect(error.code).toBe('validation_failed');
    expect(error.issues[0]?.path).toBe('/locale');
  });
});

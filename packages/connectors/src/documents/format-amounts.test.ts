import { describe, expect, it } from 'vitest';
import { formatAmount, formatMoneyWithCode, formatPercent, formatQuantity, formatUnitPrice, isPositiveAmount, isZeroAmount } from './format-amounts.ts';

describe('formatAmount: exact digits per ISO 4217, grouped, never via a float', () => {
  it.each([
    ['1234567.89', 'EUR', undefined, '1,234,567.89'],
    ['1234567.8', 'EUR', undefined, '1,234,567.80'],
    ['-0.01', 'EUR', undefined, '-0.01'],
    ['-0.00', 'EUR', undefined, '0.00'],
    ['1234567', 'JPY', undefined, '1,234,567'],
    ['1234567.00', 'JPY', undefined, '1,234,567'],
    ['1234.5', 'KWD', undefined, '1,234.500'],
    ['9007199254740993.01', 'USD', undefined, '9,007,199,254,740,993.01'],
    ['1234567.89', 'EUR', 'de-DE', '1.234.567,89'],
    ['1234567.89', 'INR', 'en-IN', '12,34,567.89'],
  ])('%s %s (%s) → %s', (amount, currency, locale, expected) => {
    expect(formatAmount(amount, currency, locale)).toBe(expected);
  });

  it('refuses to round an amount finer than the currency', () => {
    expect(() => formatAmount('100.5', 'JPY', undefined, '/total')).toThrowError(/\/total/);
    expect(() => formatAmount('1e3', 'EUR')).toThrowError(/plain decimal/);
  });
});

describe('formatMoneyWithCode', () => {
  it.each([
    ['1234567.89', 'EUR', undefined, 'EUR\u00a01,234,567.89'],
    ['1234567.89', 'EUR', 'de-DE', '1.234.567,89\u00a0EUR'],
    ['1500', 'JPY', undefined, 'JPY\u00a01,500'],
    ['0.5', 'KWD', undefined, 'KWD\u00a00.500'],
    ['-19.00', 'EUR', undefined, '-EUR\u00a019.00'],
  ])('%s %s (%s) → %s', (amount, currency, locale, expected) => {
    expect(formatMoneyWithCode(amount, currency, locale)).toBe(expected);
  });
});

describe('quantities, unit prices and rates keep every digit they have', () => {
  it.each([
    [formatQuantity('1500'), '1,500'],
    [formatQuantity('2.500000000000'), '2.5'],
    [formatQuantity('0.000000000001'), '0.000000000001'],
    [formatUnitPrice('12', 'EUR'), '12.00'],
    [formatUnitPrice('0.0015', 'EUR'), '0.0015'],
    [formatUnitPrice('1500', 'JPY'), '1,500'],
    [formatUnitPrice('0.25', 'JPY'), '0.25'],
    [formatPercent('19'), '19%'],
    [formatPercent('8.875'), '8.875%'],
    [formatPercent('7.7', 'de-CH'), '7.7%'],
    [formatPercent('5.5', 'fr-FR'), '5,5%'],
  ])('%s = %s', (actual, expected) => {
    expect(actual).toBe(expected);
  });
});

describe('sign tests on decimal strings', () => {
  it.each([
    ['0', false, true], ['0.00', false, true], ['-0.00', false, true],
    ['0.01', true, false], ['-0.01', false, false], ['100', true, false],
  ])('%s: positive %s, zero %s', (amount, positive, zero) => {
    expect(isPositiveAmount(amount)).toBe(positive);
    expect(isZeroAmount(amount)).toBe(zero);
  });
});

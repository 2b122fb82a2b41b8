import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.ts';
import { MoneyDecimal } from './exact-decimal.ts';
import { convertMoney, multiplyMoney, type DecimalInput } from './fx.ts';
import { money } from './money.ts';
import type { RoundingMode } from './rounding.ts';

describe('convertMoney', () => {
  it.each<[bigint, string, DecimalInput, string, RoundingMode, bigint]>([
    // 100.00 USD * 151.237 = 15123.7 JPY
    [10000n, 'USD', '151.237', 'JPY', 'half_up', 15124n],
    [10000n, 'USD', '151.237', 'JPY', 'down', 15123n],
    // 100.00 USD * 151.225 = 15122.5 JPY: a tie
    [10000n, 'USD', '151.225', 'JPY', 'half_up', 15123n],
    [10000n, 'USD', '151.225', 'JPY', 'half_even', 15122n],
    [-10000n, 'USD', '151.225', 'JPY', 'half_up', -15123n],
    [-10000n, 'USD', '151.225', 'JPY', 'half_even', -15122n],
    [-10000n, 'USD', '151.225', 'JPY', 'floor', -15123n],
    [-10000n, 'USD', '151.225', 'JPY', 'ceiling', -15122n],
    // JPY → EUR: 1234 * 0.00612345 = 7.5563373 EUR
    [1234n, 'JPY', '0.00612345', 'EUR', 'half_up', 756n],
    // EUR → KWD: 1.00 * 0.3 = 0.300 KWD
    [100n, 'EUR', '0.3', 'KWD', 'half_up', 300n],
    // KWD → USD: 12.345 * 3.2556 = 40.1903820 USD
    [12345n, 'KWD', '3.2556', 'USD', 'half_up', 4019n],
    // CLF → CLP: 0.0001 * 39000 = 3.9 CLP
    [1n, 'CLF', '39000', 'CLP', 'half_up', 4n],
    [10000n, 'CLF', '39123.45', 'CLP', 'half_even', 39123n],
    // 0.01 EUR * 0.0001 = 0.000001 USD
    [1n, 'EUR', '0.0001', 'USD', 'half_up', 0n],
    [1n, 'EUR', '0.0001', 'USD', 'up', 1n],
    [0n, 'EUR', '1.1', 'USD', 'up', 0n],
    // Decimal rates
    [100000n, 'EUR', new Decimal('1.0825'), 'USD', 'half_up', 108250n],
    [1n, 'EUR', new MoneyDecimal('0.125'), 'GBP', 'half_even', 0n],
    // Beyond 2^53 and 10^20
    [9007199254740993n, 'USD', '1', 'EUR', 'half_up', 9007199254740993n],
    [10n ** 20n, 'USD', '0.5', 'EUR', 'half_up', 5n * 10n ** 19n],
    [10n ** 20n + 1n, 'USD', '0.5', 'EUR', 'half_even', 5n * 10n ** 19n],
    [10n ** 20n, 'EUR', '151.237', 'JPY', 'half_up', 151237n * 10n ** 15n],
    [9007199254740993n, 'JPY', '0.01', 'USD', 'half_up', 9007199254740993n],
  ])('%i %s at %s → %s (%s) = %i', (amount, from, rate, to, mode, expected) => {
    expect(convertMoney(money(amount, from), rate, to, mode)).toEqual({ amount: expected, currency: to });
  });

  it('rounds once for a chained conversion where per-step rounding drifts', () => {
    const eur = money(1n, 'EUR'); // 0.01 EUR
    const eurUsd = '1.45';
    const usdJpy = '120';

    // Per step: 0.0145 USD → 0.01 USD, then 0.01 * 120 = 1.2 → 1 JPY.
    const stepwise = convertMoney(convertMoney(eur, eurUsd, 'USD', 'half_up'), usdJpy, 'JPY', 'half_up');
    // Once: 0.01 * (1.45 * 120 = 174) = 1.74 → 2 JPY.
    const crossRate = new MoneyDecimal(eurUsd).times(usdJpy);
    const once = convertMoney(eur, crossRate, 'JPY', 'half_up');

    expect(crossRate.toString()).toBe('174');
    expect(stepwise.amount).toBe(1n);
    expect(once).toEqual({ amount: 2n, currency: 'JPY' });
  });

  it('uses every digit of a long rate (no intermediate precision loss)', () => {
    // 1.00 EUR at 0.005 + 10^-70 USD per EUR = just above a half cent.
    const rate = `0.005${'0'.repeat(66)}1`;
    expect(convertMoney(money(100n, 'EUR'), rate, 'USD', 'half_down').amount).toBe(1n);
    const lowPrecision = Decimal.clone({ precision: 3 });
    expect(convertMoney(money(100n, 'EUR'), new lowPrecision(rate), 'USD', 'half_down').amount).toBe(1n);
  });

  it.each([
    ['1', 100n],
    ['1.000', 100n],
  ])('converts to the same currency only at rate %s', (rate, expected) => {
    expect(convertMoney(money(100n, 'EUR'), rate, 'EUR', 'half_up')).toEqual({ amount: expected, currency: 'EUR' });
  });

  it.each<[DecimalInput, string, string, string]>([
    ['0', 'USD', '/rate', 'rate must be greater than zero'],
    ['-1.2', 'USD', '/rate', 'rate must be greater than zero'],
    [new Decimal(-1), 'USD', '/rate', 'rate must be greater than zero'],
    ['', 'USD', '/rate', 'rate must be a plain decimal string'],
    ['1,2', 'USD', '/rate', 'rate must be a plain decimal string'],
    ['1e3', 'USD', '/rate', 'rate must be a plain decimal string'],
    [new Decimal(NaN), 'USD', '/rate', 'rate must be finite'],
    [new Decimal(Infinity), 'USD', '/rate', 'rate must be finite'],
    ['1.1', 'EUR', '/rate', 'converting EUR to itself needs rate 1'],
    ['1', 'XYZ', '/toCurrency', 'unknown currency code XYZ (ISO 4217)'],
    ['1', 'eur', '/toCurrency', 'unknown currency code eur (ISO 4217)'],
  ])('rejects rate %s to %s', (rate, to, path, message) => {
    let caught: unknown;
    try {
      convertMoney(money(100n, 'EUR'), rate, to, 'half_up');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe('validation_failed');
    expect((caught as AppError).message).toContain(message);
    expect((caught as AppError).issues[0]?.path).toBe(path);
  });

  it('rejects JavaScript numbers as rates, at the type level and at runtime', () => {
    const m = money(100n, 'EUR');
    // @ts-expect-error number rates are excluded by the parameter type
    expect(() => convertMoney(m, 1.1, 'USD', 'half_up')).toThrowError('rate must be a decimal string or a Decimal, not number');
    // @ts-expect-error number factors are excluded by the parameter type
    expect(() => multiplyMoney(m, 2, 'half_up')).toThrowError('factor must be a decimal string or a Decimal, not number');
  });

  it('rejects an unknown rounding mode', () => {
    expect(() => convertMoney(money(1n, 'EUR'), '1.1', 'USD', 'nearest' as RoundingMode)).toThrowError('unknown rounding mode');
  });
});

describe('multiplyMoney', () => {
  it.each<[bigint, string, DecimalInput, RoundingMode, bigint]>([
    [1999n, 'EUR', '3', 'half_up', 5997n],
    [1999n, 'EUR', '0.19', 'half_up', 380n], // 3.7981
    [1999n, 'EUR', '0.19', 'down', 379n],
    [25n, 'EUR', '0.5', 'half_up', 13n], // 0.125 EUR
    [25n, 'EUR', '0.5', 'half_even', 12n],
    [-25n, 'EUR', '0.5', 'half_up', -13n],
    [-25n, 'EUR', '0.5', 'half_even', -12n],
    [-25n, 'EUR', '0.5', 'floor', -13n],
    [-25n, 'EUR', '0.5', 'ceiling', -12n],
    [100n, 'JPY', '0.075', 'half_up', 8n], // 7.5 JPY
    [100n, 'JPY', '0.065', 'half_even', 6n], // 6.5 JPY
    [1n, 'KWD', '0.5', 'half_even', 0n], // 0.0005 KWD
    [3n, 'KWD', '0.5', 'half_even', 2n], // 0.0015 KWD
    [12345n, 'CLF', '1.5', 'half_up', 18518n], // 1.85175 CLF
    [12345n, 'CLF', '1.5', 'half_even', 18518n],
    [1000n, 'EUR', '0', 'half_up', 0n],
    [1000n, 'EUR', '-1', 'half_up', -1000n],
    [1000n, 'EUR', '-0.1', 'half_up', -100n],
    [1000n, 'EUR', new Decimal('2.5'), 'half_up', 2500n],
    [9007199254740993n, 'EUR', '2', 'half_up', 18014398509481986n],
    [10n ** 20n, 'EUR', '0.000000000000000001', 'half_up', 100n],
    [10n ** 20n + 5n, 'EUR', '0.1', 'half_even', 10n ** 19n],
  ])('%i %s × %s (%s) = %i', (amount, currency, factor, mode, expected) => {
    expect(multiplyMoney(money(amount, currency), factor, mode)).toEqual({ amount: expected, currency });
  });

  it('rounds once: one combined factor differs from two rounded steps', () => {
    const unitPrice = money(333n, 'EUR'); // 3.33
    // Per step: 3.33 * 1.19 = 3.9627 → 3.96, then * 3 = 11.88.
    const stepwise = multiplyMoney(multiplyMoney(unitPrice, '1.19', 'half_up'), '3', 'half_up');
    // Once: 3.33 * 3.57 = 11.8881 → 11.89.
    const once = multiplyMoney(unitPrice, new MoneyDecimal('1.19').times(3), 'half_up');
    expect(stepwise.amount).toBe(1188n);
    expect(once.amount).toBe(1189n);
  });

  it.each(['1e2', '', 'abc', '1,5'])('rejects factor %j', (factor) => {
    expect(() => multiplyMoney(money(1n, 'EUR'), factor, 'half_up')).toThrowError('factor must be a plain decimal string');
  });
});

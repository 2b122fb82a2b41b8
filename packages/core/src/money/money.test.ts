import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.ts';
import {
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

const BEYOND_2_53 = 9007199254740993n; // 2^53 + 1: not representable as a float

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('money / zero', () => {
  it.each([
    [123450n, 'EUR'],
    [-1n, 'JPY'],
    [1234n, 'KWD'],
    [12345n, 'CLF'],
    [BEYOND_2_53, 'USD'],
    [10n ** 20n, 'EUR'],
  ])('creates %i %s as a frozen value', (amount, currency) => {
    const m = money(amount, currency);
    expect(m).toEqual({ amount, currency });
    expect(Object.isFrozen(m)).toBe(true);
  });

  it.each(['JPY', 'KWD', 'CLF'])('zero(%s) is 0 minor units', (currency) => {
    expect(zero(currency)).toEqual({ amount: 0n, currency });
  });

  it('rejects an unknown currency', () => {
    const error = thrown(() => money(1n, 'ABC'));
    expect(error.code).toBe('validation_failed');
    expect(error.message).toContain('unknown currency code ABC (ISO 4217)');
    expect(() => zero('eur')).toThrowError('unknown currency code eur');
  });

  it.each([12.5, 12, '12'])('rejects non-bigint amount %j from untyped callers', (amount) => {
    const error = thrown(() => money(amount as unknown as bigint, 'EUR'));
    expect(error.code).toBe('validation_failed');
    expect(error.issues[0]?.path).toBe('/amount');
  });
});

describe('addMoney / subtractMoney', () => {
  it.each([
    [100n, 23n, 'EUR', 123n, 77n],
    [-100n, 23n, 'EUR', -77n, -123n],
    [0n, -1n, 'JPY', -1n, 1n],
    [1234n, 1n, 'KWD', 1235n, 1233n],
    [1n, 9999n, 'CLF', 10000n, -9998n],
    [BEYOND_2_53, 1n, 'USD', 9007199254740994n, 9007199254740992n],
    [10n ** 20n, 10n ** 20n, 'EUR', 2n * 10n ** 20n, 0n],
  ])('%i and %i %s: sum %i, difference %i', (a, b, currency, sum, difference) => {
    expect(addMoney(money(a, currency), money(b, currency))).toEqual({ amount: sum, currency });
    expect(subtractMoney(money(a, currency), money(b, currency))).toEqual({ amount: difference, currency });
  });

  it.each([
    ['addMoney', addMoney],
    ['subtractMoney', subtractMoney],
    ['compareMoney', compareMoney],
  ] as const)('%s rejects a currency mismatch', (_name, fn) => {
    const error = thrown(() => fn(money(1n, 'EUR'), money(1n, 'USD')));
    expect(error.code).toBe('validation_failed');
    expect(error.message).toContain('currency mismatch: EUR and USD');
    expect(error.issues[0]).toMatchObject({ path: '/currency', code: 'currency_mismatch' });
  });
});

describe('assertSameCurrency', () => {
  it('passes for equal currencies', () => {
    expect(() => assertSameCurrency(money(1n, 'JPY'), money(-5n, 'JPY'))).not.toThrow();
  });

  it('uses the given path', () => {
    const error = thrown(() => assertSameCurrency(money(1n, 'JPY'), money(1n, 'KRW'), '/lines/2/currency'));
    expect(error.issues[0]?.path).toBe('/lines/2/currency');
  });
});

describe('negateMoney', () => {
  it.each([
    [100n, -100n],
    [-1n, 1n],
    [0n, 0n],
    [BEYOND_2_53, -BEYOND_2_53],
  ])('negates %i to %i', (amount, expected) => {
    expect(negateMoney(money(amount, 'EUR'))).toEqual({ amount: expected, currency: 'EUR' });
  });
});

describe('sumMoney', () => {
  it.each([
    [[], 'EUR', 0n],
    [[], 'JPY', 0n],
    [[1n], 'KWD', 1n],
    [[100n, -30n, 5n], 'EUR', 75n],
    [[BEYOND_2_53, BEYOND_2_53], 'USD', 18014398509481986n],
    [[10n ** 20n, -(10n ** 20n), 1n], 'CLF', 1n],
  ])('sums [%s] in %s to %i', (amounts, currency, expected) => {
    const items: Money[] = amounts.map((a) => money(a, currency));
    expect(sumMoney(items, currency)).toEqual({ amount: expected, currency });
  });

  it('reports the index of the first item in another currency', () => {
    const error = thrown(() => sumMoney([money(1n, 'EUR'), money(1n, 'USD')], 'EUR'));
    expect(error.message).toContain('currency mismatch: EUR and USD');
    expect(error.issues[0]?.path).toBe('/1/currency');
  });

  it('rejects items that do not match the requested currency even if they agree with each other', () => {
    expect(() => sumMoney([money(1n, 'USD')], 'EUR')).toThrowError('currency mismatch');
  });

  it('rejects an unknown currency for an empty list', () => {
    expect(() => sumMoney([], 'XYZ')).toThrowError('unknown currency code XYZ');
  });
});

describe('compareMoney / isZero / isNegative', () => {
  it.each([
    [1n, 2n, -1],
    [2n, 1n, 1],
    [5n, 5n, 0],
    [-3n, 2n, -1],
    [-3n, -4n, 1],
    [BEYOND_2_53, BEYOND_2_53 - 1n, 1],
  ])('compare(%i, %i) = %i', (a, b, expected) => {
    expect(compareMoney(money(a, 'EUR'), money(b, 'EUR'))).toBe(expected);
  });

  it.each([
    [0n, true, false],
    [1n, false, false],
    [-1n, false, true],
    [-(10n ** 20n), false, true],
  ])('%i: isZero %s, isNegative %s', (amount, zeroExpected, negativeExpected) => {
    expect(isZero(money(amount, 'JPY'))).toBe(zeroExpected);
    expect(isNegative(money(amount, 'JPY'))).toBe(negativeExpected);
  });

  it('sorts with compareMoney', () => {
    const sorted = [3n, -1n, 2n].map((a) => money(a, 'KWD')).sort(compareMoney);
    expect(sorted.map((m) => m.amount)).toEqual([-1n, 2n, 3n]);
  });
});

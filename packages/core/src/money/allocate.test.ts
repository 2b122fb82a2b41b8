import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateEvenly, allocateMoney, type AllocationRatio } from './allocate.ts';
import { money } from './money.ts';

const amounts = (parts: { amount: bigint }[]): bigint[] => parts.map((p) => p.amount);

describe('allocateMoney', () => {
  it.each<[bigint, string, AllocationRatio[], bigint[]]>([
    [100n, 'EUR', [1, 1, 1], [34n, 33n, 33n]],
    [1n, 'EUR', [1, 1, 1], [1n, 0n, 0n]],
    [2n, 'EUR', [1, 1, 1], [1n, 1n, 0n]],
    [-100n, 'EUR', [1, 1, 1], [-34n, -33n, -33n]],
    [-1n, 'EUR', [1, 1, 1], [-1n, 0n, 0n]],
    [-2n, 'EUR', [1, 1, 1], [-1n, -1n, 0n]],
    [100n, 'EUR', ['0.5', '0.25', '0.25'], [50n, 25n, 25n]],
    [101n, 'EUR', ['0.5', '0.25', '0.25'], [51n, 25n, 25n]],
    [100n, 'EUR', ['0.3333', '0.3333', '0.3334'], [33n, 33n, 34n]],
    [100n, 'EUR', [1n, 0, 1n], [50n, 0n, 50n]],
    [101n, 'EUR', [1, 0, 1], [51n, 0n, 50n]],
    [5n, 'EUR', [0, 1, 0, 1], [0n, 3n, 0n, 2n]],
    [1n, 'EUR', ['0', '0.0', '2'], [0n, 0n, 1n]],
    [3n, 'EUR', ['0.2', '0.4', '0.4'], [1n, 1n, 1n]],
    [10n, 'EUR', [3, 7], [3n, 7n]],
    [7n, 'EUR', ['1', 1n, 1], [3n, 2n, 2n]],
    [0n, 'EUR', [1, 1], [0n, 0n]],
    [42n, 'EUR', [5], [42n]],
    [1000n, 'JPY', [1, 2, 3], [167n, 333n, 500n]],
    [-1000n, 'JPY', [1, 2, 3], [-167n, -333n, -500n]],
    [1n, 'KWD', ['0.1', '0.9'], [0n, 1n]],
    [10001n, 'CLF', [1, 1], [5001n, 5000n]],
    [9007199254740993n, 'USD', [1, 1], [4503599627370497n, 4503599627370496n]],
    [10n ** 20n + 1n, 'EUR', [1, 1], [5n * 10n ** 19n + 1n, 5n * 10n ** 19n]],
    [10n ** 20n, 'EUR', [1, 1, 1], [33333333333333333334n, 33333333333333333333n, 33333333333333333333n]],
    [100n, 'EUR', [9007199254740991, 1], [100n, 0n]],
  ])('%i %s by [%s] → [%s]', (total, currency, ratios, expected) => {
    const parts = allocateMoney(money(total, currency), ratios);
    expect(amounts(parts)).toEqual(expected);
    expect(parts.every((p) => p.currency === currency)).toBe(true);
    expect(amounts(parts).reduce((a, b) => a + b, 0n)).toBe(total);
  });

  it.each<[AllocationRatio[], string]>([
    [[], 'at least one ratio is required'],
    [[0, 0], 'ratios must not all be zero'],
    [['0', '0.00'], 'ratios must not all be zero'],
    [[-1, 2], 'ratio -1 must not be negative'],
    [['-0.5', '1'], 'ratio -0.5 must not be negative'],
    [[-1n, 2n], 'must not be negative'],
    [[0.5, 0.5], 'ratio 0.5 must be a whole number'],
    [[Number.NaN, 1], 'must be a whole number'],
    [[Number.POSITIVE_INFINITY], 'must be a whole number'],
    [['1e2', '1'], 'not a plain decimal string'],
    [['1/3', '1'], 'not a plain decimal string'],
    [[' 1', '1'], 'not a plain decimal string'],
  ])('rejects ratios [%s]', (ratios, message) => {
    expect(() => allocateMoney(money(100n, 'EUR'), ratios)).toThrowError(message);
  });

  it('rejects ratios of an unsupported type from untyped callers', () => {
    expect(() => allocateMoney(money(100n, 'EUR'), [null as unknown as string])).toThrowError('not object');
  });

  it('always sums to the total, is symmetric for negatives, and gives zero ratios nothing (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 22n), max: 10n ** 22n }),
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 6n }), { minLength: 1, maxLength: 12 }).filter((r) => r.some((x) => x > 0n)),
        (total, ratios) => {
          const parts = amounts(allocateMoney(money(total, 'EUR'), ratios));
          expect(parts.reduce((a, b) => a + b, 0n)).toBe(total);
          expect(amounts(allocateMoney(money(-total, 'EUR'), ratios))).toEqual(parts.map((p) => -p));
          ratios.forEach((ratio, i) => {
            if (ratio === 0n) expect(parts[i]).toBe(0n);
          });
          // Each part is within one minor unit of its exact proportional share.
          const weightSum = ratios.reduce((a, b) => a + b, 0n);
          const abs = total < 0n ? -total : total;
          parts.forEach((part, i) => {
            const floor = (abs * ratios[i]!) / weightSum;
            const absPart = part < 0n ? -part : part;
            expect(absPart === floor || absPart === floor + 1n).toBe(true);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('allocateEvenly', () => {
  it.each([
    [100n, 'EUR', 3, [34n, 33n, 33n]],
    [1n, 'EUR', 3, [1n, 0n, 0n]],
    [-100n, 'EUR', 3, [-34n, -33n, -33n]],
    [-7n, 'JPY', 2, [-4n, -3n]],
    [10n, 'KWD', 4, [3n, 3n, 2n, 2n]],
    [5n, 'CLF', 1, [5n]],
    [0n, 'EUR', 2, [0n, 0n]],
    [9007199254740993n, 'USD', 2, [4503599627370497n, 4503599627370496n]],
  ])('%i %s into %i parts → [%s]', (total, currency, n, expected) => {
    expect(amounts(allocateEvenly(money(total, currency), n))).toEqual(expected);
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects %s parts', (n) => {
    expect(() => allocateEvenly(money(100n, 'EUR'), n)).toThrowError('parts must be a whole number of at least 1');
  });
});

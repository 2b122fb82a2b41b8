import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { divideAndRound, type RoundingMode } from '../../money/index.ts';
import { rateCharge } from './charge-model-factory.ts';

const rate = (unitPrice: string, quantity: string, currency: string, roundingMode: RoundingMode, kind?: 'recurring') =>
  rateCharge({ model: 'per_unit', params: { unitPrice }, ...(kind ? { kind } : {}) }, { quantity }, { currency, roundingMode });

describe('per unit / per seat charge', () => {
  it.each<[string, string, string, RoundingMode, bigint]>([
    ['0.0015', '1000000', 'EUR', 'half_up', 150000n],
    // 10^12 API calls at 0.0015 = 1,500,000,000.00 EUR, exact
    ['0.0015', '1000000000000', 'EUR', 'half_up', 150_000_000_000n],
    ['0.0015', '333', 'EUR', 'half_up', 50n], // 0.4995
    ['0.0015', '333', 'EUR', 'down', 49n],
    ['0.10', '2.5', 'EUR', 'half_up', 25n], // fractional quantity (GB)
    // JPY ties: 3 × 0.5 = 1.5, 5 × 0.5 = 2.5
    ['0.5', '3', 'JPY', 'half_up', 2n],
    ['0.5', '3', 'JPY', 'half_even', 2n],
    ['0.5', '5', 'JPY', 'half_up', 3n],
    ['0.5', '5', 'JPY', 'half_even', 2n],
    ['12', '1000000000000', 'JPY', 'half_up', 12_000_000_000_000n],
    // KWD (3 digits): 0.0125 = 12.5 fils
    ['0.0125', '1', 'KWD', 'half_up', 13n],
    ['0.0125', '1', 'KWD', 'half_even', 12n],
    ['0.0125', '3', 'KWD', 'half_even', 38n], // 37.5 fils
    ['1.234', '1000', 'KWD', 'half_up', 1234000n],
  ])('%s × %s %s (%s) → %i', (unitPrice, quantity, currency, mode, expected) => {
    const lines = rate(unitPrice, quantity, currency, mode);
    expect(lines).toEqual([{ description: 'Units', quantity, unitPrice, amount: expected, kind: 'usage' }]);
  });

  it('bills seats as a recurring line', () => {
    expect(rate('12.50', '7', 'EUR', 'half_up', 'recurring')).toEqual([
      { description: 'Units', quantity: '7', unitPrice: '12.50', amount: 8750n, kind: 'recurring' },
    ]);
  });

  it.each(['0', '0.000'])('quantity %s gives no line', (quantity) => {
    expect(rate('9.99', quantity, 'EUR', 'half_up')).toEqual([]);
  });

  it('is exact for any bounded quantity and price (property, checked with bigint)', () => {
    const decimal = (intDigits: number, fracDigits: number) =>
      fc
        .tuple(fc.bigInt({ min: 0n, max: 10n ** BigInt(intDigits) - 1n }), fc.bigInt({ min: 0n, max: 10n ** BigInt(fracDigits) - 1n }), fc.integer({ min: 0, max: fracDigits }))
        .map(([i, f, scale]) => (scale === 0 ? `${i}` : `${i}.${(f % 10n ** BigInt(scale)).toString().padStart(scale, '0')}`));
    const scaled = (text: string) => {
      const [i, f = ''] = text.split('.');
      return { coefficient: BigInt(`${i}${f}`), scale: f.length };
    };
    fc.assert(
      fc.property(decimal(15, 12), decimal(12, 12), fc.constantFrom('half_up', 'half_even', 'down') as fc.Arbitrary<RoundingMode>, (quantity, price, mode) => {
        const q = scaled(quantity);
        const p = scaled(price);
        // EUR: minor = q × p × 100 / 10^(qs+ps)
        const expected = divideAndRound(q.coefficient * p.coefficient * 100n, 10n ** BigInt(q.scale + p.scale), mode);
        const lines = rate(price, quantity, 'EUR', mode);
        expect(lines.reduce((sum, l) => sum + l.amount, 0n)).toBe(q.coefficient === 0n ? 0n : expected);
      }),
      { numRuns: 300 },
    );
  });
});

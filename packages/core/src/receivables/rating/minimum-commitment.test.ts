import { describe, expect, it } from 'vitest';
import type { RoundingMode } from '../../money/index.ts';
import { rateCharge } from './charge-model-factory.ts';

const rate = (amount: string, periodChargesTotal: bigint | undefined, currency = 'EUR', roundingMode: RoundingMode = 'half_up') =>
  rateCharge(
    { model: 'minimum_commitment', params: { amount } },
    { quantity: '1', ...(periodChargesTotal === undefined ? {} : { periodChargesTotal }) },
    { currency, roundingMode },
  );

describe('minimum commitment with true-up', () => {
  it.each<[string, bigint, string, RoundingMode, bigint[]]>([
    ['1000.00', 85000n, 'EUR', 'half_up', [15000n]],
    ['1000.00', 0n, 'EUR', 'half_up', [100000n]],
    ['1000.00', 99999n, 'EUR', 'half_up', [1n]],
    ['1000.00', 100000n, 'EUR', 'half_up', []], // exactly met: no line
    ['1000.00', 120000n, 'EUR', 'half_up', []], // usage already exceeds it: no line
    ['5000.5', 4000n, 'JPY', 'half_even', [1000n]], // commitment rounds to 5000 JPY once
    ['5000.5', 4000n, 'JPY', 'half_up', [1001n]],
    ['250.125', 200000n, 'KWD', 'half_up', [50125n]],
  ])('commitment %s against %i minor units (%s %s) → %s', (amount, total, currency, mode, expected) => {
    expect(rate(amount, total, currency, mode).map((l) => l.amount)).toEqual(expected);
  });

  it('builds a commitment_true_up line', () => {
    expect(rate('1000', 85050n)).toEqual([
      {
        description: 'Minimum commitment true-up (commitment 1000.00, charges 850.50)',
        quantity: '1',
        unitPrice: null,
        amount: 14950n,
        kind: 'commitment_true_up',
      },
    ]);
  });

  it('requires the period charges total', () => {
    expect(() => rate('1000', undefined)).toThrowError('/input/periodChargesTotal');
  });
});

import { describe, expect, it } from 'vitest';
import type { RoundingMode } from '../../money/index.ts';
import { rateCharge } from './charge-model-factory.ts';
import type { Tier } from './tiers.ts';

const TIERS: Tier[] = [
  { upTo: '100', unitPrice: '0.10' },
  { upTo: '1000', unitPrice: '0.08', flatFee: '5' },
  { upTo: null, unitPrice: '0.05' },
];

const rate = (tiers: Tier[], quantity: string, currency = 'EUR', roundingMode: RoundingMode = 'half_up') =>
  rateCharge({ model: 'volume', params: { tiers } }, { quantity }, { currency, roundingMode });

describe('volume tiers: every unit at the price of the tier the total falls in', () => {
  it.each<[string, bigint, string, string | null]>([
    ['1', 10n, '0', '100'],
    ['100', 1000n, '0', '100'], // at the edge: still tier 1
    ['100.5', 1304n, '100', '1000'], // 8.04 + 5 flat
    ['101', 1308n, '100', '1000'], // 8.08 + 5 flat
    ['1000', 8500n, '100', '1000'],
    ['1001', 5005n, '1000', null], // the total drops when crossing into the cheaper tier
    ['1000000000000', 5_000_000_000_000n, '1000', null],
  ])('quantity %s → %i', (quantity, amount, from, to) => {
    const lines = rate(TIERS, quantity);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ quantity, amount, tier: { from, to }, kind: 'usage' });
  });

  it('gives no line for zero', () => {
    expect(rate(TIERS, '0')).toEqual([]);
  });

  it('keeps the flat fee on the line', () => {
    expect(rate(TIERS, '101')[0]).toEqual({
      description: 'Usage, tier 2 (over 100 up to 1000)',
      quantity: '101',
      unitPrice: '0.08',
      flatFee: '5',
      amount: 1308n,
      tier: { from: '100', to: '1000' },
      kind: 'usage',
    });
  });

  it.each<[string, RoundingMode, bigint]>([
    ['10', 'half_up', 3n], // 10 × 0.25 = 2.5 JPY
    ['10', 'half_even', 2n],
    ['11', 'half_up', 2n], // 11 × 0.15 = 1.65
    ['11', 'half_even', 2n],
  ])('JPY quantity %s (%s) → %i', (quantity, mode, amount) => {
    const lines = rate([{ upTo: '10', unitPrice: '0.25' }, { upTo: null, unitPrice: '0.15' }], quantity, 'JPY', mode);
    expect(lines[0]!.amount).toBe(amount);
  });

  it('rounds KWD to fils', () => {
    expect(rate([{ upTo: null, unitPrice: '0.0333' }], '7', 'KWD', 'half_up')[0]!.amount).toBe(233n); // 0.2331
  });
});

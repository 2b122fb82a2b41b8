import { describe, expect, it } from 'vitest';
import type { RoundingMode } from '../../money/index.ts';
import { rateCharge } from './charge-model-factory.ts';
import type { RatedLine } from './rating-types.ts';
import type { Tier } from './tiers.ts';

const TIERS: Tier[] = [
  { upTo: '100', unitPrice: '0.10' },
  { upTo: '1000', unitPrice: '0.08', flatFee: '5' },
  { upTo: null, unitPrice: '0.05' },
];

const rate = (tiers: Tier[], quantity: string, currency = 'EUR', roundingMode: RoundingMode = 'half_up') =>
  rateCharge({ model: 'graduated', name: 'API calls', params: { tiers } }, { quantity }, { currency, roundingMode });

const summary = (lines: RatedLine[]) => lines.map((l) => [l.quantity, l.amount, l.tier?.from, l.tier?.to]);

describe('graduated tiers (EUR): one line per tier touched, each rounded once', () => {
  it.each<[string, [string, bigint, string | undefined, string | null | undefined][]]>([
    ['0', []],
    ['1', [['1', 10n, '0', '100']]],
    ['100', [['100', 1000n, '0', '100']]], // exactly at the edge: tier 1 only
    ['101', [['100', 1000n, '0', '100'], ['1', 508n, '100', '1000']]], // edge + 1: tier 2 with its flat fee
    ['100.5', [['100', 1000n, '0', '100'], ['0.5', 504n, '100', '1000']]],
    ['1000', [['100', 1000n, '0', '100'], ['900', 7700n, '100', '1000']]],
    ['1001', [['100', 1000n, '0', '100'], ['900', 7700n, '100', '1000'], ['1', 5n, '1000', null]]],
    // 10^12 events, exact: (10^12 − 1000) × 0.05 = 49,999,999,950.00
    ['1000000000000', [['100', 1000n, '0', '100'], ['900', 7700n, '100', '1000'], ['999999999000', 4_999_999_995_000n, '1000', null]]],
  ])('quantity %s', (quantity, expected) => {
    expect(summary(rate(TIERS, quantity))).toEqual(expected);
  });

  it('builds complete lines', () => {
    expect(rate(TIERS, '101')).toEqual([
      { description: 'API calls, tier 1 (up to 100)', quantity: '100', unitPrice: '0.10', amount: 1000n, tier: { from: '0', to: '100' }, kind: 'usage' },
      {
        description: 'API calls, tier 2 (over 100 up to 1000)',
        quantity: '1',
        unitPrice: '0.08',
        flatFee: '5',
        amount: 508n,
        tier: { from: '100', to: '1000' },
        kind: 'usage',
      },
    ]);
  });

  it('charges no flat fee for a zero quantity', () => {
    expect(rate([{ upTo: null, unitPrice: '0', flatFee: '10' }], '0')).toEqual([]);
  });

  it('shows a free tier as a zero line', () => {
    const lines = rate([{ upTo: '1000', unitPrice: '0' }, { upTo: null, unitPrice: '0.002' }], '1500');
    expect(summary(lines)).toEqual([['1000', 0n, '0', '1000'], ['500', 100n, '1000', null]]);
  });
});

describe('graduated tiers: the total is the sum of rounded lines', () => {
  // JPY, 3 units at 0.5 (1.5) and 1 unit at 0.5 (0.5): exact total 2.0.
  const JPY_TIERS: Tier[] = [{ upTo: '3', unitPrice: '0.5' }, { upTo: null, unitPrice: '0.5' }];

  it.each<[RoundingMode, bigint[], bigint]>([
    ['half_up', [2n, 1n], 3n], // lines round 1.5→2 and 0.5→1: the invoice says 3 JPY, not round(2.0)=2
    ['half_even', [2n, 0n], 2n],
  ])('JPY %s → lines %s, total %i', (mode, amounts, total) => {
    const lines = rate(JPY_TIERS, '4', 'JPY', mode);
    expect(lines.map((l) => l.amount)).toEqual(amounts);
    expect(lines.reduce((sum, l) => sum + l.amount, 0n)).toBe(total);
  });

  it('prices sub-fils rates in KWD', () => {
    const lines = rate([{ upTo: '1000', unitPrice: '0.0015' }, { upTo: null, unitPrice: '0.00125' }], '1003', 'KWD', 'half_even');
    // 1000 × 0.0015 = 1.500 KWD; 3 × 0.00125 = 0.00375 → 0.004 KWD
    expect(lines.map((l) => l.amount)).toEqual([1500n, 4n]);
  });
});

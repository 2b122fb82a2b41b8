import { describe, expect, it } from 'vitest';
import type { Charge } from './charge-schema.ts';
import type { AllowanceCharge } from './included-allowance.ts';
import { cumulativeOffsets, ratePeriodWindows } from './rate-period-windows.ts';
import { rateCharge } from './charge-model-factory.ts';

const EUR = { currency: 'EUR', roundingMode: 'half_up' } as const;
const perUnit = (unitPrice: string): Charge => ({ model: 'per_unit', params: { unitPrice } });
const graduated = (first: string, rest: string, flatFee?: string): Charge => ({
  model: 'graduated',
  params: { tiers: [{ upTo: '1000', unitPrice: first }, { upTo: null, unitPrice: rest, ...(flatFee ? { flatFee } : {}) }] },
});
const volume = (first: string, rest: string): Charge => ({ model: 'volume', params: { tiers: [{ upTo: '1000', unitPrice: first, flatFee: '5' }, { upTo: null, unitPrice: rest, flatFee: '5' }] } });
const pkg = (blockPrice: string): Charge => ({ model: 'package', params: { blockSize: '100', blockPrice, freeUnits: '50' } });
const allowance = (unitPrice: string, includedQuantity = '10000'): Charge => ({ model: 'included_allowance', params: { includedQuantity, charge: perUnit(unitPrice) as AllowanceCharge } });
const allowanceGraduated = (first: string, rest: string): Charge => ({ model: 'included_allowance', params: { includedQuantity: '500', charge: graduated(first, rest) as AllowanceCharge } });

/** Each window's lines as `[kind, quantity, amount]`. */
const rate = (windows: [Charge, string][]) => ratePeriodWindows(windows.map(([charge, quantity]) => ({ charge, quantity })), EUR).map((lines) => lines.map((l) => [l.kind, l.quantity, l.amount]));

describe('ratePeriodWindows: one billing period split by price changes is rated once', () => {
  it.each<[string, [Charge, string][], [string, string, bigint][][]]>([
    ['per unit: each window at its own price', [[perUnit('0.01'), '100'], [perUnit('0.02'), '100']], [[['usage', '100', 100n]], [['usage', '100', 200n]]]],
    [
      'allowance consumed once, in time order (6,000 + 6,000 with 10,000 included)',
      [[allowance('0.002'), '6000'], [allowance('0.003'), '6000']],
      [[['allowance', '6000', 0n]], [['allowance', '4000', 0n], ['usage', '2000', 600n]]],
    ],
    [
      'allowance used up in the first window: the second shows only priced units',
      [[allowance('0.002'), '12000'], [allowance('0.003'), '1000']],
      [[['allowance', '10000', 0n], ['usage', '2000', 400n]], [['usage', '1000', 300n]]],
    ],
    [
      'the allowance of the window in force applies to what is left (a larger allowance from the amendment)',
      [[allowance('0.002', '1000'), '800'], [allowance('0.002', '5000'), '5000']],
      [[['allowance', '800', 0n]], [['allowance', '4200', 0n], ['usage', '800', 160n]]],
    ],
    [
      'graduated: tiers fill across windows, each window at its own prices',
      [[graduated('0.10', '0.05'), '800'], [graduated('0.20', '0.08'), '700']],
      [[['usage', '800', 8000n]], [['usage', '200', 4000n], ['usage', '500', 4000n]]],
    ],
    [
      'graduated: a tier flat fee is charged in the window that first touches the tier, once',
      [[graduated('0.10', '0.05', '7'), '1200'], [graduated('0.10', '0.05', '7'), '100']],
      [[['usage', '1000', 10000n], ['usage', '200', 1700n]], [['usage', '100', 500n]]],
    ],
    [
      'graduated behind an allowance: the inner tiers continue after the allowance',
      [[allowanceGraduated('1.00', '0.50'), '1000'], [allowanceGraduated('2.00', '1.00'), '1000']],
      [[['allowance', '500', 0n], ['usage', '500', 50000n]], [['usage', '500', 100000n], ['usage', '500', 50000n]]],
    ],
    [
      'volume: the period total selects the tier for every window; the flat fee once',
      [[volume('0.10', '0.05'), '800'], [volume('0.20', '0.08'), '700']],
      [[['usage', '800', 4500n]], [['usage', '700', 5600n]]],
    ],
    [
      'package: free units and started blocks counted over the period',
      [[pkg('5'), '120'], [pkg('6'), '60'], [pkg('6'), '100']],
      [[['usage', '1', 500n]], [['usage', '1', 600n]], [['usage', '1', 600n]]],
    ],
    ['a window with no usage has no lines and moves nothing', [[graduated('0.10', '0.05'), '0'], [graduated('0.10', '0.05'), '1001']], [[], [['usage', '1000', 10000n], ['usage', '1', 5n]]]],
  ])('%s', (_name, windows, expected) => {
    expect(rate(windows)).toEqual(expected);
  });

  it.each<[string, Charge]>([
    ['per unit', perUnit('0.0015')],
    ['graduated with a flat fee', graduated('0.10', '0.05', '7')],
    ['volume', volume('0.10', '0.05')],
    ['package', pkg('5')],
    ['allowance', allowance('0.002', '1000')],
  ])('%s: without a price change, split windows bill what one window would (up to rounding per line)', (_name, charge) => {
    const whole = rateCharge(charge, { quantity: '2345' }, EUR).reduce((s, l) => s + l.amount, 0n);
    const split = ratePeriodWindows([{ charge, quantity: '345' }, { charge, quantity: '1000' }, { charge, quantity: '1000' }], EUR).flat().reduce((s, l) => s + l.amount, 0n);
    expect(split - whole).toBeGreaterThanOrEqual(-3n);
    expect(split - whole).toBeLessThanOrEqual(3n);
  });

  it('computes offsets in time order', () => {
    expect(cumulativeOffsets(['6000', '0', '2.5'])).toEqual([
      { priorQuantity: '0', periodQuantity: '6002.5' },
      { priorQuantity: '6000', periodQuantity: '6002.5' },
      { priorQuantity: '6000', periodQuantity: '6002.5' },
    ]);
  });

  it('refuses a negative prior quantity', () => {
    expect(() => rateCharge(perUnit('1'), { quantity: '1', priorQuantity: '-1' }, EUR)).toThrowError(expect.objectContaining({ issues: [expect.objectContaining({ path: '/input/priorQuantity' })] }));
  });
});

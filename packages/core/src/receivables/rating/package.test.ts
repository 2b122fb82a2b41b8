import { describe, expect, it } from 'vitest';
import type { RoundingMode } from '../../money/index.ts';
import { rateCharge } from './charge-model-factory.ts';
import type { PackageParams } from './package.ts';

const rate = (params: PackageParams, quantity: string, currency = 'EUR', roundingMode: RoundingMode = 'half_up') =>
  rateCharge({ model: 'package', name: 'SMS', params }, { quantity }, { currency, roundingMode });

describe('package: blocks of N units, free units first, partial blocks round up', () => {
  const withFree: PackageParams = { blockSize: '1000', blockPrice: '2.50', freeUnits: '500' };
  const noFree: PackageParams = { blockSize: '1000', blockPrice: '2.50' };

  it.each<[string, PackageParams, string, string, bigint]>([
    ['inside the free units', withFree, '500', '0', 0n],
    ['one unit past the free units', withFree, '501', '1', 250n],
    ['exactly one full block after free units', withFree, '1500', '1', 250n],
    ['one unit into the second block', withFree, '1501', '2', 500n],
    ['a single unit', noFree, '1', '1', 250n],
    ['exactly one block', noFree, '1000', '1', 250n],
    ['one unit over a block', noFree, '1001', '2', 500n],
    ['10^12 units', noFree, '1000000000000', '1000000000', 250_000_000_000n],
    ['fractional blocks (GB)', { blockSize: '0.5', blockPrice: '1' }, '1.2', '3', 300n],
  ])('%s: %s units → %s blocks', (_case, params, quantity, blocks, amount) => {
    const [line, ...rest] = rate(params, quantity);
    expect(rest).toEqual([]);
    expect(line).toMatchObject({ quantity: blocks, unitPrice: params.blockPrice, amount, kind: 'usage' });
  });

  it('gives no line for zero', () => {
    expect(rate(withFree, '0')).toEqual([]);
  });

  it('describes the blocks', () => {
    expect(rate(withFree, '1501')[0]!.description).toBe('SMS (1501 units in blocks of 1000, first 500 free)');
  });

  it.each<[string, RoundingMode, bigint]>([
    ['1', 'half_up', 100n], // 99.5 JPY
    ['1', 'half_even', 100n],
    ['3000', 'half_up', 299n], // 3 blocks × 99.5 = 298.5
    ['3000', 'half_even', 298n],
  ])('JPY %s units (%s) → %i', (quantity, mode, amount) => {
    expect(rate({ blockSize: '1000', blockPrice: '99.5' }, quantity, 'JPY', mode)[0]!.amount).toBe(amount);
  });

  it('rejects a zero block size', () => {
    expect(() => rate({ blockSize: '0', blockPrice: '1' }, '1')).toThrowError('/params/blockSize: must be greater than zero');
  });
});

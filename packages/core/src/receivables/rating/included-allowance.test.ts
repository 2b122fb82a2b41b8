import { describe, expect, it } from 'vitest';
import { rateCharge } from './charge-model-factory.ts';
import type { AllowanceCharge } from './included-allowance.ts';

const PER_CALL: AllowanceCharge = { model: 'per_unit', params: { unitPrice: '0.002' } };

const rate = (includedQuantity: string, charge: AllowanceCharge, quantity: string, kind?: 'recurring') =>
  rateCharge(
    { model: 'included_allowance', name: 'API calls', params: { includedQuantity, charge }, ...(kind ? { kind } : {}) },
    { quantity },
    { currency: 'EUR', roundingMode: 'half_up' },
  );

describe('included allowance: subtracted before rating, never below zero', () => {
  it.each<[string, [string, string, bigint][]]>([
    ['0', []],
    ['5000', [['allowance', '5000', 0n]]],
    ['10000', [['allowance', '10000', 0n]]],
    ['10001', [['allowance', '10000', 0n], ['usage', '1', 0n]]], // 0.002 EUR rounds to 0.00
    ['15000', [['allowance', '10000', 0n], ['usage', '5000', 1000n]]],
  ])('%s calls with 10000 included', (quantity, expected) => {
    expect(rate('10000', PER_CALL, quantity).map((l) => [l.kind, l.quantity, l.amount])).toEqual(expected);
  });

  it('rates the rest from the first tier', () => {
    const graduated: AllowanceCharge = {
      model: 'graduated',
      params: { tiers: [{ upTo: '100', unitPrice: '1.00' }, { upTo: null, unitPrice: '0.50' }] },
    };
    expect(rate('100', graduated, '250').map((l) => [l.quantity, l.amount, l.tier?.to])).toEqual([
      ['100', 0n, undefined],
      ['100', 10000n, '100'],
      ['50', 2500n, null],
    ]);
  });

  it('wraps package pricing', () => {
    const pkg: AllowanceCharge = { model: 'package', params: { blockSize: '1000', blockPrice: '5' } };
    expect(rate('2000', pkg, '2001').map((l) => [l.quantity, l.amount])).toEqual([['2000', 0n], ['1', 500n]]);
  });

  it('passes a recurring kind to the priced lines', () => {
    const lines = rate('5', { model: 'volume', params: { tiers: [{ upTo: null, unitPrice: '10' }] } }, '8', 'recurring');
    expect(lines).toEqual([
      { description: 'API calls, included (5 per period)', quantity: '5', unitPrice: '0', amount: 0n, kind: 'allowance' },
      { description: 'API calls, tier 1 (all units)', quantity: '3', unitPrice: '10', amount: 3000n, tier: { from: '0', to: null }, kind: 'recurring' },
    ]);
  });

  it('accepts only quantity-based inner charges', () => {
    expect(() => rate('5', { model: 'flat', params: { amount: '1' } } as unknown as AllowanceCharge, '8')).toThrowError(
      expect.objectContaining({ issues: [expect.objectContaining({ path: '/params/charge/model' })] }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import type { RoundingMode } from '../../money/index.ts';
import { rateCharge } from './charge-model-factory.ts';

describe('one-time charge', () => {
  it.each<[string, string, string, RoundingMode, bigint]>([
    ['499.00', '1', 'EUR', 'half_up', 49900n],
    ['1200', '3', 'EUR', 'half_up', 360000n],
    ['1000.5', '1', 'JPY', 'half_up', 1001n],
    ['1000.5', '1', 'JPY', 'half_even', 1000n],
    ['75.2505', '2', 'KWD', 'half_up', 150501n],
  ])('%s × %s %s (%s) → %i', (unitPrice, quantity, currency, roundingMode, amount) => {
    const lines = rateCharge({ model: 'one_time', name: 'Onboarding', params: { unitPrice } }, { quantity }, { currency, roundingMode });
    expect(lines).toEqual([{ description: 'Onboarding', quantity, unitPrice, amount, kind: 'one_time' }]);
  });

  it('gives no line for zero', () => {
    expect(rateCharge({ model: 'one_time', params: { unitPrice: '10' } }, { quantity: '0' }, { currency: 'EUR', roundingMode: 'half_up' })).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { RoundingMode } from '../../money/index.ts';
import { rateCharge } from './charge-model-factory.ts';

describe('flat recurring charge', () => {
  it.each<[string, string, RoundingMode, bigint]>([
    ['49.99', 'EUR', 'half_up', 4999n],
    ['1200', 'JPY', 'half_up', 1200n],
    ['1200.5', 'JPY', 'half_up', 1201n],
    ['1200.5', 'JPY', 'half_even', 1200n],
    ['12.3455', 'KWD', 'half_up', 12346n],
    ['12.3455', 'KWD', 'half_even', 12346n],
    ['12.3465', 'KWD', 'half_even', 12346n],
    ['0', 'EUR', 'half_up', 0n],
  ])('%s %s (%s) → %i minor units, one recurring line', (amount, currency, roundingMode, expected) => {
    const lines = rateCharge({ model: 'flat', params: { amount } }, { quantity: '1' }, { currency, roundingMode });
    expect(lines).toEqual([{ description: 'Subscription fee', quantity: '1', unitPrice: amount, amount: expected, kind: 'recurring' }]);
  });

  it('ignores the quantity and uses the charge name', () => {
    const lines = rateCharge({ model: 'flat', name: 'Pro plan', params: { amount: '99' } }, { quantity: '7' }, { currency: 'USD', roundingMode: 'half_up' });
    expect(lines).toEqual([{ description: 'Pro plan', quantity: '1', unitPrice: '99', amount: 9900n, kind: 'recurring' }]);
  });
});

import { describe, expect, it } from 'vitest';
import { upliftCharge, upliftPrice } from './uplift-charge.ts';

describe('upliftPrice', () => {
  it.each([
    ['99.99', '3', 'EUR', '102.99'],
    ['100', '5', 'EUR', '105.00'],
    ['0.0015', '3.5', 'USD', '0.0016'],
    ['0.001500', '3.5', 'USD', '0.001553'],
    ['1000', '7', 'JPY', '1070'],
    ['1999', '2.5', 'JPY', '2049'],
    ['12.345', '10', 'KWD', '13.580'],
    ['100.00', '0', 'USD', '100.00'],
    ['100.00', '-10', 'USD', '90.00'],
  ])('%s + %s%% in %s = %s', (price, percent, currency, expected) => {
    expect(upliftPrice(price, percent, currency)).toBe(expected);
  });
});

describe('upliftCharge', () => {
  it('raises every price in tiers and fees but not quantities or rates', () => {
    const charge = {
      model: 'graduated',
      params: { tiers: [{ upTo: '1000', unitPrice: '0.10', flatFee: '5.00' }, { upTo: null, unitPrice: '0.05' }] },
    };
    expect(upliftCharge(charge, '10', 'USD')).toEqual({
      model: 'graduated',
      params: { tiers: [{ upTo: '1000', unitPrice: '0.11', flatFee: '5.50' }, { upTo: null, unitPrice: '0.06' }] },
    });
    const percentage = { model: 'percentage', params: { rate: '2.9', fixedFee: '0.30' } };
    expect(upliftCharge(percentage, '10', 'USD')).toEqual({ model: 'percentage', params: { rate: '2.9', fixedFee: '0.33' } });
  });
});

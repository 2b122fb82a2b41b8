import { describe, expect, it } from 'vitest';
import { sumAmounts } from './sum-amounts.ts';

describe('sumAmounts', () => {
  it.each([
    [[], '0'],
    [['0.10', '0.20'], '0.30'],
    [['1234.50', '-0.51'], '1233.99'],
    [['-5.00', '2.00'], '-3.00'],
    [['1000', '0.001'], '1000.001'],
    [['90071992547409.93', '0.07'], '90071992547410.00'],
  ])('%j → %s', (amounts, total) => {
    expect(sumAmounts(amounts)).toBe(total);
  });
});

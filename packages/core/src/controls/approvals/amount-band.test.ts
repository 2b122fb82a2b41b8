import { describe, expect, it } from 'vitest';
import { compareDecimalStrings, compareMinorWithDecimal, decimalToMinorCeil, inAmountBand } from './amount-band.ts';

describe('amount bands', () => {
  it.each<[bigint, string, string | undefined, string | undefined, boolean]>([
    [0n, 'EUR', undefined, '10000', true],
    [999_999n, 'EUR', undefined, '10000', true],
    [1_000_000n, 'EUR', undefined, '10000', false], // max is exclusive
    [1_000_000n, 'EUR', '10000', undefined, true], // min is inclusive
    [999_999n, 'EUR', '10000.00', undefined, false],
    [10_000n, 'JPY', '10000', '10001', true], // 0 minor digits
    [10_000_500n, 'KWD', '10000.5', undefined, true], // 3 minor digits
    [10_000_499n, 'KWD', '10000.5', undefined, false],
  ])('%s minor %s in [%s, %s): %s', (amount, currency, min, max, expected) => {
    expect(inAmountBand(amount, currency, min, max)).toBe(expected);
  });

  it('compares decimal strings exactly, whatever their scale', () => {
    expect(compareDecimalStrings('10.50', '10.5')).toBe(0);
    expect(compareDecimalStrings('9.999999999999', '10')).toBe(-1);
    expect(compareMinorWithDecimal(1050n, 'EUR', '10.5')).toBe(0);
  });

  it('rounds a band start up to whole minor units, so a limit must reach the band', () => {
    expect(decimalToMinorCeil('10000', 'EUR')).toBe(1_000_000n);
    expect(decimalToMinorCeil('0.001', 'EUR')).toBe(1n);
    expect(decimalToMinorCeil('10.5', 'JPY')).toBe(11n);
  });
});

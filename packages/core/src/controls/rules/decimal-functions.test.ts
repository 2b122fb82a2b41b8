import { describe, expect, it } from 'vitest';
import { decimalCompare, exceedsTolerance } from './decimal-functions.ts';

describe('decimalCompare', () => {
  it.each([
    ['1.50', '1.5', 0n],
    ['0.1', '0.10000000000000000001', -1n],
    ['-2', '1', -1n],
    ['1000000.5', '1000000', 1n],
    ['10.000000000000', '10', 0n],
  ])('%s vs %s → %s', (a, b, expected) => {
    expect(decimalCompare(a, b)).toBe(expected);
  });

  it('refuses text that is not a plain decimal', () => {
    expect(() => decimalCompare('1e3', '1')).toThrow('decimalCompare: "1e3" is not a decimal number');
  });
});

describe('exceedsTolerance', () => {
  it.each([
    ['101', '100', 100n, false],
    ['101.01', '100', 100n, true],
    ['98.99', '100', 100n, true],
    ['0.00101', '0.001', 100n, false],
    ['0', '0', 0n, false],
    ['0.0001', '0', 10000n, true],
    ['-101', '-100', 100n, false],
    ['100.000001', '100', 0n, true],
  ])('%s against %s with %s bps → %s', (actual, expected, bps, result) => {
    expect(exceedsTolerance(actual, expected, bps)).toBe(result);
  });

  it('refuses a negative tolerance', () => {
    expect(() => exceedsTolerance('1', '1', -1n)).toThrow('exceedsTolerance: tolerance -1 bps is negative');
  });
});

import { describe, expect, it } from 'vitest';
import { trimDecimal } from './decimal-text.ts';

describe('trimDecimal', () => {
  it.each([
    ['10.000000000000', '10'],
    ['2.500000000000', '2.5'],
    ['0.000000000001', '0.000000000001'],
    ['100', '100'],
    ['0.000', '0'],
    ['-0.000', '0'],
    ['-1.250', '-1.25'],
  ])('%s → %s', (input, expected) => {
    expect(trimDecimal(input)).toBe(expected);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RoundingMode } from '../../money/rounding.ts';
import { calculateLineTax, normalizePercent, taxablePortionOf } from './line-tax.ts';

describe('calculateLineTax', () => {
  it.each<[string, bigint, string, string, string | undefined, RoundingMode, bigint]>([
    ['19.99 EUR at 19 %', 1999n, 'EUR', '19', undefined, 'half_up', 380n], // 3.7981
    ['100.00 EUR at 25.5 % (Finland)', 10000n, 'EUR', '25.5', undefined, 'half_up', 2550n],
    ['100.00 USD at 8.875 % (New York City combined)', 10000n, 'USD', '8.875', undefined, 'half_up', 888n], // 8.875
    ['100.00 USD at 8.875 %, banker\'s rounding', 10000n, 'USD', '8.875', undefined, 'half_even', 888n],
    ['0.05 EUR at 10 %: a tie', 5n, 'EUR', '10', undefined, 'half_up', 1n],
    ['0.05 EUR at 10 %: a tie, half_even', 5n, 'EUR', '10', undefined, 'half_even', 0n],
    ['Texas: 100.00 USD at 6.25 % on 80 %', 10000n, 'USD', '6.25', '80', 'half_up', 500n],
    ['Texas: 10.01 USD at 6.25 % on 80 %, rounded once', 1001n, 'USD', '6.25', '80', 'half_up', 50n], // 0.5005
    ['JPY has no minor unit: 1,999 yen at 10 %', 1999n, 'JPY', '10', undefined, 'half_up', 200n], // 199.9
    ['JPY 150 yen at 19 % = 28.5: half_up', 150n, 'JPY', '19', undefined, 'half_up', 29n],
    ['JPY 150 yen at 19 % = 28.5: half_even', 150n, 'JPY', '19', undefined, 'half_even', 28n],
    ['KWD has three: 12.345 KWD at 5 %', 12345n, 'KWD', '5', undefined, 'half_up', 617n], // 617.25 fils
    ['KWD 0.010 at 15 % = 1.5 fils: half_up', 10n, 'KWD', '15', undefined, 'half_up', 2n],
    ['KWD 0.010 at 15 % = 1.5 fils: down', 10n, 'KWD', '15', undefined, 'down', 1n],
    ['zero rate', 123456n, 'EUR', '0', undefined, 'half_up', 0n],
    ['zero amount', 0n, 'EUR', '19', undefined, 'up', 0n],
    ['beyond 2^53', 9007199254740993n, 'EUR', '10', undefined, 'half_up', 900719925474099n],
  ])('%s', (_label, amount, currency, rate, portion, mode, expected) => {
    expect(calculateLineTax({ amount, currency, ratePercent: rate, taxablePortionPercent: portion, roundingMode: mode })).toBe(expected);
  });

  it.each<[bigint, string, string, RoundingMode, bigint]>([
    [-1999n, 'EUR', '19', 'half_up', -380n],
    [-150n, 'JPY', '19', 'half_up', -29n],
    [-150n, 'JPY', '19', 'half_even', -28n],
    [-10n, 'KWD', '15', 'half_up', -2n],
  ])('a credit of %i %s at %s %% (%s) mirrors its invoice line: %i', (amount, currency, rate, mode, expected) => {
    expect(calculateLineTax({ amount, currency, ratePercent: rate, roundingMode: mode })).toBe(expected);
  });

  it('rounds credits symmetrically for every symmetric mode (property)', () => {
    const modes: RoundingMode[] = ['half_up', 'half_even', 'half_down', 'up', 'down'];
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.constantFrom('19', '20', '25.5', '8.875', '6.25', '13'),
        fc.constantFrom(...modes),
        (amount, rate, mode) => {
          const invoice = calculateLineTax({ amount, currency: 'EUR', ratePercent: rate, roundingMode: mode });
          const credit = calculateLineTax({ amount: -amount, currency: 'EUR', ratePercent: rate, roundingMode: mode });
          expect(credit).toBe(-invoice);
        },
      ),
      { numRuns: 300 },
    );
  });

  it.each([
    ['19.5.1', 'must be a percentage'],
    ['-19', 'must be a percentage'],
    ['1e1', 'must be a percentage'],
    ['19.0000001', 'must be a percentage'],
    ['101', 'must be at most 100'],
  ])('refuses rate %j', (rate, message) => {
    expect(() => calculateLineTax({ amount: 100n, currency: 'EUR', ratePercent: rate, roundingMode: 'half_up' })).toThrowError(message);
  });

  it('refuses a float rate from an untyped caller', () => {
    expect(() => calculateLineTax({ amount: 100n, currency: 'EUR', ratePercent: 0.19 as unknown as string, roundingMode: 'half_up' })).toThrowError(
      'must be a percentage written as a decimal string',
    );
  });
});

describe('taxablePortionOf', () => {
  it.each<[bigint, string, bigint]>([
    [10000n, '80', 8000n],
    [1001n, '80', 801n], // 800.8
    [-1001n, '80', -801n],
    [12345n, '100', 12345n],
  ])('%i at %s %% → %i', (amount, portion, expected) => {
    expect(taxablePortionOf(amount, 'USD', portion, 'half_up')).toBe(expected);
  });
});

describe('normalizePercent', () => {
  it.each([
    ['19', '19'],
    ['19.000000', '19'],
    ['08.50', '8.5'],
    ['0', '0'],
    ['0.000', '0'],
    ['25.5', '25.5'],
    ['9.975', '9.975'],
  ])('%s → %s', (input, expected) => {
    expect(normalizePercent(input)).toBe(expected);
  });
});

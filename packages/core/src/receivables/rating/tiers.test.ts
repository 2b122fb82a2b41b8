import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors/app-error.ts';
import { parseCharge } from './charge-model-factory.ts';
import { dec } from './rating-decimal.ts';
import { describeTier, resolveTiers, tierContains, type Tier } from './tiers.ts';

const TIERS: Tier[] = [
  { upTo: '100', unitPrice: '0.10' },
  { upTo: '1000', unitPrice: '0.08' },
  { upTo: null, unitPrice: '0.05' },
];

function issuesOf(fn: () => unknown): { path: string; message: string }[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('validation_failed');
    return (error as AppError).issues;
  }
  throw new Error('expected an AppError');
}

describe('tier boundaries: upTo is inclusive', () => {
  it.each<[string, number]>([
    ['0.000001', 0],
    ['1', 0],
    ['100', 0],
    ['100.000001', 1],
    ['101', 1],
    ['1000', 1],
    ['1001', 2],
    ['1000000000000', 2],
  ])('quantity %s falls in tier index %i', (quantity, expected) => {
    const found = resolveTiers(TIERS).findIndex((range) => tierContains(range, dec(quantity)));
    expect(found).toBe(expected);
  });

  it('zero is in no tier', () => {
    expect(resolveTiers(TIERS).some((range) => tierContains(range, dec('0')))).toBe(false);
  });

  it.each([
    [0, 'tier 1 (up to 100)'],
    [1, 'tier 2 (over 100 up to 1000)'],
    [2, 'tier 3 (over 1000)'],
  ])('describes tier %i as %s', (index, text) => {
    expect(describeTier(resolveTiers(TIERS)[index]!)).toBe(text);
  });

  it('describes a single open tier', () => {
    expect(describeTier(resolveTiers([{ upTo: null, unitPrice: '1' }])[0]!)).toBe('tier 1 (all units)');
  });
});

describe('tier validation names the field', () => {
  it.each<[string, unknown, string, string]>([
    ['descending bounds', [{ upTo: '1000', unitPrice: '1' }, { upTo: '100', unitPrice: '1' }, { upTo: null, unitPrice: '1' }], '/params/tiers/1/upTo', 'strictly ascending'],
    ['equal bounds', [{ upTo: '100', unitPrice: '1' }, { upTo: '100.0', unitPrice: '1' }, { upTo: null, unitPrice: '1' }], '/params/tiers/1/upTo', 'strictly ascending'],
    ['a closed last tier', [{ upTo: '100', unitPrice: '1' }], '/params/tiers/0/upTo', 'last tier must have upTo null'],
    ['an open middle tier', [{ upTo: null, unitPrice: '1' }, { upTo: null, unitPrice: '1' }], '/params/tiers/0/upTo', 'only the last tier'],
    ['a zero bound', [{ upTo: '0', unitPrice: '1' }, { upTo: null, unitPrice: '1' }], '/params/tiers/0/upTo', 'greater than zero'],
    ['a negative price', [{ upTo: '10', unitPrice: '-0.01' }, { upTo: null, unitPrice: '1' }], '/params/tiers/0/unitPrice', 'must not be negative'],
    ['a negative flat fee', [{ upTo: null, unitPrice: '1', flatFee: '-5' }], '/params/tiers/0/flatFee', 'must not be negative'],
    ['a float price', [{ upTo: null, unitPrice: 0.1 }], '/params/tiers/0/unitPrice', 'expected string'],
    ['exponent notation', [{ upTo: '1e3', unitPrice: '1' }, { upTo: null, unitPrice: '1' }], '/params/tiers/0/upTo', 'decimal string'],
    ['no tiers', [], '/params/tiers', 'at least one tier'],
    ['an unknown field', [{ upTo: null, unitPrice: '1', price: '2' }], '/params/tiers/0/price', 'not a known field'],
  ])('rejects %s', (_case, tiers, path, message) => {
    for (const model of ['graduated', 'volume']) {
      const issues = issuesOf(() => parseCharge({ model, params: { tiers } }));
      expect(issues).toContainEqual({ path, message: expect.stringContaining(message) });
    }
  });

  it('rejects more than 100 tiers', () => {
    const tiers = [...Array.from({ length: 100 }, (_, i) => ({ upTo: String(i + 1), unitPrice: '1' })), { upTo: null, unitPrice: '1' }];
    expect(issuesOf(() => parseCharge({ model: 'graduated', params: { tiers } }))).toContainEqual({ path: '/params/tiers', message: 'at most 100 tiers' });
  });
});

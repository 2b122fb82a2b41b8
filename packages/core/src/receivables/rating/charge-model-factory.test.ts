import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors/app-error.ts';
import { CHARGE_MODEL_NAMES, type Charge } from './charge-schema.ts';
import { chargeModelFor, parseCharge, rateCharge } from './charge-model-factory.ts';
import type { RatingContext, RatingInput } from './rating-types.ts';

const EUR: RatingContext = { currency: 'EUR', roundingMode: 'half_up' };

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

describe('charge model factory', () => {
  it.each(CHARGE_MODEL_NAMES)('has a calculator for %s', (model) => {
    const calculator = chargeModelFor(model);
    expect(typeof calculator.rate).toBe('function');
    expect(calculator.defaultName.length).toBeGreaterThan(0);
  });

  it('rejects an unknown model name from untyped callers', () => {
    expect(issuesOf(() => chargeModelFor('tiered' as never))).toEqual([{ path: '/model', message: expect.stringContaining('unknown charge model "tiered"') }]);
  });

  it.each<[string, unknown, string, string]>([
    ['an unknown model', { model: 'stairstep', params: {} }, '/model', 'unknown charge model; use one of flat, per_unit'],
    ['a missing model', { params: {} }, '/model', 'unknown charge model'],
    ['a negative price', { model: 'per_unit', params: { unitPrice: '-1' } }, '/params/unitPrice', 'must not be negative'],
    ['a float price', { model: 'per_unit', params: { unitPrice: 1.5 } }, '/params/unitPrice', 'expected string'],
    ['a typo in params', { model: 'per_unit', params: { unitprice: '1' } }, '/params/unitprice', 'not a known field'],
    ['kind on a flat fee', { model: 'flat', kind: 'usage', params: { amount: '1' } }, '/kind', 'not a known field'],
    ['descending tiers', { model: 'graduated', params: { tiers: [{ upTo: '10', unitPrice: '1' }, { upTo: '5', unitPrice: '1' }, { upTo: null, unitPrice: '1' }] } }, '/params/tiers/1/upTo', 'strictly ascending'],
    ['an empty name', { model: 'flat', name: ' ', params: { amount: '1' } }, '/name', 'must not be empty'],
  ])('rejects %s, naming %s', (_case, charge, path, message) => {
    expect(issuesOf(() => parseCharge(charge))).toContainEqual({ path, message: expect.stringContaining(message) });
  });

  it('prefixes paths with a base path', () => {
    expect(issuesOf(() => parseCharge({ model: 'per_unit', params: { unitPrice: 'x' } }, '/charges/2'))[0]!.path).toBe('/charges/2/params/unitPrice');
  });

  it.each<[string, RatingInput, RatingContext, string]>([
    ['a negative quantity', { quantity: '-1' }, EUR, '/input/quantity'],
    ['an exponent quantity', { quantity: '1e3' }, EUR, '/input/quantity'],
    ['a float quantity', { quantity: 3 as unknown as string }, EUR, '/input/quantity'],
    ['too many digits', { quantity: '1234567890123456' }, EUR, '/input/quantity'],
    ['an unknown currency', { quantity: '1' }, { currency: 'XYZ', roundingMode: 'half_up' }, '/context/currency'],
    ['an unknown rounding mode', { quantity: '1' }, { currency: 'EUR', roundingMode: 'bankers' as never }, '/context/roundingMode'],
  ])('rejects %s at %s', (_case, input, ctx, path) => {
    expect(issuesOf(() => rateCharge({ model: 'per_unit', params: { unitPrice: '1' } }, input, ctx)).map((i) => i.path)).toEqual([path]);
  });

  it('rates a whole plan: the invoice total is the sum of rounded lines', () => {
    const plan: Charge[] = [
      { model: 'flat', name: 'Platform', params: { amount: '99.00' } },
      { model: 'per_unit', name: 'Seats', kind: 'recurring', params: { unitPrice: '12.50' } },
      { model: 'graduated', name: 'API calls', params: { tiers: [{ upTo: '1000000', unitPrice: '0' }, { upTo: null, unitPrice: '0.0015' }] } },
    ];
    const inputs: RatingInput[] = [{ quantity: '1' }, { quantity: '12' }, { quantity: '1333333' }];
    const lines = plan.flatMap((charge, i) => rateCharge(charge, inputs[i]!, EUR));
    expect(lines.map((l) => [l.kind, l.amount])).toEqual([
      ['recurring', 9900n],
      ['recurring', 15000n],
      ['usage', 0n],
      ['usage', 50000n], // 333,333 × 0.0015 = 499.9995 → 500.00
    ]);
    const usageTotal = lines.reduce((sum, l) => sum + l.amount, 0n);
    expect(usageTotal).toBe(74900n);
    const commitment = rateCharge({ model: 'minimum_commitment', params: { amount: '1000' } }, { quantity: '1', periodChargesTotal: usageTotal }, EUR);
    expect(commitment.map((l) => l.amount)).toEqual([25100n]);
  });
});

import { describe, expect, it } from 'vitest';
import { periodCommitment, planCommitmentTrueUp, type CommitmentVersion } from './plan-commitment-true-up.ts';

const version = (amount: string, overrides: Partial<CommitmentVersion> = {}): CommitmentVersion => ({
  id: 'v1',
  productId: 'prd_1',
  charge: { model: 'minimum_commitment', name: 'Minimum commitment', params: { amount } },
  startDate: '2026-04-01',
  endDate: '2027-04-01',
  ...overrides,
});
const april = { start: '2026-04-01', end: '2026-05-01', fullDays: 30 };

const trueUp = (usageMinor: bigint, billedTrueUpMinor = 0n, versions = [version('100.00')], currency = 'EUR') =>
  planCommitmentTrueUp({ period: april, versions, usageMinor, billedTrueUpMinor, currency, roundingMode: 'half_up' })?.amountMinor;

describe('planCommitmentTrueUp', () => {
  it.each<[string, bigint, bigint, bigint | undefined]>([
    ['no usage: the whole commitment', 0n, 0n, 10000n],
    ['usage short of it: the shortfall', 4000n, 0n, 6000n],
    ['usage meets it exactly: nothing', 10000n, 0n, undefined],
    ['usage above it: nothing (never a credit for overuse)', 25000n, 0n, undefined],
    ['already trued up, nothing changed: nothing', 4000n, 6000n, undefined],
    ['late usage after the true-up: the excess back', 6500n, 6000n, -2500n],
    ['late usage beyond the commitment: the whole true-up back', 12000n, 6000n, -6000n],
    ['a late correction lowering usage: the difference owed', 3000n, 6000n, 1000n],
  ])('%s', (_name, usage, billed, expected) => {
    expect(trueUp(usage, billed)).toBe(expected);
  });

  it('names the period and the figures', () => {
    expect(planCommitmentTrueUp({ period: april, versions: [version('100.00')], usageMinor: 4000n, billedTrueUpMinor: 0n, currency: 'EUR', roundingMode: 'half_up' })).toEqual({
      kind: 'commitment_true_up',
      contractLineId: 'v1',
      productId: 'prd_1',
      description: 'Minimum commitment, period 2026-04-01 to 2026-05-01 (commitment 100.00 EUR, usage charges 40.00 EUR)',
      serviceStart: '2026-04-01',
      serviceEnd: '2026-05-01',
      quantity: '1',
      unitPrice: null,
      amountMinor: 6000n,
    });
  });

  it.each<[string, CommitmentVersion[], string, bigint]>([
    ['whole period: exact amount', [version('99.99')], 'EUR', 9999n],
    ['rounded once to the currency (JPY)', [version('1000.6')], 'JPY', 1001n],
    ['started mid-period: prorated by day', [version('100.00', { startDate: '2026-04-21' })], 'EUR', 3333n],
    ['cut by cancellation: prorated by day', [version('100.00', { endDate: '2026-04-11' })], 'EUR', 3333n],
    [
      'amended mid-period: each version for its days, each rounded once',
      [version('100.00', { endDate: '2026-04-16' }), version('300.00', { id: 'v2', startDate: '2026-04-16' })],
      'EUR',
      20000n,
    ],
    ['not in force in the period', [version('100.00', { startDate: '2026-05-01' })], 'EUR', 0n],
  ])('commitment: %s', (_name, versions, currency, expected) => {
    expect(periodCommitment(april, versions, currency, 'half_up')).toBe(expected);
  });

  it('bills on the version in force at the end of the period', () => {
    const versions = [version('100.00', { endDate: '2026-04-16' }), version('300.00', { id: 'v2', startDate: '2026-04-16' })];
    expect(planCommitmentTrueUp({ period: april, versions, usageMinor: 0n, billedTrueUpMinor: 0n, currency: 'EUR', roundingMode: 'half_up' })?.contractLineId).toBe('v2');
  });
});

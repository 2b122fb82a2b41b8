import { describe, expect, it } from 'vitest';
import type { ContractAmendment, ContractLine } from '../../api/types.ts';
import { describeCharge } from './describe-charge.ts';
import { endReason, versionHistory } from './version-changes.ts';

const line = (overrides: Partial<ContractLine>): ContractLine => ({
  id: 'cln_1',
  key: 'seats',
  productId: 'prd_1',
  kind: 'recurring',
  metricCode: null,
  charge: { model: 'per_unit', params: { unitPrice: '30.00' } },
  quantity: '10',
  startDate: '2026-01-01',
  endDate: '2027-01-01',
  amendmentId: null,
  ...overrides,
});

const amendment: ContractAmendment = {
  id: 'cam_1',
  kind: 'change_quantity',
  effectiveDate: '2026-03-01',
  reason: 'more seats',
  changes: {},
  actor: 'user:usr_1',
  actorName: 'Sofia Martinez',
  createdAt: '2026-02-20T10:00:00.000Z',
};

describe('describeCharge', () => {
  it.each([
    [{ model: 'flat', params: { amount: '1200.00' } }, 'EUR 1,200.00 per period'],
    [{ model: 'per_unit', params: { unitPrice: '0.0015' } }, 'EUR 0.0015 per unit'],
    [{ model: 'graduated', params: { tiers: [{ upTo: '1000', unitPrice: '0.01' }, { upTo: null, unitPrice: '0.005', flatFee: '5.00' }] } }, 'Graduated: 1–1,000: EUR 0.01; 1,001+: EUR 0.005 + EUR 5.00'],
    [{ model: 'package', params: { blockSize: '1000', blockPrice: '2.50', freeUnits: '500' } }, 'EUR 2.50 per block of 1,000, 500 free'],
    [
      { model: 'included_allowance', params: { includedQuantity: '100000', overage: 'review', charge: { model: 'per_unit', params: { unitPrice: '0.002' } } } },
      '100,000 included per period (beyond it held for review), then EUR 0.002 per unit',
    ],
    [{ model: 'minimum_commitment', params: { amount: '5000.00' } }, 'Minimum commitment of EUR 5,000.00 per period'],
  ])('%j', (charge, expected) => {
    expect(describeCharge(charge, 'EUR')).toBe(expected);
  });
});

describe('versionHistory', () => {
  it('says what each amendment changed, and who made it', () => {
    const first = line({ endDate: '2026-03-01' });
    const second = line({ id: 'cln_2', quantity: '15', startDate: '2026-03-01', amendmentId: 'cam_1' });
    const price = line({ id: 'cln_3', key: 'plan', charge: { model: 'flat', params: { amount: '100.00' } }, endDate: '2026-06-01' });
    const raised = line({ id: 'cln_4', key: 'plan', charge: { model: 'flat', params: { amount: '120.00' } }, startDate: '2026-06-01', amendmentId: 'cam_2' });
    const history = versionHistory([first, second, price, raised], [amendment], 'EUR');
    expect(history.get('seats')!.map((r) => [r.change, r.amendment?.actorName])).toEqual([
      ['In the contract from the start', undefined],
      ['quantity 10 → 15', 'Sofia Martinez'],
    ]);
    expect(history.get('plan')![1]!.change).toBe('price EUR 100.00 per period → EUR 120.00 per period');
  });

  it('explains versions that an amendment ended early or dropped', () => {
    expect(endReason(line({ endDate: '2026-05-10' }), undefined, '2027-01-01')).toBe('Removed from 2026-05-10');
    expect(endReason(line({ startDate: '2026-06-01', endDate: '2026-06-01' }), undefined, '2027-01-01')).toBe('Dropped before it started');
    expect(endReason(line({ endDate: '2026-03-01' }), line({ startDate: '2026-03-01' }), '2027-01-01')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { planRecurringLines, type BilledSegment, type PlannerLineVersion } from './plan-recurring-lines.ts';

const seats = (overrides: Partial<PlannerLineVersion> = {}): PlannerLineVersion => ({
  id: 'v1',
  lineKey: 'seats',
  productId: 'prd_1',
  charge: { model: 'per_unit', kind: 'recurring', name: 'Seats', params: { unitPrice: '30.00' } },
  quantity: '10',
  startDate: '2026-01-15',
  endDate: '2027-01-15',
  amendmentId: null,
  ...overrides,
});
const january = { start: '2026-01-15', end: '2026-02-15', fullDays: 31 };
const billedFull = (id: string): BilledSegment => ({ contractLineId: id, serviceStart: '2026-01-15', serviceEnd: '2026-02-15', credit: false });

describe('planRecurringLines', () => {
  it('bills a whole period at the exact rated price', () => {
    expect(planRecurringLines(january, [seats()], [], 'EUR', 'half_up')).toEqual([
      expect.objectContaining({ kind: 'recurring', amountMinor: 30000n, unitPrice: '30.00', serviceStart: '2026-01-15', serviceEnd: '2026-02-15' }),
    ]);
  });

  it('bills nothing twice', () => {
    expect(planRecurringLines(january, [seats()], [billedFull('v1')], 'EUR', 'half_up')).toEqual([]);
  });

  it('prorates a first stub period by day over the nominal period', () => {
    const stub = { start: '2026-01-15', end: '2026-02-01', fullDays: 31 };
    const [line] = planRecurringLines(stub, [seats()], [], 'EUR', 'half_up');
    expect(line).toMatchObject({ kind: 'recurring', amountMinor: 16452n, description: 'Seats (17 of 31 days)' });
  });

  it('credits the unused days of a billed version and charges its successor (mid-period upgrade)', () => {
    const old = seats({ endDate: '2026-02-01' });
    const upgraded = seats({ id: 'v2', quantity: '15', startDate: '2026-02-01', amendmentId: 'amd_1' });
    const lines = planRecurringLines(january, [old, upgraded], [billedFull('v1')], 'EUR', 'half_up');
    // 14 of 31 days unused: 300.00 × 14/31 = 135.4838… → 135.48 credited; 450.00 × 14/31 = 203.2258… → 203.23 charged
    expect(lines.map((l) => [l.kind, l.amountMinor, l.serviceStart, l.serviceEnd])).toEqual([
      ['proration_credit', -13548n, '2026-02-01', '2026-02-15'],
      ['proration_charge', 20323n, '2026-02-01', '2026-02-15'],
    ]);
  });

  it('handles two upgrades in one period: the second credit is for the first upgrade\'s price', () => {
    const v1 = seats({ endDate: '2026-01-25' });
    const v2 = seats({ id: 'v2', quantity: '15', startDate: '2026-01-25', endDate: '2026-02-05', amendmentId: 'a1' });
    const v3 = seats({ id: 'v3', quantity: '20', startDate: '2026-02-05', amendmentId: 'a2' });
    const afterFirst: BilledSegment[] = [billedFull('v1'), { contractLineId: 'v1', serviceStart: '2026-01-25', serviceEnd: '2026-02-15', credit: true }, { contractLineId: 'v2', serviceStart: '2026-01-25', serviceEnd: '2026-02-15', credit: false }];
    const lines = planRecurringLines(january, [v1, v2, v3], afterFirst, 'EUR', 'half_up');
    expect(lines.map((l) => [l.contractLineId, l.kind, l.amountMinor])).toEqual([
      ['v2', 'proration_credit', -14516n], // 450.00 × 10/31
      ['v3', 'proration_charge', 19355n], // 600.00 × 10/31
    ]);
  });

  it('bills zero-decimal currencies in whole units', () => {
    const yen = seats({ charge: { model: 'flat', name: 'Plan', params: { amount: '10000' } } });
    const stub = { start: '2026-01-15', end: '2026-02-01', fullDays: 31 };
    expect(planRecurringLines(stub, [yen], [], 'JPY', 'half_up')[0]!.amountMinor).toBe(5484n);
  });
});

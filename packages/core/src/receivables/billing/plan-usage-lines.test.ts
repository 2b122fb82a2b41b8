import { describe, expect, it } from 'vitest';
import { planUsageLine, type UsagePlanInput } from './plan-usage-lines.ts';

const base: UsagePlanInput = {
  contractLineId: 'ctl_1',
  productId: 'prd_1',
  charge: { model: 'graduated', params: { tiers: [{ upTo: '1000', unitPrice: '0.10' }, { upTo: null, unitPrice: '0.05' }] } },
  metricName: 'API calls',
  serviceStart: '2026-10-01',
  serviceEnd: '2026-11-01',
  quantity: '1500',
  billedQuantity: '0',
  billedAmountMinor: 0n,
  billedBefore: false,
};

describe('planUsageLine', () => {
  it('rates the window\'s usage', () => {
    expect(planUsageLine(base, 'USD', 'half_up')).toMatchObject({ kind: 'usage', amountMinor: 12500n, quantity: '1500' });
  });

  it('bills late events as the difference at the tier the whole period reaches', () => {
    // 900 billed at 0.10 = 90.00; now 1500 in total = 125.00 → late line 35.00 for 600 more calls
    const late = planUsageLine({ ...base, billedQuantity: '900', billedAmountMinor: 9000n, billedBefore: true }, 'USD', 'half_up');
    expect(late).toMatchObject({ kind: 'late_usage', amountMinor: 3500n, quantity: '600', description: 'Late usage: API calls, period 2026-10-01 to 2026-11-01' });
  });

  it('owes nothing when nothing changed, and nothing for zero usage', () => {
    expect(planUsageLine({ ...base, billedQuantity: '1500', billedAmountMinor: 12500n, billedBefore: true }, 'USD', 'half_up')).toBeUndefined();
    expect(planUsageLine({ ...base, quantity: '0' }, 'USD', 'half_up')).toBeUndefined();
  });

  it('continues from earlier windows of the period (a price change split it)', () => {
    const allowance = { model: 'included_allowance', params: { includedQuantity: '10000', charge: { model: 'per_unit', params: { unitPrice: '0.003' } } } } as const;
    const second = planUsageLine({ ...base, charge: allowance, quantity: '6000', serviceStart: '2026-10-16', offset: { priorQuantity: '6000', periodQuantity: '12000' } }, 'USD', 'half_up');
    expect(second).toMatchObject({ kind: 'usage', quantity: '6000', amountMinor: 600n, unitPrice: null });
  });
});

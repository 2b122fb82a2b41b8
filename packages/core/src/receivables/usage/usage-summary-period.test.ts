import { describe, expect, it } from 'vitest';
import { billingMonth } from '../billing/billing-month.ts';
import type { BillingSchedule } from '../schedule/billing-periods.ts';
import { usagePeriodForMonth } from './usage-summary-period.ts';

const schedule = (overrides: Partial<BillingSchedule>): BillingSchedule => ({
  start: '2026-01-01',
  frequency: 'monthly',
  alignment: 'calendar',
  timeZone: 'Europe/Berlin',
  ...overrides,
});

describe('usagePeriodForMonth', () => {
  it.each([
    ['calendar monthly: the month itself', schedule({}), '2026-10', ['2026-10-01', '2026-11-01']],
    ['monthly from the 15th: the period starting in the month', schedule({ start: '2026-01-15', alignment: 'anniversary' }), '2026-10', ['2026-10-15', '2026-11-15']],
    ['a contract starting mid-month: its first (stub) period', schedule({ start: '2026-10-20' }), '2026-10', ['2026-10-20', '2026-11-01']],
    ['calendar quarters: the quarter in force, whole', schedule({ frequency: 'quarterly' }), '2026-11', ['2026-10-01', '2027-01-01']],
    ['annual anniversary: the year in force', schedule({ start: '2026-03-10', frequency: 'annual', alignment: 'anniversary' }), '2026-10', ['2026-03-10', '2027-03-10']],
    ['bill day 31: periods from the last day of each month', schedule({ alignment: 'bill_day', billDay: 31 }), '2026-02', ['2026-02-28', '2026-03-31']],
    ['a term that ended: the nominal grid goes on', schedule({ end: '2026-06-01' }), '2026-10', ['2026-10-01', '2026-11-01']],
  ] as const)('%s', (_name, s, period, [start, end]) => {
    expect(usagePeriodForMonth(s, billingMonth(period))).toEqual({ start, end });
  });
});

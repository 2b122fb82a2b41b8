import type { BillingMonth } from '../billing/billing-month.ts';
import { periodContaining, type BillingSchedule } from '../schedule/billing-periods.ts';
import type { LocalDate } from '../schedule/local-dates.ts';

/**
 * The billing period that stands for a calendar month when usage is measured against a
 * per-period entitlement: the period that starts in the month, or else the one in force on
 * its first day. Calendar-monthly contracts get the month itself; a contract billed
 * monthly from the 15th gets the 15th to the 15th; a quarter or a year is shown whole.
 * `schedule` runs open-ended (as the bill run's grid does). Pure.
 */
export function usagePeriodForMonth(schedule: BillingSchedule, month: BillingMonth): { start: LocalDate; end: LocalDate } {
  const open = { ...schedule, end: null };
  const atFirst = periodContaining(open, month.first);
  const chosen = !atFirst
    ? periodContaining(open, schedule.start)
    : atFirst.start < month.first && atFirst.end < month.next
      ? periodContaining(open, atFirst.end)
      : atFirst;
  if (!chosen) return { start: month.first, end: month.next };
  return { start: chosen.start, end: chosen.end };
}

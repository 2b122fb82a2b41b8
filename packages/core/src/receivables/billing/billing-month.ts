import { AppError } from '../../errors/app-error.ts';
import { addMonths, type LocalDate } from '../schedule/local-dates.ts';

/** A bill run's period: a calendar month `YYYY-MM`, as local dates [first, next). */
export interface BillingMonth {
  period: string;
  first: LocalDate;
  /** First day of the following month (exclusive end). */
  next: LocalDate;
}

export function billingMonth(period: string): BillingMonth {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
  if (!match) throw AppError.invalid('/period', 'must be a month written YYYY-MM, such as 2026-10');
  const first = `${period}-01`;
  return { period, first, next: addMonths(first, 1) };
}

/** The month after `period` (`2026-12` → `2027-01`). */
export function nextPeriod(period: string): string {
  return billingMonth(period).next.slice(0, 7);
}

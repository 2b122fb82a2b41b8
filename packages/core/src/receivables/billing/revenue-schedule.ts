import { allocateMoney } from '../../money/allocate.ts';
import { addMonths, daysBetween, type LocalDate } from '../schedule/local-dates.ts';

export interface RecognitionSlice {
  month: string;
  days: number;
  amountMinor: bigint;
}

/**
 * Ratable daily recognition of a prepaid amount over its service period [start, end):
 * each calendar month gets the share of its days, allocated so the slices sum exactly to
 * the amount (largest remainder, earlier months first on ties).
 */
export function ratableSchedule(amountMinor: bigint, currency: string, start: LocalDate, end: LocalDate): RecognitionSlice[] {
  const slices: { month: string; days: number }[] = [];
  let cursor = start;
  while (cursor < end) {
    const monthStart = `${cursor.slice(0, 7)}-01`;
    const nextMonth = addMonths(monthStart, 1);
    const sliceEnd = nextMonth < end ? nextMonth : end;
    slices.push({ month: cursor.slice(0, 7), days: daysBetween(cursor, sliceEnd) });
    cursor = sliceEnd;
  }
  if (slices.length === 0) return [];
  const parts = allocateMoney({ amount: amountMinor, currency }, slices.map((s) => BigInt(s.days)));
  return slices.map((s, i) => ({ ...s, amountMinor: parts[i]!.amount }));
}

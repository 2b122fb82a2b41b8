import { describe, expect, it } from 'vitest';
import { addDays, formatBillingMonth, formatDate, formatPeriod, spanOfPeriods } from './format-dates.ts';

describe('calendar dates, never shifted by a time zone', () => {
  it.each([
    [formatDate('2026-10-31'), '2026-10-31'],
    [formatDate('2026-10-31', 'de-DE'), '31.10.2026'],
    [formatDate('2026-01-01', 'en-US'), 'Jan 1, 2026'],
    [formatDate('2026-02-30', 'de-DE'), '2026-02-30'], // not a date: shown as given
    [formatBillingMonth('2026-10'), '2026-10'],
    [formatBillingMonth('2026-10', 'en-GB'), 'October 2026'],
    [addDays('2026-03-01', -1), '2026-02-28'],
    [addDays('2024-03-01', -1), '2024-02-29'],
    [addDays('2026-12-31', 1), '2027-01-01'],
  ])('%s = %s', (actual, expected) => {
    expect(actual).toBe(expected);
  });

  it('holds in a far-off server time zone', () => {
    const before = process.env.TZ;
    process.env.TZ = 'Pacific/Kiritimati'; // UTC+14
    try {
      expect(formatDate('2026-10-01', 'en-GB')).toBe('1 Oct 2026');
    } finally {
      // Assigning undefined would set the text 'undefined'.
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });
});

describe('service periods: stored end exclusive, printed end inclusive', () => {
  it.each([
    [{ start: '2026-10-01', end: '2026-11-01' }, undefined, '2026-10-01 – 2026-10-31'],
    [{ start: '2026-02-15', end: '2026-03-01' }, undefined, '2026-02-15 – 2026-02-28'],
    [{ start: '2026-10-15', end: '2026-10-16' }, undefined, '2026-10-15'],
    [{ start: '2026-10-01', end: '2026-11-01' }, 'de-DE', '01.10.2026 – 31.10.2026'],
  ])('%j (%s) → %s', (period, locale, expected) => {
    expect(formatPeriod(period, locale)).toBe(expected);
  });

  it('spans the earliest start to the latest end', () => {
    expect(spanOfPeriods([null, { start: '2026-10-10', end: '2026-11-01' }, { start: '2026-10-01', end: '2026-10-20' }])).toEqual({ start: '2026-10-01', end: '2026-11-01' });
    expect(spanOfPeriods([null])).toBeNull();
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors/app-error.ts';
import { billingPeriods, periodContaining, type BillingPeriod, type BillingSchedule } from './billing-periods.ts';
import { addDays, daysBetween, fromDayNumber, toDayNumber, zonedStartOfDay } from './local-dates.ts';

type Row = [start: string, end: string, days: number, fullDays: number, partial: boolean];
const rows = (periods: BillingPeriod[]): Row[] => periods.map((p) => [p.start, p.end, p.days, p.fullDays, p.partial]);

const UTC = { timeZone: 'UTC' } as const;

describe('billingPeriods', () => {
  it.each<[string, BillingSchedule, string, Row[]]>([
    ['monthly calendar with a first stub', { ...UTC, start: '2026-01-15', frequency: 'monthly', alignment: 'calendar' }, '2026-04-01', [
      ['2026-01-15', '2026-02-01', 17, 31, true],
      ['2026-02-01', '2026-03-01', 28, 28, false],
      ['2026-03-01', '2026-04-01', 31, 31, false],
    ]],
    ['monthly calendar starting on the 1st: no stub', { ...UTC, start: '2026-03-01', frequency: 'monthly', alignment: 'calendar' }, '2026-03-02', [
      ['2026-03-01', '2026-04-01', 31, 31, false],
    ]],
    ['monthly anniversary from Jan 31 clamps without drifting', { ...UTC, start: '2026-01-31', frequency: 'monthly', alignment: 'anniversary' }, '2026-05-01', [
      ['2026-01-31', '2026-02-28', 28, 28, false],
      ['2026-02-28', '2026-03-31', 31, 31, false],
      ['2026-03-31', '2026-04-30', 30, 30, false],
      ['2026-04-30', '2026-05-31', 31, 31, false],
    ]],
    ['quarterly calendar with a stub', { ...UTC, start: '2026-02-10', frequency: 'quarterly', alignment: 'calendar' }, '2026-07-01', [
      ['2026-02-10', '2026-04-01', 50, 90, true],
      ['2026-04-01', '2026-07-01', 91, 91, false],
    ]],
    ['quarterly anniversary', { ...UTC, start: '2026-11-30', frequency: 'quarterly', alignment: 'anniversary' }, '2027-03-01', [
      ['2026-11-30', '2027-02-28', 90, 90, false],
      ['2027-02-28', '2027-05-30', 91, 91, false],
    ]],
    ['annual calendar with a stub', { ...UTC, start: '2026-07-01', frequency: 'annual', alignment: 'calendar' }, '2027-01-02', [
      ['2026-07-01', '2027-01-01', 184, 365, true],
      ['2027-01-01', '2028-01-01', 365, 365, false],
    ]],
    ['annual anniversary from Feb 29', { ...UTC, start: '2028-02-29', frequency: 'annual', alignment: 'anniversary' }, '2032-01-01', [
      ['2028-02-29', '2029-02-28', 365, 365, false],
      ['2029-02-28', '2030-02-28', 365, 365, false],
      ['2030-02-28', '2031-02-28', 365, 365, false],
      ['2031-02-28', '2032-02-29', 366, 366, false],
    ]],
    ['bill day 15 with a stub', { ...UTC, start: '2026-01-20', frequency: 'monthly', alignment: 'bill_day', billDay: 15 }, '2026-03-16', [
      ['2026-01-20', '2026-02-15', 26, 31, true],
      ['2026-02-15', '2026-03-15', 28, 28, false],
      ['2026-03-15', '2026-04-15', 31, 31, false],
    ]],
    ['bill day on the start date: no stub', { ...UTC, start: '2026-03-01', frequency: 'monthly', alignment: 'bill_day', billDay: 1 }, '2026-03-31', [
      ['2026-03-01', '2026-04-01', 31, 31, false],
    ]],
    ['bill day 31 means the last day of each month', { ...UTC, start: '2026-02-10', frequency: 'monthly', alignment: 'bill_day', billDay: 31 }, '2026-05-01', [
      ['2026-02-10', '2026-02-28', 18, 28, true],
      ['2026-02-28', '2026-03-31', 31, 31, false],
      ['2026-03-31', '2026-04-30', 30, 30, false],
      ['2026-04-30', '2026-05-31', 31, 31, false],
    ]],
    ['quarterly bill day 15', { ...UTC, start: '2026-02-20', frequency: 'quarterly', alignment: 'bill_day', billDay: 15 }, '2026-03-16', [
      ['2026-02-20', '2026-03-15', 23, 90, true],
      ['2026-03-15', '2026-06-15', 92, 92, false],
    ]],
    ['an end date cuts the last period', { ...UTC, start: '2026-01-10', end: '2026-03-20', frequency: 'monthly', alignment: 'anniversary' }, '2026-12-01', [
      ['2026-01-10', '2026-02-10', 31, 31, false],
      ['2026-02-10', '2026-03-10', 28, 28, false],
      ['2026-03-10', '2026-03-20', 10, 31, true],
    ]],
    ['an end on a boundary leaves no stub', { ...UTC, start: '2026-01-01', end: '2026-03-01', frequency: 'monthly', alignment: 'calendar' }, '2027-01-01', [
      ['2026-01-01', '2026-02-01', 31, 31, false],
      ['2026-02-01', '2026-03-01', 28, 28, false],
    ]],
    ['through on the start date: nothing yet', { ...UTC, start: '2026-01-10', frequency: 'monthly', alignment: 'anniversary' }, '2026-01-10', []],
  ])('%s', (_case, schedule, through, expected) => {
    expect(rows(billingPeriods(schedule, through))).toEqual(expected);
  });

  it('gives each period the UTC instants of its local midnights', () => {
    const [period] = billingPeriods({ start: '2026-01-01', frequency: 'monthly', alignment: 'calendar', timeZone: 'Europe/Berlin' }, '2026-01-02');
    expect(period).toEqual({
      index: 0,
      start: '2026-01-01',
      end: '2026-02-01',
      startsAt: new Date('2025-12-31T23:00:00Z'),
      endsAt: new Date('2026-01-31T23:00:00Z'),
      days: 31,
      fullDays: 31,
      partial: false,
    });
  });

  it.each<[string, BillingSchedule, string, string]>([
    ['billDay missing', { ...UTC, start: '2026-01-01', frequency: 'monthly', alignment: 'bill_day' }, '2026-02-01', '/billDay'],
    ['billDay without bill_day', { ...UTC, start: '2026-01-01', frequency: 'monthly', alignment: 'calendar', billDay: 5 }, '2026-02-01', '/billDay'],
    ['billDay 32', { ...UTC, start: '2026-01-01', frequency: 'monthly', alignment: 'bill_day', billDay: 32 }, '2026-02-01', '/billDay'],
    ['end before start', { ...UTC, start: '2026-01-01', end: '2026-01-01', frequency: 'monthly', alignment: 'calendar' }, '2026-02-01', '/end'],
    ['an impossible start', { ...UTC, start: '2026-02-30', frequency: 'monthly', alignment: 'calendar' }, '2026-04-01', '/start'],
    ['an unknown frequency', { ...UTC, start: '2026-01-01', frequency: 'weekly' as 'monthly', alignment: 'calendar' }, '2026-04-01', '/frequency'],
    ['an unknown time zone', { timeZone: 'Europe/Atlantis', start: '2026-01-01', frequency: 'monthly', alignment: 'calendar' }, '2026-04-01', '/timeZone'],
    ['a bad through date', { ...UTC, start: '2026-01-01', frequency: 'monthly', alignment: 'calendar' }, '2026/04/01', '/through'],
    ['a runaway through date', { ...UTC, start: '2026-01-01', frequency: 'monthly', alignment: 'calendar' }, '9000-01-01', '/through'],
  ])('rejects %s at %s', (_case, schedule, through, path) => {
    expect(() => billingPeriods(schedule, through)).toThrowError(AppError);
    expect(() => billingPeriods(schedule, through)).toThrowError(expect.objectContaining({ issues: [expect.objectContaining({ path })] }));
  });
});

describe('periodContaining', () => {
  const schedule: BillingSchedule = { ...UTC, start: '2026-01-15', end: '2026-06-01', frequency: 'monthly', alignment: 'calendar' };

  it.each([
    ['2026-01-14', undefined],
    ['2026-01-15', '2026-01-15'],
    ['2026-01-31', '2026-01-15'],
    ['2026-02-01', '2026-02-01'],
    ['2026-05-31', '2026-05-01'],
    ['2026-06-01', undefined],
  ])('%s is in the period starting %s', (date, start) => {
    expect(periodContaining(schedule, date)?.start).toBe(start);
  });
});

describe('periodContaining agrees with billingPeriods on every day', () => {
  it.each<BillingSchedule>([
    { ...UTC, start: '2026-01-31', frequency: 'monthly', alignment: 'anniversary' },
    { ...UTC, start: '2027-11-30', frequency: 'quarterly', alignment: 'anniversary' },
    { ...UTC, start: '2028-02-29', frequency: 'annual', alignment: 'anniversary' },
    { ...UTC, start: '2026-02-10', end: '2029-01-20', frequency: 'monthly', alignment: 'bill_day', billDay: 31 },
    { ...UTC, start: '2026-05-17', frequency: 'quarterly', alignment: 'bill_day', billDay: 30 },
    { ...UTC, start: '2026-05-17', frequency: 'quarterly', alignment: 'calendar' },
    { timeZone: 'Australia/Sydney', start: '2026-08-31', frequency: 'annual', alignment: 'calendar' },
  ])('%j', (schedule) => {
    const periods = billingPeriods(schedule, '2030-01-01');
    for (let date = addDays(schedule.start, -2); date < '2030-01-01'; date = addDays(date, 1)) {
      expect(periodContaining(schedule, date)).toEqual(periods.find((p) => p.start <= date && date < p.end));
    }
  });
});

describe('billingPeriods: no gaps, no overlaps (property)', () => {
  const scheduleArb = fc.record({
    start: fc.integer({ min: toDayNumber('2020-01-01'), max: toDayNumber('2030-12-31') }).map(fromDayNumber),
    frequency: fc.constantFrom('monthly', 'quarterly', 'annual') as fc.Arbitrary<'monthly' | 'quarterly' | 'annual'>,
    alignment: fc.constantFrom('calendar', 'anniversary', 'bill_day') as fc.Arbitrary<'calendar' | 'anniversary' | 'bill_day'>,
    billDay: fc.integer({ min: 1, max: 31 }),
    endAfter: fc.option(fc.integer({ min: 1, max: 1500 })),
    throughAfter: fc.integer({ min: -30, max: 1500 }),
    timeZone: fc.constantFrom('UTC', 'America/Los_Angeles', 'Australia/Sydney', 'America/Santiago'),
  });

  it('consecutive periods share boundaries and cover [start, through)', () => {
    fc.assert(
      fc.property(scheduleArb, (s) => {
        const schedule: BillingSchedule = {
          start: s.start,
          end: s.endAfter === null ? null : addDays(s.start, s.endAfter),
          frequency: s.frequency,
          alignment: s.alignment,
          ...(s.alignment === 'bill_day' ? { billDay: s.billDay } : {}),
          timeZone: s.timeZone,
        };
        const through = addDays(s.start, s.throughAfter);
        const periods = billingPeriods(schedule, through);
        const termEnd = schedule.end ?? null;
        const stop = termEnd !== null && termEnd < through ? termEnd : through;
        if (stop <= s.start) {
          expect(periods).toEqual([]);
          return;
        }

        expect(periods[0]!.start).toBe(s.start);
        const last = periods.at(-1)!;
        expect(last.start < stop && last.end >= stop).toBe(true);
        if (termEnd !== null) expect(last.end <= termEnd).toBe(true);
        expect(periods.reduce((sum, p) => sum + p.days, 0)).toBe(daysBetween(s.start, last.end));

        const [minFull, maxFull] = { monthly: [28, 31], quarterly: [89, 92], annual: [365, 366] }[s.frequency];
        periods.forEach((p, i) => {
          expect(p.index).toBe(i);
          expect(p.days).toBe(daysBetween(p.start, p.end));
          expect(p.days).toBeGreaterThan(0);
          expect(p.fullDays).toBeGreaterThanOrEqual(minFull!);
          expect(p.fullDays).toBeLessThanOrEqual(maxFull!);
          expect(p.days).toBeLessThanOrEqual(p.fullDays);
          expect(p.partial).toBe(p.days < p.fullDays);
          // Only a first stub or a period cut by the end date is partial.
          if (p.partial) expect(i === 0 || p.end === schedule.end).toBe(true);
          // Anniversary periods never start with a stub.
          if (s.alignment === 'anniversary' && p.partial) expect(p.end).toBe(schedule.end);
          if (i > 0) {
            expect(p.start).toBe(periods[i - 1]!.end);
            expect(p.startsAt.getTime()).toBe(periods[i - 1]!.endsAt.getTime());
          }
          expect(p.startsAt.getTime()).toBeLessThan(p.endsAt.getTime());
        });
        expect(periods[0]!.startsAt.getTime()).toBe(zonedStartOfDay(s.start, s.timeZone).getTime());

        // Any day in the covered range lies in exactly one period, and periodContaining finds it.
        const probe = addDays(s.start, Math.floor(daysBetween(s.start, last.end) / 2));
        expect(periods.filter((p) => p.start <= probe && probe < p.end)).toHaveLength(1);
        expect(periodContaining(schedule, probe)).toEqual(periods.find((p) => p.start <= probe && probe < p.end));
      }),
      { numRuns: 250 },
    );
  });
});

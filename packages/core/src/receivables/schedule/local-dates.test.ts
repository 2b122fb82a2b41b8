import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors/app-error.ts';
import {
  addDays,
  addMonths,
  daysBetween,
  fromDayNumber,
  isLocalDate,
  localDateOf,
  toDayNumber,
  zonedStartOfDay,
} from './local-dates.ts';

describe('calendar dates', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-01-31', 2, '2026-03-31'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2028-02-29', 12, '2029-02-28'],
    ['2028-02-29', 48, '2032-02-29'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2026-01-15', -13, '2024-12-15'],
    ['2026-08-31', 6, '2027-02-28'],
  ])('%s + %i months = %s (end-of-month clamp)', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it.each([
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['1970-01-01', 0, '1970-01-01'],
    ['2000-02-28', 366, '2001-02-28'],
  ])('%s + %i days = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it.each([
    ['2026-01-01', '2026-02-01', 31],
    ['2026-02-01', '2026-03-01', 28],
    ['2028-02-01', '2028-03-01', 29],
    ['2026-01-01', '2027-01-01', 365],
    ['2028-01-01', '2029-01-01', 366],
    ['2026-03-01', '2026-01-01', -59],
    ['1900-01-01', '2100-01-01', 73_049],
  ])('days from %s to %s = %i', (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
  });

  it.each([
    ['2026-02-28', true],
    ['2028-02-29', true],
    ['2026-02-29', false],
    ['1900-02-29', false],
    ['2000-02-29', true],
    ['2026-13-01', false],
    ['2026-1-01', false],
    ['0000-01-01', false],
    ['2026-04-31', false],
    [' 2026-04-01', false],
    [20260401, false],
  ])('isLocalDate(%j) = %s', (value, expected) => {
    expect(isLocalDate(value)).toBe(expected);
  });

  it('day numbers agree with Date.UTC and round-trip (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -700_000, max: 2_900_000 }), (dayNumber) => {
        const date = fromDayNumber(dayNumber);
        expect(isLocalDate(date)).toBe(true);
        expect(toDayNumber(date)).toBe(dayNumber);
        expect(new Date(dayNumber * 86_400_000).toISOString().slice(0, 10)).toBe(date);
      }),
      { numRuns: 500 },
    );
  });
});

describe('zonedStartOfDay: the UTC instant of local midnight', () => {
  it.each([
    ['2026-01-15', 'UTC', '2026-01-15T00:00:00.000Z'],
    ['2026-01-15', 'Europe/Berlin', '2026-01-14T23:00:00.000Z'],
    ['2026-03-29', 'Europe/Berlin', '2026-03-28T23:00:00.000Z'], // DST day: still +01 at midnight
    ['2026-03-30', 'Europe/Berlin', '2026-03-29T22:00:00.000Z'],
    ['2026-10-25', 'Europe/Berlin', '2026-10-24T22:00:00.000Z'],
    ['2026-10-26', 'Europe/Berlin', '2026-10-25T23:00:00.000Z'],
    ['2026-03-08', 'America/Los_Angeles', '2026-03-08T08:00:00.000Z'], // UTC−8
    ['2026-03-09', 'America/Los_Angeles', '2026-03-09T07:00:00.000Z'], // UTC−7
    ['2026-11-01', 'America/Los_Angeles', '2026-11-01T07:00:00.000Z'],
    ['2026-11-02', 'America/Los_Angeles', '2026-11-02T08:00:00.000Z'],
    ['2026-04-05', 'Australia/Sydney', '2026-04-04T13:00:00.000Z'], // UTC+11 until 03:00
    ['2026-04-06', 'Australia/Sydney', '2026-04-05T14:00:00.000Z'], // UTC+10
    ['2026-10-04', 'Australia/Sydney', '2026-10-03T14:00:00.000Z'],
    ['2026-10-05', 'Australia/Sydney', '2026-10-04T13:00:00.000Z'],
    ['2026-01-15', 'Pacific/Chatham', '2026-01-14T10:15:00.000Z'], // UTC+13:45
    ['2026-07-15', 'Pacific/Chatham', '2026-07-14T11:15:00.000Z'], // UTC+12:45
    ['2026-01-01', 'Pacific/Kiritimati', '2025-12-31T10:00:00.000Z'], // UTC+14
    ['2026-01-01', 'Pacific/Pago_Pago', '2026-01-01T11:00:00.000Z'], // UTC−11
    ['2026-06-01', 'Asia/Kolkata', '2026-05-31T18:30:00.000Z'],
  ])('%s in %s begins at %s', (date, zone, expected) => {
    expect(zonedStartOfDay(date, zone).toISOString()).toBe(expected);
  });

  it.each([
    // Midnight does not exist: clocks jump from 23:59:59 to 01:00.
    ['2024-03-10', 'America/Havana', '2024-03-10T05:00:00.000Z'],
    ['2024-09-08', 'America/Santiago', '2024-09-08T04:00:00.000Z'],
    ['2018-11-04', 'America/Sao_Paulo', '2018-11-04T03:00:00.000Z'],
    // Midnight happens twice (01:00 → 00:00): the first one.
    ['2024-11-03', 'America/Havana', '2024-11-03T04:00:00.000Z'],
    // The previous day lasted 25 h (Saturday 24:00 → 23:00); Sunday starts at its only midnight.
    ['2024-04-07', 'America/Santiago', '2024-04-07T04:00:00.000Z'],
  ])('%s in %s begins at its first instant %s', (date, zone, expected) => {
    const start = zonedStartOfDay(date, zone);
    expect(start.toISOString()).toBe(expected);
    expect(localDateOf(start, zone)).toBe(date);
    expect(localDateOf(new Date(start.getTime() - 1), zone)).toBe(addDays(date, -1));
  });

  it('is the first instant of the day for every day of 2024–2026 in zones with DST (property)', () => {
    const zones = ['America/Los_Angeles', 'Australia/Sydney', 'Europe/Berlin', 'Pacific/Chatham', 'America/Santiago', 'America/Havana', 'Australia/Lord_Howe'];
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: toDayNumber('2024-01-01'), max: toDayNumber('2026-12-31') }), (zone, dayNumber) => {
        const date = fromDayNumber(dayNumber);
        const start = zonedStartOfDay(date, zone).getTime();
        expect(localDateOf(new Date(start), zone)).toBe(date);
        expect(localDateOf(new Date(start - 1), zone)).toBe(addDays(date, -1));
      }),
      { numRuns: 400 },
    );
  });

  it('is the date a wall clock shows, at any instant, in zones with odd offsets and clock changes (property)', () => {
    // Intl directly, independent of the cached day boundaries localDateOf reads.
    const wallDate = (ms: number, zone: string) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
    const zones = ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Pacific/Chatham', 'America/Santiago', 'America/Havana', 'America/Sao_Paulo', 'Australia/Lord_Howe', 'Pacific/Apia', 'Asia/Kolkata'];
    const from = Date.parse('2011-01-01T00:00:00Z');
    const to = Date.parse('2027-01-01T00:00:00Z');
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: from, max: to }), (zone, ms) => {
        expect(localDateOf(new Date(ms), zone)).toBe(wallDate(ms, zone));
      }),
      { numRuns: 3_000 },
    );
    // Close to day starts, where the clock changes happen in these zones.
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: toDayNumber('2017-01-01'), max: toDayNumber('2026-12-31') }), fc.integer({ min: -3 * 3_600_000, max: 3 * 3_600_000 }), (zone, day, offset) => {
        const ms = zonedStartOfDay(fromDayNumber(day), zone).getTime() + offset;
        expect(localDateOf(new Date(ms), zone)).toBe(wallDate(ms, zone));
      }),
      { numRuns: 3_000 },
    );
    // St. John's fell back at 00:01 until 2011: a minute into 7 November 2010, clocks went
    // back to 23:01 on the 6th, so the 6th came back for an hour.
    for (const iso of ['2010-11-07T02:30:30Z', '2010-11-07T02:45:00Z', '2010-11-07T03:31:00Z']) {
      expect(localDateOf(new Date(iso), 'America/St_Johns')).toBe(wallDate(Date.parse(iso), 'America/St_Johns'));
    }
    // Samoa skipped 2011-12-30: the last second of the 29th is followed by the 31st.
    const skip = zonedStartOfDay('2011-12-31', 'Pacific/Apia').getTime();
    expect([localDateOf(new Date(skip - 1000), 'Pacific/Apia'), localDateOf(new Date(skip), 'Pacific/Apia')]).toEqual(['2011-12-29', '2011-12-31']);
  });

  it.each([
    [() => zonedStartOfDay('2026-02-30', 'UTC'), '/date'],
    [() => zonedStartOfDay('2026-02-01', 'Mars/Olympus'), '/timeZone'],
    [() => zonedStartOfDay('2026-02-01', '+02:00'), '/timeZone'],
    [() => localDateOf(new Date(Number.NaN), 'UTC'), '/instant'],
  ])('rejects bad input (%#) at %s', (call, path) => {
    expect(call).toThrowError(AppError);
    expect(call).toThrowError(expect.objectContaining({ issues: [expect.objectContaining({ path })] }));
  });
});

describe('localDateOf', () => {
  it.each([
    ['2026-03-01T07:30:00Z', 'America/Los_Angeles', '2026-02-28'],
    ['2026-03-01T08:00:00Z', 'America/Los_Angeles', '2026-03-01'],
    ['2026-06-30T14:00:00Z', 'Australia/Sydney', '2026-07-01'],
    ['2026-06-30T13:59:59.999Z', 'Australia/Sydney', '2026-06-30'],
    ['2026-12-31T23:59:59Z', 'UTC', '2026-12-31'],
  ])('%s in %s is %s', (instant, zone, expected) => {
    expect(localDateOf(new Date(instant), zone)).toBe(expected);
  });
});

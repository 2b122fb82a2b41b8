import { describe, expect, it } from 'vitest';
import { billingPeriods, type BillingSchedule } from './billing-periods.ts';
import { addDays, localDateOf } from './local-dates.ts';

const HOUR = 3_600_000;

/**
 * Scenario: monthly customers in UTC−8/−7 and UTC+10/+11 billed for a year across both of
 * their DST changes. Each period must start at a local midnight, share its boundary instant
 * with the next, and every hour and every local day must be billed exactly once.
 */
describe.each<[string, BillingSchedule, string, Record<string, number>]>([
  [
    'America/Los_Angeles, calendar months',
    { start: '2026-01-01', frequency: 'monthly', alignment: 'calendar', timeZone: 'America/Los_Angeles' },
    '2027-01-01',
    // DST starts 2026-03-08 (23 h day), ends 2026-11-01 (25 h day).
    { '2026-03-01': 31 * 24 - 1, '2026-11-01': 30 * 24 + 1 },
  ],
  [
    'Australia/Sydney, anniversary months from the 15th',
    { start: '2026-01-15', frequency: 'monthly', alignment: 'anniversary', timeZone: 'Australia/Sydney' },
    '2027-01-15',
    // DST ends 2026-04-05 (25 h day), starts 2026-10-04 (23 h day).
    { '2026-03-15': 31 * 24 + 1, '2026-09-15': 30 * 24 - 1 },
  ],
])('DST scenario: %s', (_zone, schedule, through, dstPeriodHours) => {
  const periods = billingPeriods(schedule, through);

  it('bills twelve whole months', () => {
    expect(periods).toHaveLength(12);
    expect(periods.every((p) => !p.partial)).toBe(true);
  });

  it('starts every period at a local midnight', () => {
    for (const p of periods) {
      expect(localDateOf(p.startsAt, schedule.timeZone)).toBe(p.start);
      expect(localDateOf(new Date(p.startsAt.getTime() - 1), schedule.timeZone)).toBe(addDays(p.start, -1));
      expect(localDateOf(p.endsAt, schedule.timeZone)).toBe(p.end);
    }
  });

  it('gives the DST months one hour more or less, and every other month whole days', () => {
    for (const p of periods) {
      const hours = (p.endsAt.getTime() - p.startsAt.getTime()) / HOUR;
      expect(hours).toBe(dstPeriodHours[p.start] ?? p.days * 24);
    }
  });

  it('bills every hour of the year exactly once', () => {
    const first = periods[0]!.startsAt.getTime();
    const last = periods.at(-1)!.endsAt.getTime();
    for (let t = first; t < last; t += HOUR) {
      const containing = periods.filter((p) => p.startsAt.getTime() <= t && t < p.endsAt.getTime());
      expect(containing).toHaveLength(1);
    }
  });

  it('bills every local day exactly once', () => {
    const seen = new Map<string, number>();
    for (const p of periods) {
      for (let d = p.start; d < p.end; d = addDays(d, 1)) seen.set(d, (seen.get(d) ?? 0) + 1);
    }
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    expect(seen.size).toBe(365);
  });
});

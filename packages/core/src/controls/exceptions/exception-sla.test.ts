import { describe, expect, it } from 'vitest';
import { exceptionDueAt, isExceptionOverdue } from './exception-sla.ts';

describe('exceptionDueAt', () => {
  it.each([
    ['master_data 24 h', '2026-03-02T09:15:00.000Z', 24, '2026-03-03T09:15:00.000Z'],
    ['posting_failure 4 h', '2026-03-02T22:30:00.000Z', 4, '2026-03-03T02:30:00.000Z'],
    ['pricing 48 h over a month end', '2026-02-27T18:00:00.000Z', 48, '2026-03-01T18:00:00.000Z'],
    ['anomaly 72 h over a weekend (calendar hours)', '2026-03-06T17:00:00.000Z', 72, '2026-03-09T17:00:00.000Z'],
    ['24 h over the EU daylight-saving change is 24 real hours', '2026-03-28T12:00:00.000Z', 24, '2026-03-29T12:00:00.000Z'],
    ['over a year end', '2026-12-31T23:59:59.000Z', 1, '2027-01-01T00:59:59.000Z'],
    ['into a leap day', '2028-02-28T06:00:00.000Z', 24, '2028-02-29T06:00:00.000Z'],
    ['the longest policy, one year', '2026-01-01T00:00:00.000Z', 8760, '2027-01-01T00:00:00.000Z'],
  ])('%s', (_name, raisedAt, hours, due) => {
    expect(exceptionDueAt(new Date(raisedAt), hours).toISOString()).toBe(due);
  });

  it.each([0, -4, 1.5, 8761, Number.NaN])('refuses an SLA of %s hours', (hours) => {
    expect(() => exceptionDueAt(new Date('2026-03-02T09:00:00Z'), hours)).toThrow(RangeError);
  });

  it('refuses an invalid raised time', () => {
    expect(() => exceptionDueAt(new Date('not a date'), 24)).toThrow(/not a valid date/);
  });
});

describe('isExceptionOverdue', () => {
  const dueAt = new Date('2026-03-03T09:15:00.000Z');
  it.each([
    ['open, an hour before due', 'open', '2026-03-03T08:15:00.000Z', false],
    ['open, exactly at due', 'open', '2026-03-03T09:15:00.000Z', false],
    ['open, one millisecond after due', 'open', '2026-03-03T09:15:00.001Z', true],
    ['open, days after due', 'open', '2026-03-10T00:00:00.000Z', true],
    ['resolved, after due', 'resolved', '2026-03-10T00:00:00.000Z', false],
    ['resolved, before due', 'resolved', '2026-03-03T08:00:00.000Z', false],
  ] as const)('%s → %s', (_name, status, now, overdue) => {
    expect(isExceptionOverdue({ status, dueAt }, new Date(now))).toBe(overdue);
  });
});

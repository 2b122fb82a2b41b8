import { describe, expect, it } from 'vitest';
import { countBuckets, daysBetweenInclusive, metricBuckets } from './metric-buckets.ts';

describe('metric buckets', () => {
  it('cuts a period into UTC days, both ends included', () => {
    expect(metricBuckets('2026-02-27', '2026-03-02', 'day')).toEqual([
      { start: '2026-02-27', end: '2026-02-27' },
      { start: '2026-02-28', end: '2026-02-28' },
      { start: '2026-03-01', end: '2026-03-01' },
      { start: '2026-03-02', end: '2026-03-02' },
    ]);
  });

  it('cuts weeks Monday to Sunday and clips the first and last week to the period', () => {
    // 2026-03-04 is a Wednesday; 2026-03-17 a Tuesday.
    expect(metricBuckets('2026-03-04', '2026-03-17', 'week')).toEqual([
      { start: '2026-03-04', end: '2026-03-08' },
      { start: '2026-03-09', end: '2026-03-15' },
      { start: '2026-03-16', end: '2026-03-17' },
    ]);
    expect(metricBuckets('2026-03-09', '2026-03-15', 'week')).toEqual([{ start: '2026-03-09', end: '2026-03-15' }]);
  });

  it('makes one bucket for the whole period', () => {
    expect(metricBuckets('2026-01-01', '2026-12-31', 'period')).toEqual([{ start: '2026-01-01', end: '2026-12-31' }]);
  });

  it.each([
    ['2026-03-04', '2026-03-17', 'day', 14],
    ['2026-03-04', '2026-03-17', 'week', 3],
    ['2026-03-09', '2026-03-15', 'week', 1],
    ['2026-03-08', '2026-03-09', 'week', 2],
    ['2025-01-01', '2026-12-31', 'week', 105],
    ['2026-01-01', '2026-01-01', 'period', 1],
  ] as const)('counts %s..%s by %s as %i buckets, as many as it makes', (from, to, interval, expected) => {
    expect(countBuckets(from, to, interval)).toBe(expected);
    expect(metricBuckets(from, to, interval)).toHaveLength(expected);
  });

  it('counts days across a leap day', () => {
    expect(daysBetweenInclusive('2028-02-01', '2028-02-29')).toBe(29);
  });
});

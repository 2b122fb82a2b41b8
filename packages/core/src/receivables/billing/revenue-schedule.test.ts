import { describe, expect, it } from 'vitest';
import { ratableSchedule } from './revenue-schedule.ts';

describe('ratableSchedule', () => {
  it('spreads an annual prepayment by day over calendar months, summing exactly', () => {
    const slices = ratableSchedule(1_200_00n, 'EUR', '2026-01-15', '2027-01-15');
    expect(slices).toHaveLength(13);
    expect(slices[0]).toMatchObject({ month: '2026-01', days: 17 });
    expect(slices.at(-1)).toMatchObject({ month: '2027-01', days: 14 });
    expect(slices.reduce((s, x) => s + x.amountMinor, 0n)).toBe(1_200_00n);
    expect(slices.reduce((s, x) => s + x.days, 0)).toBe(365);
  });

  it('keeps yen whole', () => {
    const slices = ratableSchedule(100_000n, 'JPY', '2026-03-01', '2026-06-01');
    expect(slices.map((s) => s.amountMinor)).toEqual([33_696n, 32_609n, 33_695n]);
  });
});

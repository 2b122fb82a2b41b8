import { describe, expect, it } from 'vitest';
import { approvalDeadlineSlot } from './approval-deadlines.ts';

describe('approvalDeadlineSlot', () => {
  it.each([
    ['2026-03-02T09:00:00.000Z', '2026-03-02T09:00'],
    ['2026-03-02T09:14:59.999Z', '2026-03-02T09:00'],
    ['2026-03-02T09:15:00.000Z', '2026-03-02T09:15'],
    ['2026-03-02T23:59:00.000Z', '2026-03-02T23:45'],
  ])('%s falls in slot %s, so workers polling within it schedule one job', (time, slot) => {
    expect(approvalDeadlineSlot(new Date(time))).toBe(slot);
  });
});

import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from './claim-jobs.ts';

describe('backoffDelayMs', () => {
  it.each([
    [1, 0.999, 999],
    [2, 0.999, 1_998],
    [5, 0.5, 8_000],
    [30, 0.999, 899_100],
    [3, 0, 0],
  ])('attempt %i with random %f waits %i ms', (attempt, random, expected) => {
    expect(backoffDelayMs(attempt, 1_000, 15 * 60_000, () => random)).toBe(expected);
  });
});

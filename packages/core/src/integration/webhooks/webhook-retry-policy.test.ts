import { describe, expect, it } from 'vitest';
import { classifyWebhookStatus, parseRetryAfter, webhookRetryDelayMs } from './webhook-retry-policy.ts';

const NOW = new Date('2026-03-01T12:00:00Z');

describe('webhook retry policy', () => {
  it.each([
    [200, 'delivered'], [204, 'delivered'], [299, 'delivered'],
    [301, 'retry'], [400, 'retry'], [401, 'retry'], [404, 'retry'], [408, 'retry'], [429, 'retry'], [500, 'retry'], [503, 'retry'],
    [410, 'gone'],
  ])('classifies HTTP %i as %s', (status, expected) => {
    expect(classifyWebhookStatus(status)).toBe(expected);
  });

  it.each([
    ['120', 120_000],
    ['0', 0],
    ['Sun, 01 Mar 2026 12:01:30 GMT', 90_000],
    ['Sun, 01 Mar 2026 11:00:00 GMT', 0],
    ['999999', 24 * 3_600_000],
    ['soon', undefined],
    ['', undefined],
    [null, undefined],
  ])('reads Retry-After %j as %s ms', (header, expected) => {
    expect(parseRetryAfter(header, NOW)).toBe(expected);
  });

  it('waits per the schedule, longer when the receiver asks, and the last step after that', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => webhookRetryDelayMs(n, undefined))).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);
    expect(webhookRetryDelayMs(1, 60_000)).toBe(60_000);
    expect(webhookRetryDelayMs(3, 60_000)).toBe(1_800_000);
    expect(webhookRetryDelayMs(12, undefined)).toBe(36_000_000);
    expect(webhookRetryDelayMs(2, undefined, [0, 0])).toBe(0);
  });
});

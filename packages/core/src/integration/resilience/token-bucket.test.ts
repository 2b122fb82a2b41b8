import { describe, expect, it } from 'vitest';
import { bucketCapacity, takeToken } from './token-bucket.ts';

describe('takeToken', () => {
  it.each([
    // perMinute, tokens, elapsed ms, expected
    [60, 1, 0, { ok: true, tokens: 0 }],
    [60, 0, 500, { ok: false, waitMs: 500 }],
    [60, 0, 1_000, { ok: true, tokens: 0 }],
    [600, 0, 0, { ok: false, waitMs: 100 }],
    [600, 10, 60_000, { ok: true, tokens: 9 }], // refilled only up to the capacity (10)
    [30, 0.25, 1_000, { ok: false, waitMs: 500 }], // 0.75 after a second; a quarter token more takes 500 ms,
  ] as [number, number, number, { ok: boolean; tokens?: number; waitMs?: number }][])('%i/min with %d tokens after %i ms', (perMinute, tokens, elapsed, expected) => {
    const result = takeToken({ tokens, at: 0 }, perMinute, elapsed);
    if (expected.ok) expect(result).toEqual({ ok: true, bucket: { tokens: expected.tokens, at: elapsed } });
    else expect(result).toEqual({ ok: false, waitMs: expected.waitMs });
  });

  it('holds a second of requests, never less than one', () => {
    expect(bucketCapacity(600)).toBe(10);
    expect(bucketCapacity(5)).toBe(1);
  });
});

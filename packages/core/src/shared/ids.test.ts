import { describe, expect, it } from 'vitest';
import { newId } from './ids.ts';

describe('newId', () => {
  it('has the prefix and 26 Crockford characters', () => {
    expect(newId('cus')).toMatch(/^cus_[0-9A-HJKMNP-TV-Z]{26}$/);
  });

  it('sorts by creation time', () => {
    const earlier = newId('cus', Date.UTC(2026, 0, 1));
    const later = newId('cus', Date.UTC(2026, 0, 1, 0, 0, 1));
    expect(earlier < later).toBe(true);
  });

  it('is strictly increasing within one millisecond (creation order)', () => {
    const ids = Array.from({ length: 1_000 }, () => newId('x', Date.UTC(2026, 0, 1)));
    expect([...ids].sort()).toEqual(ids);
  });

  it('does not repeat', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => newId('x')));
    expect(ids.size).toBe(10_000);
  });

  // Last: later calls in this process keep this time (ids never go back).
  it('encodes the time as a ULID does, up to the largest one', () => {
    const id = newId('x', 2 ** 48 - 1);
    expect(id.slice(2, 12)).toBe('7ZZZZZZZZZ');
    expect(newId('x', 2 ** 48 - 1) > id).toBe(true);
  });
});

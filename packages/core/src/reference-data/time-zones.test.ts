import { afterEach, describe, expect, it, vi } from 'vitest';
import { isTimeZone } from './time-zones.ts';

describe('isTimeZone', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it.each([
    ['Europe/Berlin', true],
    ['America/New_York', true],
    ['UTC', true],
    ['Etc/UTC', true],
    ['Asia/Singapore', true],
    ['Australia/Sydney', true],
    ['America/Argentina/Buenos_Aires', true],
    ['Etc/GMT+5', true], // IANA's inverted-sign fixed zones are real names
    ['europe/berlin', true], // Intl matches case-insensitively
    ['', false],
    ['Mars/Base', false],
    ['GMT+25', false],
    ['Etc/GMT+15', false],
    ['+01:00', false], // offsets are not zones, whatever the runtime's Intl says
    ['-05:00', false],
    ['Europe', false],
    [' Europe/Berlin', false],
    ['Europe/Berlin ', false],
    ['not a time zone', false],
  ])('%j → %s', (name, expected) => {
    expect(isTimeZone(name)).toBe(expected);
  });

  it('caches: a repeated name does not construct another DateTimeFormat', () => {
    expect(isTimeZone('Pacific/Auckland')).toBe(true);
    expect(isTimeZone('Venus/Base')).toBe(false);
    const spy = vi.spyOn(Intl, 'DateTimeFormat');
    expect(isTimeZone('Pacific/Auckland')).toBe(true);
    expect(isTimeZone('Venus/Base')).toBe(false); // negative results are cached too
    expect(spy).not.toHaveBeenCalled();
  });

  it('stays correct after the cache fills up and is reset', () => {
    for (let i = 0; i < 1_100; i++) isTimeZone(`Nowhere/Zone${i}`);
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Nowhere/Zone0')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { slotShare } from './slot-share.ts';

describe('slotShare', () => {
  it.each([
    // max, contenders, least, most
    [5, 1, 5, 5],
    [5, 2, 2, 3],
    [5, 3, 1, 2],
    [6, 3, 2, 2],
    [5, 7, 1, 1], // more processes than slots: each may keep one, none is owed more
    [1, 3, 1, 1],
    [5, 0, 5, 5], // nobody counted yet: the asker alone
  ])('%i slots among %i processes: at least %i, at most %i each', (max, contenders, least, most) => {
    expect(slotShare(max, contenders)).toEqual({ least, most });
  });
});

import { describe, expect, it } from 'vitest';
import { jsonText } from './json-text.ts';

describe('jsonText', () => {
  it.each([
    ['plain JSON as JSON.stringify writes it', { a: 1, b: ['x', null], c: 'é "q"' }, '{"a":1,"b":["x",null],"c":"é \\"q\\""}'],
    ['bigints as digit strings, beyond 2^53 too', { amount: 9_007_199_254_740_993n, lines: [{ minor: -5n }] }, '{"amount":"9007199254740993","lines":[{"minor":"-5"}]}'],
    ['a bare bigint', 12n, '"12"'],
  ])('%s', (_name, value, expected) => {
    expect(jsonText(value)).toBe(expected);
  });

  it('still refuses a value that has no JSON form (a cycle)', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => jsonText(cyclic)).toThrow(TypeError);
  });
});

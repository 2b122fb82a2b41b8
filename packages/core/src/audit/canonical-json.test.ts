import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.ts';

describe('canonicalJson', () => {
  it.each([
    ['keys sorted by code unit', { b: 1, a: 2, B: 3 }, '{"B":3,"a":2,"b":1}'],
    ['already sorted keys kept', { a: 1, b: 2, c: 3 }, '{"a":1,"b":2,"c":3}'],
    ['nested objects and arrays', { z: [{ y: 1, x: null }], a: { d: true, c: 'é' } }, '{"a":{"c":"é","d":true},"z":[{"x":null,"y":1}]}'],
    ['undefined members left out, also first', { a: undefined, c: 1, b: undefined }, '{"c":1}'],
    ['all members undefined', { a: undefined }, '{}'],
    ['bigints as digit strings', { amount: 12_345_678_901_234_567_890n, neg: -5n }, '{"amount":"12345678901234567890","neg":"-5"}'],
    ['dates as ISO strings', { at: new Date('2026-01-02T03:04:05.678Z') }, '{"at":"2026-01-02T03:04:05.678Z"}'],
    ['keys that need escaping', { 'a"b': 1, 'line\nbreak': 2 }, '{"a\\"b":1,"line\\nbreak":2}'],
    ['top-level scalars', 'x"y', '"x\\"y"'],
    ['null and undefined', [null, undefined], '[null,null]'],
  ])('%s', (_name, value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it.each([
    ['plain', 'Acme GmbH, Berlin'],
    ['quote and backslash', 'a "b" \\ c'],
    ['control characters', 'tab\there\u0001\u001f'],
    ['a surrogate pair', 'emoji 😀'],
    ['a lone surrogate', 'half \ud83d here'],
    ['non-ASCII', 'Zürich – 東京'],
    ['empty', ''],
  ])('writes a string as JSON.stringify does: %s', (_name, text) => {
    expect(canonicalJson(text)).toBe(JSON.stringify(text));
    expect(canonicalJson({ k: [text] })).toBe(`{"k":[${JSON.stringify(text)}]}`);
  });

  it('gives the same text whatever order an object was built in', () => {
    const one = { customer: { name: 'A', taxId: null }, lines: [{ qty: '1', amount: 10n }], total: 10n };
    const other = { total: 10n, lines: [{ amount: 10n, qty: '1' }], customer: { taxId: null, name: 'A' } };
    expect(canonicalJson(one)).toBe(canonicalJson(other));
  });
});

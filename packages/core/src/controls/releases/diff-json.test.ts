import { describe, expect, it } from 'vitest';
import { describeReleaseDiff } from './describe-release-diff.ts';
import { diffJson } from './diff-json.ts';

const route = (id: string, extra: Record<string, unknown> = {}) => ({ id, match: {}, steps: [], ...extra });

describe('diffJson', () => {
  it.each([
    ['identical documents', { a: 1, b: [1, 2] }, { a: 1, b: [1, 2] }, []],
    ['a changed scalar', { settings: { reminderHours: 24 } }, { settings: { reminderHours: 48 } }, [{ path: '/settings/reminderHours', change: 'changed', old: 24, new: 48 }]],
    ['a key added and one removed', { a: 1 }, { b: 2 }, [{ path: '/a', change: 'removed', old: 1 }, { path: '/b', change: 'added', new: 2 }]],
    ['null to a value', { escalateTo: null }, { escalateTo: { role: 'controller' } }, [{ path: '/escalateTo', change: 'changed', old: null, new: { role: 'controller' } }]],
    ['list elements without ids, by position', { l: ['a', 'b'] }, { l: ['a', 'c', 'd'] }, [
      { path: '/l/1', change: 'changed', old: 'b', new: 'c' },
      { path: '/l/2', change: 'added', new: 'd' },
    ]],
    ['a shorter list', { l: [1, 2, 3] }, { l: [1] }, [{ path: '/l/1', change: 'removed', old: 2 }, { path: '/l/2', change: 'removed', old: 3 }]],
    ['keys with / and ~ escaped as RFC 6901 says', { department: { 'a/b': 'usr_1', 'c~d': 'usr_2' } }, { department: { 'a/b': 'usr_3', 'c~d': 'usr_2' } }, [
      { path: '/department/a~1b', change: 'changed', old: 'usr_1', new: 'usr_3' },
    ]],
    ['a whole document replaced by a scalar', { a: 1 }, 'x', [{ path: '/', change: 'changed', old: { a: 1 }, new: 'x' }]],
  ])('%s', (_name, before, after, expected) => {
    expect(diffJson(before, after)).toEqual(expected);
  });

  it('matches routes by id: inserting one in front reports one addition, not a change of every later route', () => {
    const before = { routes: [route('small'), route('large', { steps: [{ name: 'CFO' }] })] };
    const after = { routes: [route('tiny'), route('small'), route('large', { steps: [{ name: 'CFO' }, { name: 'Board' }] })] };
    expect(diffJson(before, after)).toEqual([
      { path: '/routes/0', change: 'added', new: route('tiny') },
      { path: '/routes/2/steps/1', change: 'added', new: { name: 'Board' } },
    ]);
  });

  it('reports only the route that moved when the order changes (first match wins, so order matters)', () => {
    const before = { routes: [route('a'), route('b'), route('c')] };
    const after = { routes: [route('b'), route('c'), route('a')] };
    expect(diffJson(before, after)).toEqual([{ path: '/routes/2', change: 'moved', old: 0, new: 2 }]);
  });

  it('reports a removed route at its old position', () => {
    expect(diffJson({ routes: [route('a'), route('b')] }, { routes: [route('b')] })).toEqual([{ path: '/routes/0', change: 'removed', old: route('a') }]);
  });
});

describe('describeReleaseDiff for structural diffs', () => {
  it('writes one line per change, shortening long values', () => {
    const lines = describeReleaseDiff({
      type: 'structural',
      changes: [
        { path: '/settings/reminderHours', change: 'changed', old: 24, new: 48 },
        { path: '/routes/0', change: 'added', new: { id: 'x', description: 'y'.repeat(200) } },
        { path: '/routes/3', change: 'moved', old: 1, new: 3 },
        { path: '/owners/department/SALES', change: 'removed', old: 'usr_1' },
      ],
    });
    expect(lines[0]).toBe('~ /settings/reminderHours: 24 → 48');
    expect(lines[1]).toMatch(/^\+ \/routes\/0: \{"id":"x","description":"y+…$/);
    expect(lines[1]!.length).toBeLessThan(140);
    expect(lines.slice(2)).toEqual(['↕ /routes/3: moved from position 1 to 3', '- /owners/department/SALES: "usr_1"']);
    expect(describeReleaseDiff({ type: 'structural', changes: [] })).toEqual(['no changes']);
  });
});

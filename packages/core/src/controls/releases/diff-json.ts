import type { JsonChange } from './release-diff.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const escape = (segment: string): string => segment.replaceAll('~', '~0').replaceAll('/', '~1');

/** Elements carry a unique string `id` in both lists: match them by id, so inserting one does not shift every later path. */
function idsOf(list: readonly unknown[]): string[] | undefined {
  const ids = list.map((item) => (isObject(item) && typeof item.id === 'string' ? item.id : undefined));
  if (ids.some((id) => id === undefined)) return undefined;
  return new Set(ids).size === ids.length ? (ids as string[]) : undefined;
}

/**
 * The old indices that keep their relative order (a longest increasing subsequence of the
 * old indices in new order); the other shared elements are the ones that moved. Quadratic,
 * which is fine for the few hundred routes a policy holds.
 */
function keptInOrder(oldIndices: readonly number[]): Set<number> {
  const length = oldIndices.map(() => 1);
  const previous = oldIndices.map(() => -1);
  let best = -1;
  for (let i = 0; i < oldIndices.length; i += 1) {
    for (let j = 0; j < i; j += 1) {
      if (oldIndices[j]! < oldIndices[i]! && length[j]! + 1 > length[i]!) {
        length[i] = length[j]! + 1;
        previous[i] = j;
      }
    }
    if (best === -1 || length[i]! > length[best]!) best = i;
  }
  const kept = new Set<number>();
  for (let i = best; i !== -1; i = previous[i]!) kept.add(oldIndices[i]!);
  return kept;
}

function diffArrays(path: string, before: readonly unknown[], after: readonly unknown[], out: JsonChange[]): void {
  const beforeIds = idsOf(before);
  const afterIds = idsOf(after);
  if (beforeIds && afterIds && (before.length > 0 || after.length > 0)) {
    const oldIndex = new Map(beforeIds.map((id, i) => [id, i]));
    const newIndex = new Map(afterIds.map((id, i) => [id, i]));
    beforeIds.forEach((id, i) => {
      if (!newIndex.has(id)) out.push({ path: `${path}/${i}`, change: 'removed', old: before[i] });
    });
    const stayed = keptInOrder(afterIds.filter((id) => oldIndex.has(id)).map((id) => oldIndex.get(id)!));
    afterIds.forEach((id, i) => {
      const was = oldIndex.get(id);
      if (was === undefined) {
        out.push({ path: `${path}/${i}`, change: 'added', new: after[i] });
        return;
      }
      if (!stayed.has(was)) out.push({ path: `${path}/${i}`, change: 'moved', old: was, new: i });
      diffInto(`${path}/${i}`, before[was], after[i], out);
    });
    return;
  }
  const common = Math.min(before.length, after.length);
  for (let i = 0; i < common; i += 1) diffInto(`${path}/${i}`, before[i], after[i], out);
  for (let i = common; i < before.length; i += 1) out.push({ path: `${path}/${i}`, change: 'removed', old: before[i] });
  for (let i = common; i < after.length; i += 1) out.push({ path: `${path}/${i}`, change: 'added', new: after[i] });
}

function diffInto(path: string, before: unknown, after: unknown, out: JsonChange[]): void {
  if (Array.isArray(before) && Array.isArray(after)) {
    diffArrays(path, before, after, out);
    return;
  }
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) {
      const at = `${path}/${escape(key)}`;
      if (!(key in after) || after[key] === undefined) {
        if (before[key] !== undefined) out.push({ path: at, change: 'removed', old: before[key] });
      } else if (!(key in before) || before[key] === undefined) {
        out.push({ path: at, change: 'added', new: after[key] });
      } else {
        diffInto(at, before[key], after[key], out);
      }
    }
    return;
  }
  if (before !== after) out.push({ path: path || '/', change: 'changed', old: before, new: after });
}

/**
 * The differences between two JSON documents, each at an RFC 6901 pointer, in document
 * order. Objects are compared key by key (sorted); lists element by element, except lists
 * whose elements all carry a unique string `id` (routes), which are matched by id and
 * report a change of order as `moved` (old and new index). Pure.
 */
export function diffJson(before: Json | unknown, after: Json | unknown): JsonChange[] {
  const out: JsonChange[] = [];
  diffInto('', before, after, out);
  return out;
}

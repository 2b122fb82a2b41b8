/** Groups items by a key, keeping their order; `get` of a missing key gives an empty list. */
export function groupBy<T>(items: Iterable<T>, keyOf: (item: T) => string): { get(key: string): T[] } {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return { get: (key) => groups.get(key) ?? [] };
}

/**
 * Deterministic JSON: object keys sorted, no whitespace. The audit hash is computed over
 * this form, so a row read back from jsonb (which reorders keys) hashes the same.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Converts a value into plain JSON data (bigint → string, Date → ISO string). */
export function toJsonData(value: unknown): unknown {
  return JSON.parse(canonicalJson(value)) as unknown;
}

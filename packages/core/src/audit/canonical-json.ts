/**
 * Deterministic JSON: object keys sorted, no whitespace. The audit hash is computed over
 * this form, so a row read back from jsonb (which reorders keys) hashes the same.
 *
 * Written as a plain loop over sorted keys because it runs on every audit row and on every
 * rule context a controls run fingerprints: keys sort by UTF-16 code units (the default
 * `sort`), `undefined` members are left out, bigints and dates become strings.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return JSON.stringify(value);
    case 'bigint':
      return `"${value.toString()}"`;
    case 'object':
      return canonicalObject(value);
    default:
      return `${JSON.stringify(value)}`;
  }
}

function canonicalObject(value: object): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i += 1) out += (i === 0 ? '' : ',') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const member = record[key];
    if (member === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalJson(member)}`;
    first = false;
  }
  return `${out}}`;
}

/** Converts a value into plain JSON data (bigint → string, Date → ISO string). */
export function toJsonData(value: unknown): unknown {
  return JSON.parse(canonicalJson(value)) as unknown;
}

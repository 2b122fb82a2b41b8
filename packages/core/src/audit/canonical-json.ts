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
      // Most strings need no escape: quoted as they are, they are what JSON.stringify writes.
      return NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`;
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

/** A quote, a backslash, a control character or a surrogate (JSON.stringify escapes a lone one). */
// eslint-disable-next-line no-control-regex -- the control characters are what JSON escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** Quoted member names, memoized: the same few dozen keys recur on every row and context. */
const quotedKeys = new Map<string, string>();
const MAX_QUOTED_KEYS = 10_000;

function quoteKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (quotedKeys.size < MAX_QUOTED_KEYS) quotedKeys.set(key, quoted);
  }
  return quoted;
}

function canonicalObject(value: object): string {
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i += 1) out += (i === 0 ? '' : ',') + canonicalJson(value[i]);
    return `${out}]`;
  }
  if (value instanceof Date) return `"${value.toISOString()}"`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  // Most objects are built in a fixed order; sorting is skipped when it is already sorted.
  for (let i = 1; i < keys.length; i += 1) {
    if (keys[i - 1]! > keys[i]!) {
      keys.sort();
      break;
    }
  }
  let out = '{';
  for (const key of keys) {
    const member = record[key];
    if (member === undefined) continue;
    out += `${out.length === 1 ? '' : ','}${quoteKey(key)}:${canonicalJson(member)}`;
  }
  return `${out}}`;
}

/** Converts a value into plain JSON data (bigint → string, Date → ISO string). */
export function toJsonData(value: unknown): unknown {
  return JSON.parse(canonicalJson(value)) as unknown;
}

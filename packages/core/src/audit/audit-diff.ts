import { canonicalJson, toJsonData } from './canonical-json.ts';

/** What changed: only the fields that differ, before and after. */
export interface AuditDiff {
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** Fields that change on every write and would only add noise to a diff. */
const IGNORED_FIELDS = new Set(['updatedAt', 'version', 'passwordHash', 'tokenHash']);

/**
 * Computes the audit diff between two versions of an object. A create has `before: null`
 * and the whole object after; a delete the reverse. Secrets are never copied in.
 */
export function auditDiff(before: object | null, after: object | null): AuditDiff {
  const b = (before ? toJsonData(before) : null) as Record<string, unknown> | null;
  const a = (after ? toJsonData(after) : null) as Record<string, unknown> | null;
  if (!b || !a) return { before: b && strip(b), after: a && strip(a) };
  const changedBefore: Record<string, unknown> = {};
  const changedAfter: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (IGNORED_FIELDS.has(key)) continue;
    if (canonicalJson(b[key]) !== canonicalJson(a[key])) {
      changedBefore[key] = b[key] ?? null;
      changedAfter[key] = a[key] ?? null;
    }
  }
  return { before: changedBefore, after: changedAfter };
}

function strip(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => !IGNORED_FIELDS.has(k)));
}

/** True when the diff records no change (an update that set every field to its value). */
export function isEmptyDiff(diff: AuditDiff): boolean {
  return diff.before !== null && diff.after !== null && Object.keys(diff.after).length === 0;
}

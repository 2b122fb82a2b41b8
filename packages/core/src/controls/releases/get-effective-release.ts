import type { Db } from '../../db/transaction.ts';
import { getReleaseKind } from './release-kinds.ts';
import { findInForceRow, inForce } from './release-repository.ts';

/** The version of a kind in force at a moment, with what the decision trace records about it. */
export interface EffectiveRelease<Content = Record<string, unknown>> {
  readonly id: string;
  readonly kind: string;
  readonly version: number;
  readonly effectiveFrom: Date;
  readonly content: Content;
}

// Published versions never change (the table refuses it), so their parsed content can be
// kept: compiled rules are cached per rule object, and this keeps the objects the same.
const PARSED = new Map<string, object>();
const PARSED_LIMIT = 200;

function parsedContent(id: string, kind: string, body: unknown): object {
  const cached = PARSED.get(id);
  if (cached !== undefined) return cached;
  const parsed = Object.freeze(getReleaseKind(kind).parseContent(body, '/content'));
  if (PARSED.size >= PARSED_LIMIT) PARSED.clear();
  PARSED.set(id, parsed);
  return parsed;
}

/**
 * The published version of `kind` in force at `at` — the one with the latest effective
 * time not after `at` — or null when none is (then there are no rules, or no approvals).
 * Its content is parsed (defaults applied) and the same object is returned for the same
 * version, so compiled rules stay cached across calls.
 */
export async function getEffectiveRelease(db: Db, kind: string, at: Date): Promise<EffectiveRelease | null> {
  getReleaseKind(kind);
  // Which version is in force is read every time (a publish must take effect at once);
  // its body only when this process has not parsed that version yet.
  const head = await inForce(db, kind, at).select(['id', 'version', 'effectiveFrom']).executeTakeFirst();
  if (!head || head.effectiveFrom === null) return null;
  if (!PARSED.has(head.id)) {
    const row = await findInForceRow(db, kind, at);
    if (!row || row.effectiveFrom === null) return null;
    return { id: row.id, kind, version: row.version, effectiveFrom: row.effectiveFrom, content: parsedContent(row.id, kind, row.body) as Record<string, unknown> };
  }
  return { id: head.id, kind, version: head.version, effectiveFrom: head.effectiveFrom, content: PARSED.get(head.id) as Record<string, unknown> };
}

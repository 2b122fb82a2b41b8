import { sql } from 'kysely';
import { recordAudit } from '../../audit/record-audit.ts';
import { insertJsonRows } from '../../db/insert-json-rows.ts';
import type { Trx } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import type { ActorContext } from '../../shared/context.ts';
import { ID_PREFIX, newId } from '../../shared/ids.ts';
import { assertLifecycleTransition, type LifecycleDocumentType, type LifecycleState } from './document-lifecycle.ts';

/** One lifecycle change to make. */
export interface LifecycleChange {
  readonly documentType: LifecycleDocumentType;
  readonly documentId: string;
  readonly to: LifecycleState;
  /**
   * States passed through on the way, in order (`['validated']` for draft → validated →
   * approved): each hop is checked and gets its transition row; the audit has one row.
   */
  readonly via?: readonly LifecycleState[];
  /** Why, in words (a rejection comment, "2 blocking exceptions", …). */
  readonly reason?: string | null;
  /** The decision that caused it (control_decisions.id), for the trace. */
  readonly decisionId?: string | null;
}

/** A change as made: the state it left. */
export interface LifecycleChangeResult extends LifecycleChange {
  readonly from: LifecycleState;
  readonly entityId: string;
}

/** The table that holds each document type's lifecycle column. */
function tableOf(documentType: LifecycleDocumentType): 'invoices' {
  if (documentType === 'invoice' || documentType === 'credit_memo') return 'invoices';
  throw new AppError('validation_failed', `document type ${documentType} has no lifecycle yet`);
}

/**
 * Moves documents through their lifecycle inside the caller's transaction: locks the rows
 * (in id order, so concurrent callers never deadlock), refuses any change the lifecycle
 * does not allow with a coded `illegal_transition` (nothing is written then), updates the
 * state, appends one `document_transitions` row and one audit row per change. A change to
 * the state a document is already in is refused too: callers decide from what they read
 * under the same lock.
 */
export async function transitionDocuments(trx: Trx, ctx: ActorContext, changes: readonly LifecycleChange[], now: Date = new Date()): Promise<LifecycleChangeResult[]> {
  if (changes.length === 0) return [];
  const byId = new Map<string, LifecycleChange>();
  for (const change of changes) {
    tableOf(change.documentType);
    if (byId.has(change.documentId)) throw new AppError('internal', `document ${change.documentId} given twice in one lifecycle change`);
    byId.set(change.documentId, change);
  }
  const ids = [...byId.keys()].sort();
  const rows = await sql<{ id: string; kind: 'invoice' | 'credit_memo'; entityId: string; lifecycle: LifecycleState }>`
    SELECT id, kind, entity_id AS "entityId", lifecycle FROM invoices WHERE id = ANY(${ids}::text[]) ORDER BY id FOR UPDATE`.execute(trx);
  const found = new Map(rows.rows.map((r) => [r.id, r]));
  const results: LifecycleChangeResult[] = [];
  for (const id of ids) {
    const change = byId.get(id)!;
    const row = found.get(id);
    if (!row || row.kind !== change.documentType) throw AppError.notFound(change.documentType.replace('_', ' '), id);
    let from: LifecycleState = row.lifecycle;
    for (const hop of [...(change.via ?? []), change.to]) {
      assertLifecycleTransition(change.documentType, id, from, hop);
      from = hop;
    }
    results.push({ ...change, from: row.lifecycle, entityId: row.entityId });
  }
  const byTarget = new Map<LifecycleState, string[]>();
  for (const r of results) byTarget.set(r.to, [...(byTarget.get(r.to) ?? []), r.documentId]);
  for (const [to, targetIds] of byTarget) {
    await sql`UPDATE invoices SET lifecycle = ${to}, lifecycle_changed_at = ${now}, updated_at = ${now}
      WHERE id = ANY(${targetIds}::text[])`.execute(trx);
  }
  await insertJsonRows(trx, 'documentTransitions', results.flatMap((r) => {
    const states = [r.from, ...(r.via ?? []), r.to];
    return states.slice(1).map((to, i) => ({
      id: newId(ID_PREFIX.documentTransition),
      documentType: r.documentType,
      documentId: r.documentId,
      entityId: r.entityId,
      fromState: states[i]!,
      toState: to,
      actor: ctx.actor,
      reason: r.reason ?? null,
      decisionId: r.decisionId ?? null,
      at: now,
    }));
  }));
  await recordAudit(trx, ctx, results.map((r) => ({
    action: `${r.documentType}.lifecycle_changed`,
    objectType: r.documentType,
    objectId: r.documentId,
    entityId: r.entityId,
    diff: { before: { lifecycle: r.from }, after: { lifecycle: r.to }, ...(r.via?.length ? { via: r.via } : {}) },
    reason: r.reason ?? null,
  })));
  return results;
}

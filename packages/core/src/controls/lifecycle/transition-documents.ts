import { sql } from 'kysely';
import { recordAudit } from '../../audit/record-audit.ts';
import type { Trx } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import type { ActorContext } from '../../shared/context.ts';
import { ID_PREFIX, newId } from '../../shared/ids.ts';
import { assertLifecycleTransition, type LifecycleDocumentType, type LifecycleState } from './document-lifecycle.ts';
import { insertRows } from '../../db/insert-rows.ts';

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
  /** A posting that completed: the ERP's id for the document, stored (with the time) by the same update. */
  readonly erpDocumentId?: string;
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

/** A document's row as read under its lock: what a transition checks and records. */
export interface LockedDocument {
  readonly id: string;
  readonly kind: 'invoice' | 'credit_memo';
  readonly entityId: string;
  readonly lifecycle: LifecycleState;
}

export interface TransitionOptions {
  /**
   * The documents' rows, when the caller already holds their row locks in this
   * transaction (read with `FOR UPDATE`) and has not changed their lifecycle since: they
   * are not read and locked a second time. Every changed document must be in it.
   */
  readonly locked?: ReadonlyMap<string, LockedDocument>;
}


/**
 * Moves documents through their lifecycle inside the caller's transaction: locks the rows
 * (in id order, so concurrent callers never deadlock) unless the caller holds them
 * ({@link TransitionOptions.locked}), refuses any change the lifecycle does not allow with
 * a coded `illegal_transition` (nothing is written then), updates the state (one
 * statement), appends one `document_transitions` row per hop and one audit row per change.
 * A change to the state a document is already in is refused too: callers decide from what
 * they read under the same lock.
 */
export async function transitionDocuments(
  trx: Trx,
  ctx: ActorContext,
  changes: readonly LifecycleChange[],
  now: Date = new Date(),
  options: TransitionOptions = {},
): Promise<LifecycleChangeResult[]> {
  if (changes.length === 0) return [];
  const byId = new Map<string, LifecycleChange>();
  for (const change of changes) {
    tableOf(change.documentType);
    if (byId.has(change.documentId)) throw new AppError('internal', `document ${change.documentId} given twice in one lifecycle change`);
    byId.set(change.documentId, change);
  }
  const ids = [...byId.keys()].sort();
  const found = options.locked ?? (await lockDocuments(trx, ids));
  const results: LifecycleChangeResult[] = [];
  for (const id of ids) {
    const change = byId.get(id)!;
    const row = found.get(id);
    if (!row || row.kind !== change.documentType) throw AppError.notFound(change.documentType.replace('_', ' '), id);
    assertHops(change, row.lifecycle);
    results.push({ ...change, from: row.lifecycle, entityId: row.entityId });
  }
  await sql`UPDATE invoices SET lifecycle = c.lifecycle, lifecycle_changed_at = ${now}, updated_at = ${now},
      erp_document_id = COALESCE(c.erp, invoices.erp_document_id), posted_at = CASE WHEN c.erp IS NULL THEN invoices.posted_at ELSE ${now} END
    FROM unnest(${results.map((r) => r.documentId)}::text[], ${results.map((r) => r.to)}::text[], ${results.map((r) => r.erpDocumentId ?? null)}::text[]) AS c(id, lifecycle, erp)
    WHERE invoices.id = c.id`.execute(trx);
  await insertTransitionRows(trx, ctx, results, now);
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

/**
 * The lifecycle of documents written already decided (a bill run decides its drafts
 * before it writes them): each hop from `draft` is checked as {@link transitionDocuments}
 * checks it and gets its `document_transitions` row. The documents' rows carry the state
 * from their insert, and their creation audit row tells the change.
 */
export async function recordCreatedTransitions(trx: Trx, ctx: ActorContext, changes: readonly (LifecycleChange & { readonly entityId: string })[], now: Date): Promise<void> {
  if (changes.length === 0) return;
  for (const change of changes) assertCreatedHops(change);
  await insertTransitionRows(trx, ctx, changes.map((c) => ({ ...c, from: 'draft' })), now);
}

/** Refuses (`illegal_transition`) a change a document written already decided cannot have made from `draft`. */
export function assertCreatedHops(change: LifecycleChange): void {
  assertHops(change, 'draft');
}

/** Refuses the change (`illegal_transition`) unless every hop from `from`, through `via`, to `to` is allowed. */
function assertHops(change: LifecycleChange, from: LifecycleState): void {
  let state = from;
  for (const hop of [...(change.via ?? []), change.to]) {
    assertLifecycleTransition(change.documentType, change.documentId, state, hop);
    state = hop;
  }
}

async function lockDocuments(trx: Trx, ids: readonly string[]): Promise<Map<string, LockedDocument>> {
  const rows = await sql<LockedDocument>`
    SELECT id, kind, entity_id AS "entityId", lifecycle FROM invoices WHERE id = ANY(${ids}::text[]) ORDER BY id FOR UPDATE`.execute(trx);
  return new Map(rows.rows.map((r) => [r.id, r]));
}

/** One `document_transitions` row per hop, in one statement (`insertRows`). */
async function insertTransitionRows(trx: Trx, ctx: ActorContext, results: readonly LifecycleChangeResult[], now: Date): Promise<void> {
  const rows: object[] = [];
  for (const r of results) {
    const states = [r.from, ...(r.via ?? []), r.to];
    for (let i = 1; i < states.length; i += 1) {
      rows.push({
        id: newId(ID_PREFIX.documentTransition), documentType: r.documentType, documentId: r.documentId, entityId: r.entityId,
        fromState: states[i - 1], toState: states[i], actor: ctx.actor, reason: r.reason ?? null, decisionId: r.decisionId ?? null, at: now,
      });
    }
  }
  await insertRows(trx, 'documentTransitions', rows);
}

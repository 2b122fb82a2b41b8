import { sql } from 'kysely';
import { ID_PREFIX, newId, type Db } from '@invoiceops/core';
import { createFinalizedInvoice } from '@invoiceops/testing';

/**
 * Builders for the metrics tests: documents with a fixed creation time, lifecycle trails,
 * exceptions and approval rows written straight to their tables with fixed timestamps, so
 * every figure has an answer computed by hand.
 */

export interface Party {
  entityId: string;
  customerId: string;
}

/** A document created at `createdAt` (a finalized row; the metrics read only its trail and creation time). */
export async function documentCreatedAt(db: Db, party: Party, createdAt: string): Promise<string> {
  const { id } = await createFinalizedInvoice(db, { ...party, total: '100.00', issueDate: createdAt.slice(0, 10), dueDate: createdAt.slice(0, 10) });
  await db.updateTable('invoices').set({ createdAt: new Date(createdAt) }).where('id', '=', id).execute();
  return id;
}

/** One lifecycle step: [from, to, actor, at]. */
export type Step = readonly [from: string, to: string, actor: string, at: string];

/** Appends a document's transitions in the order given (ids count up, so (at, id) keeps that order). */
export async function trail(db: Db, party: Party, documentId: string, steps: readonly Step[]): Promise<void> {
  for (const [from, to, actor, at] of steps) {
    await db.insertInto('documentTransitions').values({
      id: newId(ID_PREFIX.documentTransition),
      documentType: 'invoice',
      documentId,
      entityId: party.entityId,
      fromState: from,
      toState: to,
      actor,
      reason: null,
      decisionId: null,
      at: new Date(at),
    }).execute();
  }
}

/** The controls' straight-through decision for a document, recorded at `at`. */
export async function straightThroughDecision(db: Db, party: Party, documentId: string, at: string): Promise<void> {
  await db.insertInto('controlDecisions').values({
    id: newId(ID_PREFIX.controlDecision),
    documentType: 'invoice',
    documentId,
    entityId: party.entityId,
    kind: 'straight_through',
    policyKind: null,
    policyId: null,
    policyVersion: null,
    outcome: 'straight_through',
    inputs: '{}',
    result: '{}',
    actor: 'user:usr_alice',
    decidedAt: new Date(at),
  }).execute();
}

/** An exception on a document, raised at `createdAt`; resolved when `resolution` is given. */
export async function exceptionOn(
  db: Db,
  party: Party,
  documentId: string,
  e: { category: string; source: string; createdAt: string; resolution?: 'corrected_revalidated' | 'overridden' | 'voided' | 'credited' },
): Promise<void> {
  const at = new Date(e.createdAt);
  await db.insertInto('exceptions').values({
    id: newId(ID_PREFIX.exception),
    entityId: party.entityId,
    documentType: 'invoice',
    documentId,
    category: e.category,
    sourceSystem: e.source,
    ruleId: null,
    ruleVersion: null,
    severity: 'block',
    title: `${e.category} problem`,
    details: '{}',
    dueAt: new Date(at.getTime() + 86_400_000),
    createdAt: at,
    updatedAt: at,
  }).execute();
  if (e.resolution) {
    await sql`UPDATE exceptions SET status = 'resolved', resolved_at = ${new Date(at.getTime() + 3_600_000)}, resolution = ${e.resolution},
      resolution_reason = 'test', resolved_by = 'user:usr_test' WHERE document_id = ${documentId} AND category = ${e.category}`.execute(db);
  }
}

/** An approval request: created, and decided (approved, rejected, cancelled) or still pending. */
export async function approvalRequest(
  db: Db,
  entityId: string,
  r: { createdAt: string; status: 'pending' | 'approved' | 'rejected' | 'cancelled'; decidedAt?: string },
): Promise<string> {
  const id = newId(ID_PREFIX.approvalRequest);
  await sql`INSERT INTO approval_requests (id, document_type, document_id, entity_id, route_id, amount_minor, currency, content_hash, created_by, status, created_at, decided_at)
    VALUES (${id}, 'invoice', ${newId(ID_PREFIX.invoice)}, ${entityId}, 'route-1', 100000, 'EUR', 'hash', 'user:usr_creator', ${r.status},
      ${new Date(r.createdAt)}, ${r.decidedAt ? new Date(r.decidedAt) : null})`.execute(db);
  return id;
}

let stepPosition = 0;

/** An approval step of a request. */
export async function approvalStep(
  db: Db,
  entityId: string,
  requestId: string,
  s: { status: 'waiting' | 'pending' | 'approved' | 'rejected' | 'cancelled'; openedAt?: string; dueAt?: string; completedAt?: string; carriedOver?: boolean },
): Promise<void> {
  const date = (v: string | undefined) => (v ? new Date(v) : null);
  stepPosition += 1;
  await sql`INSERT INTO approval_steps (id, request_id, entity_id, stage, position, name, mode, candidates, sla_hours, status, carried_over, opened_at, due_at, completed_at)
    VALUES (${newId(ID_PREFIX.approvalStep)}, ${requestId}, ${entityId}, 0, ${stepPosition}, 'Finance', 'any', '[]'::jsonb, 24, ${s.status},
      ${s.carriedOver ?? false}, ${date(s.openedAt)}, ${date(s.dueAt)}, ${date(s.completedAt)})`.execute(db);
}

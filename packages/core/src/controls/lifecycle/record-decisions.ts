import type { Db } from '../../db/transaction.ts';
import type { ActorContext } from '../../shared/context.ts';
import { ID_PREFIX, newId } from '../../shared/ids.ts';
import type { LifecycleDocumentType } from './document-lifecycle.ts';
import { insertRows } from '../../db/insert-rows.ts';

/** What kind of decision: rule outcomes, the approval route, straight-through, a human approval, a posting. */
export type DecisionKind = 'validation' | 'routing' | 'straight_through' | 'approval' | 'posting';

/** One decision to record in the trace. */
export interface DecisionInput {
  readonly documentType: LifecycleDocumentType;
  readonly documentId: string;
  readonly entityId: string;
  readonly kind: DecisionKind;
  /** What the version is a version of: `rule_set`, `approval_policy`, … (null: built into the code). */
  readonly policyKind?: string | null;
  readonly policyId?: string | null;
  readonly policyVersion?: number | null;
  /** A short machine word: `passed`, `blocked`, `straight_through`, `needs_approval`, … */
  readonly outcome: string;
  /** What the decision saw (facts, amounts as strings). */
  readonly inputs: Record<string, unknown>;
  /** What it decided, in full (rule outcomes, steps and approvers, …). */
  readonly result: Record<string, unknown>;
}

/**
 * Appends decisions to the trace (`control_decisions`) inside the caller's transaction and
 * returns their ids in input order, so transitions can name the decision that caused them.
 * One statement (`insertRows`: a binary array per column; the trace is the largest write
 * of a controls run). Bigints in inputs and results are stored as digit strings.
 */
export async function recordDecisions(db: Db, ctx: ActorContext, decisions: readonly DecisionInput[], now: Date = new Date()): Promise<string[]> {
  if (decisions.length === 0) return [];
  const ids = decisions.map(() => newId(ID_PREFIX.controlDecision));
  await insertRows(db, 'controlDecisions', decisions.map((d, i) => ({
    id: ids[i],
    documentType: d.documentType,
    documentId: d.documentId,
    entityId: d.entityId,
    kind: d.kind,
    policyKind: d.policyKind ?? null,
    policyId: d.policyId ?? null,
    policyVersion: d.policyVersion ?? null,
    outcome: d.outcome,
    inputs: d.inputs,
    result: d.result,
    actor: ctx.actor,
    decidedAt: now,
  })));
  return ids;
}

import { sql } from 'kysely';
import type { Db } from '../../db/transaction.ts';
import type { ActorContext } from '../../shared/context.ts';
import { ID_PREFIX, newId } from '../../shared/ids.ts';
import type { LifecycleDocumentType } from './document-lifecycle.ts';
import { arrayParam } from '../../db/array-param.ts';

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

/** Bigints anywhere in inputs and results travel as digit strings. */
const bigintAsText = (_key: string, value: unknown): unknown => (typeof value === 'bigint' ? value.toString() : value);

/**
 * JSON text of a decision's inputs or result. A replacer makes `JSON.stringify` several
 * times slower, so it is used only for values that hold a bigint (plain JSON refuses them
 * with a TypeError); the text is the same either way.
 */
function jsonText(value: Record<string, unknown>): string {
  try {
    return JSON.stringify(value);
  } catch (error) {
    if (error instanceof TypeError) return JSON.stringify(value, bigintAsText);
    throw error;
  }
}

/**
 * Appends decisions to the trace (`control_decisions`) inside the caller's transaction and
 * returns their ids in input order, so transitions can name the decision that caused them.
 * One statement whose columns travel as binary arrays (`arrayParam`; the trace is the
 * largest write of a controls run), each row's inputs and result serialized once;
 * actor and decision time are parameters, not repeated per row. Bigints in inputs and
 * results are stored as digit strings.
 */
export async function recordDecisions(db: Db, ctx: ActorContext, decisions: readonly DecisionInput[], now: Date = new Date()): Promise<string[]> {
  if (decisions.length === 0) return [];
  const ids = decisions.map(() => newId(ID_PREFIX.controlDecision));
  const column = <T>(pick: (d: DecisionInput) => T) => decisions.map(pick);
  await sql`INSERT INTO control_decisions (id, document_type, document_id, entity_id, kind, policy_kind, policy_id, policy_version, outcome, inputs, result, actor, decided_at)
    SELECT x.i, x.t, x.d, x.e, x.k, x.pk, x.pi, x.pv::integer, x.o, x.inputs, x.result, ${ctx.actor}, ${now.toISOString()}::timestamptz
    FROM unnest(${arrayParam(ids)}, ${arrayParam(column((d) => d.documentType))}, ${arrayParam(column((d) => d.documentId))}, ${arrayParam(column((d) => d.entityId))},
      ${arrayParam(column((d) => d.kind))}, ${arrayParam(column((d) => d.policyKind ?? null))}, ${arrayParam(column((d) => d.policyId ?? null))},
      ${arrayParam(column((d) => (d.policyVersion === null || d.policyVersion === undefined ? null : String(d.policyVersion))))}, ${arrayParam(column((d) => d.outcome))},
      ${arrayParam(column((d) => jsonText(d.inputs)), 'json')}, ${arrayParam(column((d) => jsonText(d.result)), 'json')})
      AS x(i, t, d, e, k, pk, pi, pv, o, inputs, result)`.execute(db);
  return ids;
}

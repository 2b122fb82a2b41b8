import { sql, type Selectable } from 'kysely';
import type { ControlDecisionsTable } from '../../db/controls-tables.ts';
import { insertRows } from '../../db/insert-rows.ts';
import { AppError } from '../../errors/app-error.ts';
import type { Db, Trx } from '../../db/transaction.ts';
import { ID_PREFIX, newId } from '../../shared/ids.ts';
import { jsonText } from '../../shared/json-text.ts';
import type { LifecycleDocumentType } from './document-lifecycle.ts';
import type { DecisionInput, DecisionKind } from './record-decisions.ts';

/**
 * The straight-through majority's trace, kept per batch (migration 0029,
 * docs/controls-lifecycle.md "The decision trace"): documents whose every rule passed (or
 * did not apply) and that need no approval get the same two decisions as any other —
 * validation and straight-through — and the same two transitions, draft → validated →
 * approved; only they are stored together, one row per batch, and read back as if each had
 * its rows. A batch shares the document type, entity, rule set and policy versions, actor,
 * instant and reason; per document it keeps what each decision saw and an index into the
 * distinct results (rule outcome lists, the route), which most documents share.
 */
export interface DecisionBatchRow {
  readonly id: string;
  readonly documentType: LifecycleDocumentType;
  readonly entityId: string;
  readonly ruleSetVersion: number;
  readonly policyVersion: number | null;
  readonly actor: string;
  readonly reason: string;
  readonly decidedAt: Date;
  /** JSON text: per document, [document id, validation inputs, result index, routing inputs, result index]. */
  readonly documents: string;
  /** JSON text: the distinct results. */
  readonly results: string;
}

/** The two decisions of a batched document, in order: what each is and the policy it applied. */
const BATCHED: readonly { kind: DecisionKind; policyKind: string; outcome: string }[] = [
  { kind: 'validation', policyKind: 'rule_set', outcome: 'passed' },
  { kind: 'straight_through', policyKind: 'approval_policy', outcome: 'straight_through' },
];

/**
 * Whether a document's trace is kept in a batch: a passed validation that kept only its
 * context's fingerprint (no rule failed, errored or was overridden), then straight through.
 */
export function isBatchable(trace: readonly DecisionInput[]): boolean {
  return (
    trace.length === 2 &&
    trace.every((d, i) => d.kind === BATCHED[i]!.kind && d.policyKind === BATCHED[i]!.policyKind && d.outcome === BATCHED[i]!.outcome && (d.policyId ?? null) === null) &&
    typeof trace[0]!.inputs.contextSha256 === 'string' &&
    typeof trace[0]!.policyVersion === 'number'
  );
}

interface OpenBatch {
  readonly id: string;
  readonly head: DecisionInput;
  readonly policyVersion: number | null;
  readonly documents: [string, Record<string, unknown>, number, Record<string, unknown>, number][];
  readonly results: Record<string, unknown>[];
  readonly resultIndex: Map<string, number>;
}

/** Batches to write: their rows, and where each batched document is. */
export interface DecisionBatchPlan {
  readonly rows: DecisionBatchRow[];
  /** Per batched document: its batch and position in the batch's documents. */
  readonly batchOf: Map<string, { readonly batchId: string; readonly position: number }>;
}

/**
 * Batches the batchable traces (pure, but for the ids it draws): one batch per document
 * type, entity and pair of policy versions. The other traces are recorded row by row.
 */
export function planDecisionBatches(
  traces: readonly (readonly DecisionInput[])[],
  meta: { readonly actor: string; readonly reason: string; readonly decidedAt: Date },
): DecisionBatchPlan {
  const open = new Map<string, OpenBatch>();
  const batchOf: DecisionBatchPlan['batchOf'] = new Map();
  for (const trace of traces) {
    if (!isBatchable(trace)) continue;
    const [validation, straight] = trace as [DecisionInput, DecisionInput];
    const key = `${validation.documentType}|${validation.entityId}|${validation.policyVersion}|${straight.policyVersion ?? ''}`;
    let batch = open.get(key);
    if (batch === undefined) {
      batch = { id: newId(ID_PREFIX.decisionBatch), head: validation, policyVersion: straight.policyVersion ?? null, documents: [], results: [], resultIndex: new Map() };
      open.set(key, batch);
    }
    batchOf.set(validation.documentId, { batchId: batch.id, position: batch.documents.length });
    batch.documents.push([validation.documentId, validation.inputs, resultIndexOf(batch, validation.result), straight.inputs, resultIndexOf(batch, straight.result)]);
  }
  const rows = [...open.values()].map((b): DecisionBatchRow => ({
    id: b.id,
    documentType: b.head.documentType,
    entityId: b.head.entityId,
    ruleSetVersion: b.head.policyVersion!,
    policyVersion: b.policyVersion,
    actor: meta.actor,
    reason: meta.reason,
    decidedAt: meta.decidedAt,
    documents: jsonText(b.documents),
    results: jsonText(b.results),
  }));
  return { rows, batchOf };
}

function resultIndexOf(batch: OpenBatch, result: Record<string, unknown>): number {
  const text = jsonText(result);
  let index = batch.resultIndex.get(text);
  if (index === undefined) {
    index = batch.results.length;
    batch.results.push(result);
    batch.resultIndex.set(text, index);
  }
  return index;
}

/** Writes the planned batches and where their documents are, inside the caller's transaction (two statements). */
export async function recordDecisionBatches(trx: Trx, plan: DecisionBatchPlan): Promise<void> {
  if (plan.rows.length === 0) return;
  await insertRows(trx, 'controlDecisionBatches', plan.rows, ['documents', 'results']);
  await insertRows(trx, 'decisionBatchDocuments', [...plan.batchOf].map(([documentId, at]) => ({ documentId, batchId: at.batchId, position: at.position })));
}

/** A decision as the trace reads it: the fields of a `control_decisions` row that are not the document's. */
export type TracedDecision = Pick<Selectable<ControlDecisionsTable>, 'id' | 'kind' | 'policyKind' | 'policyId' | 'policyVersion' | 'outcome' | 'inputs' | 'result' | 'actor' | 'decidedAt'>;

/** A batch as read for one of its documents: that document's entry and the batch's results. */
export interface BatchForDocument {
  readonly id: string;
  readonly ruleSetVersion: number;
  readonly policyVersion: number | null;
  readonly actor: string;
  readonly decidedAt: Date;
  readonly document: [string, Record<string, unknown>, number, Record<string, unknown>, number];
  readonly results: Record<string, unknown>[];
}

/** The two decisions a batch keeps for one document (pure), as its own rows would read: ids `<batch>:<document>:d1` and `:d2`. */
export function batchedDecisions(batch: BatchForDocument, documentId: string): TracedDecision[] {
  const [id, validationInputs, validationResult, routingInputs, routingResult] = batch.document;
  if (id !== documentId) throw new AppError('internal', `decision batch ${batch.id} holds ${id} where ${documentId} was expected`);
  const seen: [Record<string, unknown>, number][] = [[validationInputs, validationResult], [routingInputs, routingResult]];
  return seen.map(([inputs, result], i) => ({
    id: `${batch.id}:${documentId}:d${i + 1}`,
    kind: BATCHED[i]!.kind,
    policyKind: BATCHED[i]!.policyKind,
    policyId: null,
    policyVersion: i === 0 ? batch.ruleSetVersion : batch.policyVersion,
    outcome: BATCHED[i]!.outcome,
    inputs,
    result: batch.results[result]!,
    actor: batch.actor,
    decidedAt: batch.decidedAt,
  }));
}

/**
 * The batch that keeps a document's straight-through decisions, with just that document's
 * entry; undefined when its trace is kept row by row.
 */
export async function loadBatchForDocument(db: Db, documentId: string): Promise<BatchForDocument | undefined> {
  return db
    .selectFrom('decisionBatchDocuments as d')
    .innerJoin('controlDecisionBatches as b', 'b.id', 'd.batchId')
    .select(['b.id', 'b.ruleSetVersion', 'b.policyVersion', 'b.actor', 'b.decidedAt', 'b.results'])
    .select(sql<BatchForDocument['document']>`b.documents -> d.position`.as('document'))
    .where('d.documentId', '=', documentId)
    .executeTakeFirst();
}

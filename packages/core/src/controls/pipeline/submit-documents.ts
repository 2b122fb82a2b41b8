import { sql } from 'kysely';
import { inTransaction, type Db, type Trx } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import type { ActorContext } from '../../shared/context.ts';
import type { LifecycleState } from '../lifecycle/document-lifecycle.ts';
import { onDocumentApproved } from '../lifecycle/on-document-approved.ts';
import { transitionDocuments, type LockedDocument } from '../lifecycle/transition-documents.ts';
import { controlsMovesOf, decideDocuments, openRoutedApprovals, reasonsOf, recordControlsDecisions } from './apply-controls.ts';
import type { ControlsOutcome } from './decide-controls.ts';
import { loadSubmissionInputs } from './load-controls-inputs.ts';
import { loadEffectiveControls, type EffectiveControls } from './load-effective-controls.ts';

/** What the controls did with one submitted document. */
export interface SubmitResult {
  readonly documentId: string;
  /** `skipped`: the document was not in a state that is submitted (already approved, pending, void, …). */
  readonly outcome: ControlsOutcome | 'skipped';
  /** The lifecycle state it is in now. */
  readonly lifecycle: LifecycleState;
  /** Why, in words: the blocking rules' messages, the approval route, or why it was skipped. */
  readonly reasons: readonly string[];
}

/**
 * Milliseconds a submission spent per stage, summed over its chunks: `load` (locking and
 * loading the documents' rule contexts and routing facts), `decide` (rules, routing, the
 * decision trace, exceptions, transitions, approval requests), `issue` (numbering and
 * issuing what went straight through).
 */
export interface SubmitTimings {
  load: number;
  decide: number;
  issue: number;
}

export interface SubmitOptions {
  /** The decision time: rules see it as `asOf`, the rule set and policy in force at it apply. */
  readonly now?: Date;
  /** The controls to apply (default: those in force at `now`). */
  readonly controls?: EffectiveControls;
  /** When given, receives the time spent per stage (for benchmarks and logs). */
  readonly timings?: SubmitTimings;
}

/** Documents are decided in chunks of this many, one transaction each. */
const CHUNK = 500;

/** The lifecycle states from which a document is (re)submitted. */
const SUBMITTABLE: readonly LifecycleState[] = ['draft', 'validated', 'on_hold'];

/**
 * Submits documents to the controls (docs/controls-lifecycle.md): for each draft (or a
 * document on hold, to re-validate it) it runs the rule set in force, records the decision
 * trace, opens exceptions for what failed and resolves those no longer found, then:
 * - a blocking failure → `on_hold`;
 * - needs approval → `validated` → `pending_approval`, with an approval request;
 * - approval needed but no route fits the policy → `on_hold` with an `approval_delay` exception;
 * - passes and needs no approval → `validated` → `approved` (straight through, recorded as a
 *   decision), and the document is issued (legal number, email queued).
 * Chunks of 500 documents, each in one transaction, all or nothing. A rule that fails at
 * run time on one document blocks that document only (an `error` outcome with its own
 * exception); so does a missing FX rate (held `unrouted` with a `master_data` exception
 * naming the pair and date). Returns one result per id, in input order.
 */
export async function submitDocuments(db: Db, ctx: ActorContext, documentIds: readonly string[], options: SubmitOptions = {}): Promise<SubmitResult[]> {
  const now = options.now ?? new Date();
  const controls = options.controls ?? (await loadEffectiveControls(db, now));
  const results = new Map<string, SubmitResult>();
  for (let i = 0; i < documentIds.length; i += CHUNK) {
    const chunk = await inTransaction(db, (trx) => submitChunk(trx, ctx, documentIds.slice(i, i + CHUNK), controls, now, options.timings));
    for (const r of chunk) results.set(r.documentId, r);
  }
  return documentIds.map((id) => results.get(id)!);
}

/**
 * Adds the milliseconds since the last lap to `stage` of `timings` (when the caller asked
 * for them); a lap of `null` counts for no stage (work that is not the controls').
 */
export function stopwatch(timings: SubmitTimings | undefined): (stage: keyof SubmitTimings | null) => void {
  let tick = performance.now();
  return (stage) => {
    const t = performance.now();
    if (timings && stage !== null) timings[stage] += t - tick;
    tick = t;
  };
}


async function submitChunk(trx: Trx, ctx: ActorContext, ids: readonly string[], controls: EffectiveControls, now: Date, timings?: SubmitTimings): Promise<SubmitResult[]> {
  const lap = stopwatch(timings);
  const locked = await sql<LockedDocument & { status: string }>`
    SELECT id, kind, entity_id AS "entityId", status, lifecycle FROM invoices WHERE id = ANY(${[...new Set(ids)]}::text[]) ORDER BY id FOR UPDATE`.execute(trx);
  const found = new Map(locked.rows.map((r) => [r.id, r]));
  const missing = ids.find((id) => !found.has(id));
  if (missing !== undefined) throw AppError.notFound('invoice', missing);
  const results: SubmitResult[] = [];
  const submittable: string[] = [];
  for (const r of locked.rows) {
    if (r.status === 'draft' && SUBMITTABLE.includes(r.lifecycle)) submittable.push(r.id);
    else results.push({ documentId: r.id, outcome: 'skipped', lifecycle: r.lifecycle, reasons: [`it is ${r.lifecycle}, not a draft awaiting the controls`] });
  }
  if (submittable.length === 0) return results;

  const inputs = await loadSubmissionInputs(trx, submittable, now);
  const overrides = await loadOverriddenRules(trx, submittable);
  const decided = decideDocuments(inputs, controls, overrides);

  lap('load');
  const validationDecision = await recordControlsDecisions(trx, ctx, decided, controls, now, { resolveGone: true });
  const { changes, approvals, approved } = controlsMovesOf(decided);
  // The rows are locked above and nothing since changed their lifecycle: no second read.
  const moved = new Map(
    (await transitionDocuments(trx, ctx, changes.map((c) => ({ ...c, decisionId: validationDecision.get(c.documentId)! })), now, { locked: found })).map((c) => [c.documentId, c.to]),
  );
  await openRoutedApprovals(trx, ctx, approvals, controls, now);
  lap('decide');
  await onDocumentApproved(trx, ctx, approved, now);
  lap('issue');
  for (const { input, decision } of decided) {
    results.push({ documentId: input.documentId, outcome: decision.outcome, lifecycle: moved.get(input.documentId) ?? input.lifecycle, reasons: reasonsOf(decision) });
  }
  return results;
}

/** Rule ids whose exception on the document was resolved by override: their failure no longer blocks. */
async function loadOverriddenRules(trx: Trx, ids: readonly string[]): Promise<Map<string, Set<string>>> {
  const rows = await sql<{ documentId: string; ruleId: string }>`
    SELECT document_id AS "documentId", rule_id AS "ruleId" FROM exceptions
    WHERE document_id = ANY(${[...ids]}::text[]) AND resolution = 'overridden' AND rule_id IS NOT NULL`.execute(trx);
  const map = new Map<string, Set<string>>();
  for (const r of rows.rows) map.set(r.documentId, (map.get(r.documentId) ?? new Set()).add(r.ruleId));
  return map;
}

/** The error `finalize` answers when the controls did not let the document through. */
export function notApproved(label: string, result: SubmitResult): AppError {
  const where = result.lifecycle === 'pending_approval' ? 'is waiting for approval' : result.lifecycle === 'on_hold' ? 'is on hold' : `is ${result.lifecycle}`;
  return new AppError('conflict', `${label} was not finalized: it ${where} (${result.reasons.join('; ')})`, {
    extensions: { lifecycle: result.lifecycle, outcome: result.outcome, reasons: result.reasons },
  });
}

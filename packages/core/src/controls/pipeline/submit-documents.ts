import { sql } from 'kysely';
import { inTransaction, type Db, type Trx } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import type { ActorContext } from '../../shared/context.ts';
import { openApprovalRequests } from '../approvals/open-approval-request.ts';
import type { LifecycleState } from '../lifecycle/document-lifecycle.ts';
import { onDocumentApproved } from '../lifecycle/on-document-approved.ts';
import { recordDecisions } from '../lifecycle/record-decisions.ts';
import { transitionDocuments, type LifecycleChange, type LockedDocument } from '../lifecycle/transition-documents.ts';
import type { ApprovalRoute } from '../approvals/approval-policy.ts';
import type { RoutingFacts } from '../approvals/routing-facts.ts';
import { decideControls, decideRules, type ControlsDecision, type ControlsOutcome } from './decide-controls.ts';
import { decisionTraceOf } from './decision-trace-of.ts';
import { loadSubmissionInputs, type ControlsInput, type UnroutableInput } from './load-controls-inputs.ts';
import type { FxRateRequest } from './load-fx-rates.ts';
import { loadEffectiveControls, type EffectiveControls } from './load-effective-controls.ts';
import { problemKey, raiseFoundProblems, resolveProblemsGone, type FoundProblem } from './sync-rule-exceptions.ts';

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

/** Adds the milliseconds since the last lap to `stage` of `timings` (when the caller asked for them). */
function stopwatch(timings: SubmitTimings | undefined): (stage: keyof SubmitTimings) => void {
  let tick = performance.now();
  return (stage) => {
    const t = performance.now();
    if (timings) timings[stage] += t - tick;
    tick = t;
  };
}

/** A loaded document and what the controls decided about it. */
interface Decided {
  readonly input: ControlsInput | UnroutableInput;
  readonly decision: ControlsDecision;
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
  const decided: Decided[] = inputs.map((input) => ({ input, decision: decide(input, controls, overrides.get(input.documentId)) }));

  lap('load');
  const traces = decided.map(({ input, decision }) => decisionTraceOf(input, decision, controls));
  const decisionIds = await recordDecisions(trx, ctx, traces.flat(), now);
  // Each document's validation decision is the first row of its trace.
  const validationDecision = new Map<string, string>();
  let offset = 0;
  traces.forEach((trace, index) => {
    validationDecision.set(decided[index]!.input.documentId, decisionIds[offset]!);
    offset += trace.length;
  });

  const problems = decided.flatMap(({ input, decision }) => problemsOf(input, decision, controls));
  await raiseFoundProblems(trx, ctx, problems, now);
  await resolveProblemsGone(trx, ctx, submittable, new Set(problems.map(problemKey)), now);

  const changes: LifecycleChange[] = [];
  const approvals: { routing: RoutingFacts; decision: ControlsDecision }[] = [];
  const approved: { documentType: ControlsInput['documentType']; documentId: string }[] = [];
  for (const { input, decision } of decided) {
    const base = { documentType: input.documentType, documentId: input.documentId, decisionId: validationDecision.get(input.documentId)! };
    const fromHold = input.lifecycle === 'on_hold';
    const toValidated = input.lifecycle === 'validated' ? [] : (['validated'] as const);
    if (decision.outcome === 'blocked' || decision.outcome === 'unrouted' || input.routing === null) {
      if (!fromHold) changes.push({ ...base, to: 'on_hold', reason: reasonsOf(decision).join('; ') });
    } else if (decision.outcome === 'needs_approval') {
      changes.push({ ...base, via: toValidated, to: 'pending_approval', reason: reasonsOf(decision).join('; ') });
      approvals.push({ routing: input.routing, decision });
    } else {
      changes.push({ ...base, via: toValidated, to: 'approved', reason: 'straight through: every rule passed and no approval is required' });
      approved.push({ documentType: input.documentType, documentId: input.documentId });
    }
  }
  // The rows are locked above and nothing since changed their lifecycle: no second read.
  const moved = new Map((await transitionDocuments(trx, ctx, changes, now, { locked: found })).map((c) => [c.documentId, c.to]));
  if (approvals.length > 0) {
    await openApprovalRequests(trx, ctx, approvals.map(({ routing, decision }) => ({ facts: routing, route: decision.route, policyVersion: controls.policy!.version })), now);
  }
  lap('decide');
  await onDocumentApproved(trx, ctx, approved, now);
  lap('issue');
  for (const { input, decision } of decided) {
    results.push({ documentId: input.documentId, outcome: decision.outcome, lifecycle: moved.get(input.documentId) ?? input.lifecycle, reasons: reasonsOf(decision) });
  }
  return results;
}

/**
 * Decides one loaded document. One whose functional amount cannot be computed (no FX rate)
 * is validated as usual but cannot be routed: unless a rule blocks it, it is `unrouted`
 * and held, with a `master_data` exception naming the missing rate (see {@link problemsOf}).
 */
function decide(input: ControlsInput | UnroutableInput, controls: EffectiveControls, overridden: ReadonlySet<string> | undefined): ControlsDecision {
  if (input.routing !== null) {
    return decideControls(controls.ruleSet, controls.policy, { context: input.context, routing: input.routing, overriddenRuleIds: overridden });
  }
  const { outcomes, blocking } = decideRules(controls.ruleSet, input.context, overridden);
  const route: ApprovalRoute = { outcome: 'unrouted', required: true, routeId: null, reason: missingRateMessage(input.missingRate) };
  return { outcome: blocking.length > 0 ? 'blocked' : 'unrouted', outcomes, blocking, route };
}

const missingRateMessage = (rate: FxRateRequest): string =>
  `no FX rate converts ${rate.base} into ${rate.quote} on ${rate.date}, so the functional amount approval routing needs is unknown (enter one in fx-rates)`;

/** Rule ids whose exception on the document was resolved by override: their failure no longer blocks. */
async function loadOverriddenRules(trx: Trx, ids: readonly string[]): Promise<Map<string, Set<string>>> {
  const rows = await sql<{ documentId: string; ruleId: string }>`
    SELECT document_id AS "documentId", rule_id AS "ruleId" FROM exceptions
    WHERE document_id = ANY(${[...ids]}::text[]) AND resolution = 'overridden' AND rule_id IS NOT NULL`.execute(trx);
  const map = new Map<string, Set<string>>();
  for (const r of rows.rows) map.set(r.documentId, (map.get(r.documentId) ?? new Set()).add(r.ruleId));
  return map;
}

/**
 * Exceptions to open: every failed or errored rule not overridden; an unroutable approval
 * (`approval_delay`); a missing FX rate (`master_data`, naming the pair and date).
 */
function problemsOf(input: ControlsInput | UnroutableInput, decision: ControlsDecision, controls: EffectiveControls): FoundProblem[] {
  const base = { documentType: input.documentType, documentId: input.documentId, entityId: input.entityId };
  const problems: FoundProblem[] = [];
  for (const o of decision.outcomes) {
    if ((o.status !== 'failed' && o.status !== 'error') || o.overridden) continue;
    problems.push({
      ...base,
      category: o.category,
      ruleId: o.ruleId,
      ruleVersion: controls.ruleSet.version,
      severity: o.blocking ? 'block' : 'warn',
      title: o.status === 'error' ? `rule ${o.ruleId} could not run: ${o.message ?? ''}` : (o.message ?? o.ruleId),
      assigneeTeam: o.ownerQueue,
      details: { status: o.status, message: o.message, ruleSetVersion: controls.ruleSet.version },
    });
  }
  if (input.routing === null) {
    problems.push({
      ...base,
      category: 'master_data',
      ruleId: null,
      ruleVersion: null,
      severity: 'block',
      title: missingRateMessage(input.missingRate),
      assigneeTeam: 'master-data',
      details: { missingFxRate: { ...input.missingRate } },
    });
  } else if (decision.outcome === 'unrouted' && decision.route.outcome === 'unrouted') {
    problems.push({
      ...base,
      category: 'approval_delay',
      ruleId: null,
      ruleVersion: null,
      severity: 'block',
      title: `no approver can be found: ${decision.route.reason}`,
      assigneeTeam: 'controllers',
      details: { routeId: decision.route.routeId, policyVersion: controls.policy?.version ?? null },
    });
  }
  return problems;
}

/** Why, in words. */
function reasonsOf(decision: ControlsDecision): string[] {
  if (decision.outcome === 'blocked') return decision.blocking.map((o) => `${o.ruleId}: ${o.message ?? o.status}`);
  if (decision.route.outcome === 'needs_approval') {
    return [`approval route ${decision.route.routeId}: ${decision.route.steps.map((s) => s.name).join(', ')}`];
  }
  return [decision.route.reason];
}

/** The error `finalize` answers when the controls did not let the document through. */
export function notApproved(label: string, result: SubmitResult): AppError {
  const where = result.lifecycle === 'pending_approval' ? 'is waiting for approval' : result.lifecycle === 'on_hold' ? 'is on hold' : `is ${result.lifecycle}`;
  return new AppError('conflict', `${label} was not finalized: it ${where} (${result.reasons.join('; ')})`, {
    extensions: { lifecycle: result.lifecycle, outcome: result.outcome, reasons: result.reasons },
  });
}

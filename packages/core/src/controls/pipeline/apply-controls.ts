import type { Trx } from '../../db/transaction.ts';
import type { ActorContext } from '../../shared/context.ts';
import type { ApprovalRoute } from '../approvals/approval-policy.ts';
import type { RoutingFacts } from '../approvals/routing-facts.ts';
import { openApprovalRequests } from '../approvals/open-approval-request.ts';
import { recordDecisions, type DecisionInput } from '../lifecycle/record-decisions.ts';
import type { LifecycleChange } from '../lifecycle/transition-documents.ts';
import { decideControls, decideRules, type ControlsDecision } from './decide-controls.ts';
import { decisionTraceOf } from './decision-trace-of.ts';
import type { ControlsInput, UnroutableInput } from './load-controls-inputs.ts';
import type { EffectiveControls } from './load-effective-controls.ts';
import type { FxRateRequest } from './load-fx-rates.ts';
import { problemKey, raiseFoundProblems, resolveProblemsGone, type FoundProblem } from './sync-rule-exceptions.ts';

/** A loaded document and what the controls decided about it. */
export interface DecidedDocument {
  readonly input: ControlsInput | UnroutableInput;
  readonly decision: ControlsDecision;
}

/**
 * Runs the rule set and the approval policy on loaded documents (pure): `overrides` names,
 * per document, the rules whose exception was resolved by override.
 */
export function decideDocuments(
  inputs: readonly (ControlsInput | UnroutableInput)[],
  controls: EffectiveControls,
  overrides: ReadonlyMap<string, ReadonlySet<string>> = new Map(),
): DecidedDocument[] {
  return inputs.map((input) => ({ input, decision: decide(input, controls, overrides.get(input.documentId)) }));
}

/** Where the decided documents go next, before their decisions are recorded (`decisionId` not yet known). */
export interface ControlsMoves {
  /** One lifecycle change per document that moves (a document held again stays `on_hold`). */
  readonly changes: Omit<LifecycleChange, 'decisionId'>[];
  /** The documents that need approval, with their routing facts and route. */
  readonly approvals: { readonly routing: RoutingFacts; readonly decision: ControlsDecision }[];
  /** The documents that went straight through: approved now, to be issued. */
  readonly approved: { readonly documentType: ControlsInput['documentType']; readonly documentId: string }[];
}

/** The reason of a straight-through document's transitions. */
export const STRAIGHT_THROUGH_REASON = 'straight through: every rule passed and no approval is required';

/** Each decided document's decision trace (see {@link decisionTraceOf}), in order. */
export function decisionTracesOf(decided: readonly DecidedDocument[], controls: EffectiveControls): DecisionInput[][] {
  return decided.map(({ input, decision }) => decisionTraceOf(input, decision, controls));
}

/**
 * The lifecycle each decided document moves to (pure): a blocking failure or no route →
 * `on_hold`; needs approval → `validated` → `pending_approval`; otherwise `validated` →
 * `approved` (straight through).
 */
export function controlsMovesOf(decided: readonly DecidedDocument[]): ControlsMoves {
  const moves: ControlsMoves = { changes: [], approvals: [], approved: [] };
  for (const { input, decision } of decided) {
    const base = { documentType: input.documentType, documentId: input.documentId };
    const fromHold = input.lifecycle === 'on_hold';
    const toValidated = input.lifecycle === 'validated' ? [] : (['validated'] as const);
    if (decision.outcome === 'blocked' || decision.outcome === 'unrouted' || input.routing === null) {
      if (!fromHold) moves.changes.push({ ...base, to: 'on_hold', reason: reasonsOf(decision).join('; ') });
    } else if (decision.outcome === 'needs_approval') {
      moves.changes.push({ ...base, via: toValidated, to: 'pending_approval', reason: reasonsOf(decision).join('; ') });
      moves.approvals.push({ routing: input.routing, decision });
    } else {
      moves.changes.push({ ...base, via: toValidated, to: 'approved', reason: STRAIGHT_THROUGH_REASON });
      moves.approved.push(base);
    }
  }
  return moves;
}

/**
 * Records what the controls decided, inside the caller's transaction: the decision trace
 * (`traces`, when the caller has them already: {@link decisionTracesOf} of `decided`),
 * an exception for each problem found and — for documents decided before
 * (`resolveGone`) — a resolution for each exception no longer found. Returns each
 * document's validation decision id (the decision its lifecycle change names).
 */
export async function recordControlsDecisions(
  trx: Trx,
  ctx: ActorContext,
  decided: readonly DecidedDocument[],
  controls: EffectiveControls,
  now: Date,
  options: { resolveGone: boolean; traces?: readonly DecisionInput[][] },
): Promise<Map<string, string>> {
  const traces = options.traces ?? decisionTracesOf(decided, controls);
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
  if (options.resolveGone) await resolveProblemsGone(trx, ctx, decided.map((d) => d.input.documentId), new Set(problems.map(problemKey)), now);
  return validationDecision;
}

/** Opens an approval request, under the policy in force, for each document the controls sent for approval. */
export async function openRoutedApprovals(trx: Trx, ctx: ActorContext, approvals: ControlsMoves['approvals'], controls: EffectiveControls, now: Date): Promise<void> {
  if (approvals.length === 0) return;
  await openApprovalRequests(trx, ctx, approvals.map(({ routing, decision }) => ({ facts: routing, route: decision.route, policyVersion: controls.policy!.version })), now);
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
export function reasonsOf(decision: ControlsDecision): string[] {
  if (decision.outcome === 'blocked') return decision.blocking.map((o) => `${o.ruleId}: ${o.message ?? o.status}`);
  if (decision.route.outcome === 'needs_approval') {
    return [`approval route ${decision.route.routeId}: ${decision.route.steps.map((s) => s.name).join(', ')}`];
  }
  return [decision.route.reason];
}


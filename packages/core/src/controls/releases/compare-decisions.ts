import type { ApprovalRoute, Candidate } from '../approvals/approval-policy.ts';
import type { ControlsDecision, ControlsOutcome } from '../pipeline/decide-controls.ts';
import type { RuleOutcomeStatus } from '../rules/evaluate-rules.ts';

/**
 * How a document's decision changes from the version in force to the draft, most
 * significant first: `newly_blocked` / `newly_passing` (blocked or not); `route_changed`
 * (another outcome among straight-through, needs approval and unrouted, or another route,
 * other approvers or steps — for a blocked document too, since it routes once its
 * exceptions are resolved); `rules_changed` (still blocked or still passing, but other rules
 * fail — other exceptions would be raised).
 */
export type DecisionChangeKind = 'newly_blocked' | 'newly_passing' | 'route_changed' | 'rules_changed';

/** One side of a comparison, as a person reads it. */
export interface DecisionSummary {
  readonly outcome: ControlsOutcome;
  /** Rules that block (failed block rules and errors). */
  readonly blockingRules: string[];
  /** Every rule that failed or errored, blocking or not. */
  readonly failedRules: string[];
  readonly routeId: string | null;
  /** The steps and their approvers, one line each: `1. Controller review (any): role controller`. */
  readonly approvers: string[];
}

/** A rule whose result differs between the two versions (null: the rule is not in that version). */
export interface RuleDifference {
  readonly ruleId: string;
  readonly before: RuleOutcomeStatus | null;
  readonly after: RuleOutcomeStatus | null;
  readonly blockingBefore: boolean;
  readonly blockingAfter: boolean;
  /** The failure message of the side where it fails (the draft's when both do). */
  readonly message: string | null;
}

/** The difference for one document, or none. */
export interface DecisionChange {
  readonly change: DecisionChangeKind;
  readonly before: DecisionSummary;
  readonly after: DecisionSummary;
  /** The rules that made the difference. */
  readonly rules: RuleDifference[];
}

const FAILING: ReadonlySet<RuleOutcomeStatus> = new Set(['failed', 'error']);

function describeCandidate(candidate: Candidate): string {
  const who = candidate.kind === 'user' ? `user ${candidate.userId}` : `role ${candidate.role}`;
  return candidate.via === 'user' || candidate.via === 'role' ? who : `${who} (${candidate.via.replaceAll('_', ' ')})`;
}

/** Steps as lines, in stage order; parallel steps share a stage number. */
function approverLines(route: ApprovalRoute): string[] {
  if (route.outcome !== 'needs_approval') return [];
  return route.steps.map((step) => `${step.stage + 1}. ${step.name} (${step.mode}): ${step.candidates.map(describeCandidate).join(', ')}`);
}

/** A decision as a person reads it in a simulation. */
export function summarizeDecision(decision: ControlsDecision): DecisionSummary {
  return {
    outcome: decision.outcome,
    blockingRules: decision.blocking.map((o) => o.ruleId),
    failedRules: decision.outcomes.filter((o) => FAILING.has(o.status)).map((o) => o.ruleId),
    routeId: decision.route.routeId,
    approvers: approverLines(decision.route),
  };
}

const same = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((v, i) => v === b[i]);

/** Rules whose status or blocking differs, in the draft's order, then the rules the draft dropped. */
function ruleDifferences(before: ControlsDecision, after: ControlsDecision): RuleDifference[] {
  const old = new Map(before.outcomes.map((o) => [o.ruleId, o]));
  const seen = new Set<string>();
  const out: RuleDifference[] = [];
  for (const o of after.outcomes) {
    seen.add(o.ruleId);
    const was = old.get(o.ruleId);
    const failsNow = FAILING.has(o.status);
    const failedThen = was !== undefined && FAILING.has(was.status);
    if (failsNow === failedThen && (was?.blocking ?? false) === o.blocking) continue;
    out.push({ ruleId: o.ruleId, before: was?.status ?? null, after: o.status, blockingBefore: was?.blocking ?? false, blockingAfter: o.blocking, message: failsNow ? o.message : (was?.message ?? null) });
  }
  for (const was of before.outcomes) {
    if (seen.has(was.ruleId) || !FAILING.has(was.status)) continue;
    out.push({ ruleId: was.ruleId, before: was.status, after: null, blockingBefore: was.blocking, blockingAfter: false, message: was.message });
  }
  return out;
}

/**
 * What changes for one document between the decision under the version in force and under
 * the draft, or null when nothing a person would notice does (same outcome, same failing
 * rules, same route and approvers). Pure.
 */
export function compareDecisions(before: ControlsDecision, after: ControlsDecision): DecisionChange | null {
  const a = summarizeDecision(before);
  const b = summarizeDecision(after);
  const wasBlocked = a.outcome === 'blocked';
  const isBlocked = b.outcome === 'blocked';
  let change: DecisionChangeKind | null = null;
  if (!wasBlocked && isBlocked) change = 'newly_blocked';
  else if (wasBlocked && !isBlocked) change = 'newly_passing';
  // Also for a document blocked either way: its route applies once its exceptions are resolved.
  else if (a.outcome !== b.outcome || a.routeId !== b.routeId || !same(a.approvers, b.approvers)) change = 'route_changed';
  else if (!same(a.failedRules, b.failedRules) || !same(a.blockingRules, b.blockingRules)) change = 'rules_changed';
  if (change === null) return null;
  return { change, before: a, after: b, rules: ruleDifferences(before, after) };
}

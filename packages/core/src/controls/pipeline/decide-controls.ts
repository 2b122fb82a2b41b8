import { routeDocument, type ApprovalPolicy, type ApprovalRoute } from '../approvals/approval-policy.ts';
import type { RoutingFacts } from '../approvals/routing-facts.ts';
import { buildRuleContext, type RuleContextInput } from '../rules/build-rule-context.ts';
import { evaluateRules, type RuleEvaluation, type RuleOutcome } from '../rules/evaluate-rules.ts';
import type { ValidationRule } from '../rules/validation-rule.ts';

/** The rule set in force: its published version (null: none published, so no rules). */
export interface EffectiveRuleSet {
  readonly version: number | null;
  readonly rules: readonly ValidationRule[];
}

/** The approval policy in force (none: nothing needs approval). */
export interface EffectivePolicy {
  readonly version: number;
  readonly policy: ApprovalPolicy;
}

/** What deciding needs about one document (the rule context and the routing facts). */
export interface DecisionInputs {
  readonly context: RuleContextInput;
  readonly routing: RoutingFacts;
  /** Rules whose exception on this document was overridden: their failure no longer blocks. */
  readonly overriddenRuleIds?: ReadonlySet<string>;
}

/**
 * - `blocked`: a blocking rule failed (or failed to run) and was not overridden;
 * - `unrouted`: approval is needed but no route or approver fits (the policy has a gap);
 * - `needs_approval`: the policy routes it to approvers;
 * - `straight_through`: it passes every rule and needs no approval.
 */
export type ControlsOutcome = 'blocked' | 'unrouted' | 'needs_approval' | 'straight_through';

/** An outcome as the trace keeps it: the rule outcome, and whether an override lifted its block. */
export interface TracedRuleOutcome extends RuleOutcome {
  readonly overridden: boolean;
}

export interface ControlsDecision {
  readonly outcome: ControlsOutcome;
  readonly outcomes: readonly TracedRuleOutcome[];
  /** The rule outcomes that block (failed block rules and errors, not overridden). */
  readonly blocking: readonly TracedRuleOutcome[];
  /** The routing decision (computed even when blocked, so a simulation can compare approvers). */
  readonly route: ApprovalRoute;
}

const NO_APPROVAL: ApprovalRoute = { outcome: 'straight_through', required: false, routeId: null, reason: 'no approval policy is in force' };

/**
 * Decides one document: rules first, then routing. Pure and deterministic — the same
 * inputs and the same rule set and policy versions give the same decision — which is
 * what lets a draft rule set be simulated against stored documents.
 */
export function decideControls(ruleSet: EffectiveRuleSet, policy: EffectivePolicy | null, inputs: DecisionInputs): ControlsDecision {
  const { outcomes, blocking } = decideRules(ruleSet, inputs.context, inputs.overriddenRuleIds);
  const route = policy === null ? NO_APPROVAL : routeDocument(policy.policy, inputs.routing);
  const outcome: ControlsOutcome =
    blocking.length > 0 ? 'blocked' : route.outcome === 'unrouted' ? 'unrouted' : route.outcome === 'needs_approval' ? 'needs_approval' : 'straight_through';
  return { outcome, outcomes, blocking, route };
}

/**
 * The rule half of {@link decideControls}: every rule's outcome on the document, an
 * overridden failure no longer blocking, and the outcomes that block. For documents that
 * cannot be routed at all (no FX rate for their functional amount).
 */
export function decideRules(
  ruleSet: EffectiveRuleSet,
  context: RuleContextInput,
  overridden: ReadonlySet<string> | undefined,
): Pick<ControlsDecision, 'outcomes' | 'blocking'> {
  const evaluation: RuleEvaluation = evaluateRules(ruleSet.rules, buildRuleContext(context));
  const outcomes: TracedRuleOutcome[] = [];
  const blocking: TracedRuleOutcome[] = [];
  for (const o of evaluation.outcomes) {
    const lifted = o.blocking && o.status === 'failed' && overridden !== undefined && overridden.has(o.ruleId);
    const traced: TracedRuleOutcome = {
      ruleId: o.ruleId,
      ruleVersion: o.ruleVersion,
      status: o.status,
      severity: o.severity,
      category: o.category,
      ownerQueue: o.ownerQueue,
      blocking: o.blocking && !lifted,
      message: o.message,
      overridden: lifted,
    };
    outcomes.push(traced);
    if (traced.blocking) blocking.push(traced);
  }
  return { outcomes, blocking };
}

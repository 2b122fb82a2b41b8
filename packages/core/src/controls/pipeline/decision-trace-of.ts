import { createHash } from 'node:crypto';
import { canonicalJson } from '../../audit/canonical-json.ts';
import type { DecisionInput } from '../lifecycle/record-decisions.ts';
import type { ControlsDecision, TracedRuleOutcome } from './decide-controls.ts';
import type { ControlsInput, UnroutableInput } from './load-controls-inputs.ts';
import type { EffectiveControls } from './load-effective-controls.ts';

/**
 * The decisions one document's controls run records (docs/controls-lifecycle.md, "The
 * decision trace"): validation always; then, unless blocked, the routing decision — kind
 * `straight_through` when the policy needs no approval (that routing verdict is what lets
 * the document through with no human touch), `routing` when it routes to approvers or
 * cannot route. The routing facts are the decision's inputs, without the document, type
 * and entity, which are the row's own columns.
 */
export function decisionTraceOf(input: ControlsInput | UnroutableInput, decision: ControlsDecision, controls: EffectiveControls): DecisionInput[] {
  const { documentType, documentId, entityId } = input;
  const trace: DecisionInput[] = [{
    documentType,
    documentId,
    entityId,
    kind: 'validation',
    policyKind: 'rule_set',
    policyVersion: controls.ruleSet.version,
    outcome: decision.outcome === 'blocked' ? 'blocked' : 'passed',
    inputs: validationInputs(input, decision),
    result: compactOutcomes(decision),
  }];
  if (decision.outcome === 'blocked') return trace;
  trace.push({
    documentType,
    documentId,
    entityId,
    kind: decision.outcome === 'straight_through' ? 'straight_through' : 'routing',
    policyKind: 'approval_policy',
    policyVersion: controls.policy?.version ?? null,
    outcome: decision.route.outcome,
    inputs: routingInputs(input, controls),
    result: decision.route as unknown as Record<string, unknown>,
  });
  return trace;
}

/** The routing facts a routing decision saw (amounts as digit strings, so the trace serializes without a bigint replacer). */
function routingInputs(input: ControlsInput | UnroutableInput, controls: EffectiveControls): Record<string, unknown> {
  const ruleSetVersion = controls.ruleSet.version;
  if (input.routing === null) return { ruleSetVersion, missingFxRate: { ...input.missingRate } };
  const { documentType: _type, documentId: _id, entityId: _entity, ...facts } = input.routing;
  return { ruleSetVersion, ...facts, functionalAmountMinor: facts.functionalAmountMinor.toString() };
}

/**
 * What the validation decision keeps of its inputs. When a rule failed, errored or was
 * overridden on the document: the whole rule context, so the trace shows exactly what the
 * rule saw. When every rule passed (or did not apply): the context's SHA-256 fingerprint
 * (over its canonical JSON) — the same context rebuilt later, for a replay or an audit,
 * must give the same fingerprint. This keeps the trace of a bill run's clean majority small.
 */
function validationInputs(input: ControlsInput | UnroutableInput, decision: ControlsDecision): Record<string, unknown> {
  const clean = decision.outcomes.every((o) => o.status === 'passed' || o.status === 'not_applicable');
  if (!clean) return { asOf: input.context.asOf, context: input.context };
  return { asOf: input.context.asOf, contextSha256: createHash('sha256').update(canonicalJson(input.context)).digest('hex') };
}

/**
 * Rule outcomes as the trace keeps them: every outcome that is not a plain pass in full
 * (failed, error, overridden), and the ids of the rules that passed or did not apply.
 */
function compactOutcomes(decision: ControlsDecision): Record<string, unknown> {
  const passed: string[] = [];
  const notApplicable: string[] = [];
  const outcomes: TracedRuleOutcome[] = [];
  for (const o of decision.outcomes) {
    if (o.status === 'passed') passed.push(o.ruleId);
    else if (o.status === 'not_applicable') notApplicable.push(o.ruleId);
    else outcomes.push(o);
  }
  return { outcomes, passed, notApplicable };
}

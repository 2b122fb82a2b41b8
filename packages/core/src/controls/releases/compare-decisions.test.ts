import { describe, expect, it } from 'vitest';
import type { ApprovalRoute } from '../approvals/approval-policy.ts';
import type { ControlsDecision, TracedRuleOutcome } from '../pipeline/decide-controls.ts';
import type { RuleOutcomeStatus } from '../rules/evaluate-rules.ts';
import { compareDecisions } from './compare-decisions.ts';

const outcome = (ruleId: string, status: RuleOutcomeStatus, severity: 'block' | 'warn' = 'block'): TracedRuleOutcome => ({
  ruleId,
  ruleVersion: 1,
  status,
  severity,
  category: 'po_reference',
  ownerQueue: 'billing',
  blocking: status === 'error' || (status === 'failed' && severity === 'block'),
  message: status === 'failed' ? `${ruleId} failed` : null,
  overridden: false,
});

const STRAIGHT: ApprovalRoute = { outcome: 'straight_through', required: false, routeId: 'small', reason: 'the route has no steps' };
const approval = (routeId: string, who: string): ApprovalRoute => ({
  outcome: 'needs_approval',
  required: true,
  routeId,
  description: routeId,
  steps: [{ stage: 0, position: 0, name: 'Review', mode: 'any', slaHours: 24, candidates: [{ kind: 'user', userId: who, via: 'user' }] }],
  settings: { approverMayPost: true, reminderHours: 24, escalateTo: { role: 'controller' } },
});

function decision(outcomes: TracedRuleOutcome[], route: ApprovalRoute = STRAIGHT): ControlsDecision {
  const blocking = outcomes.filter((o) => o.blocking);
  const result = blocking.length > 0 ? 'blocked' : route.outcome;
  return { outcome: result, outcomes, blocking, route };
}

describe('compareDecisions', () => {
  it.each([
    ['nothing changes', decision([outcome('a', 'passed')]), decision([outcome('a', 'passed')]), null, []],
    ['a new block rule fails', decision([outcome('a', 'passed')]), decision([outcome('a', 'passed'), outcome('b', 'failed')]), 'newly_blocked', ['b']],
    ['a rule becomes a warning', decision([outcome('a', 'failed')]), decision([outcome('a', 'failed', 'warn')]), 'newly_passing', ['a']],
    ['the failing rule is removed', decision([outcome('a', 'failed')]), decision([]), 'newly_passing', ['a']],
    ['a rule now errors', decision([outcome('a', 'passed')]), decision([outcome('a', 'error')]), 'newly_blocked', ['a']],
    ['blocked by another rule', decision([outcome('a', 'failed'), outcome('b', 'passed')]), decision([outcome('a', 'passed'), outcome('b', 'failed')]), 'rules_changed', ['a', 'b']],
    ['a new warning only', decision([outcome('w', 'passed', 'warn')]), decision([outcome('w', 'failed', 'warn')]), 'rules_changed', ['w']],
    ['now needs approval', decision([], STRAIGHT), decision([], approval('large', 'usr_cfo')), 'route_changed', []],
    ['another approver', decision([], approval('large', 'usr_ann')), decision([], approval('large', 'usr_cfo')), 'route_changed', []],
    ['a blocked document with another route', decision([outcome('a', 'failed')], STRAIGHT), decision([outcome('a', 'failed')], approval('large', 'usr_cfo')), 'route_changed', []],
  ])('%s → %s', (_name, before, after, change, rules) => {
    const result = compareDecisions(before, after);
    expect(result?.change ?? null).toBe(change);
    expect(result?.rules.map((r) => r.ruleId) ?? []).toEqual(rules);
  });

  it('shows both sides as a person reads them: outcome, failing rules, route and approvers', () => {
    const result = compareDecisions(decision([outcome('a', 'passed')], STRAIGHT), decision([outcome('a', 'failed')], approval('large', 'usr_cfo')))!;
    expect(result).toEqual({
      change: 'newly_blocked',
      before: { outcome: 'straight_through', blockingRules: [], failedRules: [], routeId: 'small', approvers: [] },
      after: { outcome: 'blocked', blockingRules: ['a'], failedRules: ['a'], routeId: 'large', approvers: ['1. Review (any): user usr_cfo'] },
      rules: [{ ruleId: 'a', before: 'passed', after: 'failed', blockingBefore: false, blockingAfter: true, message: 'a failed' }],
    });
  });
});

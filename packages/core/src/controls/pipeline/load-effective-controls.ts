import type { Db } from '../../db/transaction.ts';
import type { ApprovalPolicy } from '../approvals/approval-policy.ts';
import { getEffectiveRelease } from '../releases/get-effective-release.ts';
import type { RuleSetContent } from '../releases/parse-rule-set-content.ts';
import type { EffectivePolicy, EffectiveRuleSet } from './decide-controls.ts';

/** The rule set and approval policy in force at one time. */
export interface EffectiveControls {
  readonly ruleSet: EffectiveRuleSet;
  readonly policy: EffectivePolicy | null;
}

/** No rule set published: no rules run. */
const NO_RULES: EffectiveRuleSet = { version: null, rules: [] };

/**
 * The published rule set and approval policy in force at `at` (docs/rule-releases.md),
 * through the release store: for each kind, the published version with the latest
 * effective time not after `at`, its content parsed once per version. Without a published
 * rule set no rules run; without a policy nothing needs approval.
 */
export async function loadEffectiveControls(db: Db, at: Date): Promise<EffectiveControls> {
  const rules = await getEffectiveRelease(db, 'rule_set', at);
  const policy = await getEffectiveRelease(db, 'approval_policy', at);
  return {
    ruleSet: rules ? { version: rules.version, rules: (rules.content as unknown as RuleSetContent).rules } : NO_RULES,
    policy: policy ? { version: policy.version, policy: policy.content as unknown as ApprovalPolicy } : null,
  };
}

/** True when nothing is in force: every document passes straight through. */
export function controlsAreEmpty(controls: EffectiveControls): boolean {
  return controls.ruleSet.rules.length === 0 && controls.policy === null;
}

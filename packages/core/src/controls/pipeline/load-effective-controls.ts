import { sql } from 'kysely';
import type { Db } from '../../db/transaction.ts';
import { approvalPolicySchema } from '../approvals/approval-policy.ts';
import { ruleSetContentSchema } from '../releases/parse-rule-set-content.ts';
import type { EffectivePolicy, EffectiveRuleSet } from './decide-controls.ts';

/** The rule set and approval policy in force at one time. */
export interface EffectiveControls {
  readonly ruleSet: EffectiveRuleSet;
  readonly policy: EffectivePolicy | null;
}

/** No rule set published: no rules run. */
const NO_RULES: EffectiveRuleSet = { version: null, rules: [] };

async function publishedBody(db: Db, kind: string, at: Date): Promise<{ version: number; body: unknown } | undefined> {
  const row = await sql<{ version: number; body: unknown }>`
    SELECT version, body FROM control_releases
    WHERE kind = ${kind} AND status = 'published' AND effective_from <= ${at}
    ORDER BY effective_from DESC, version DESC LIMIT 1`.execute(db);
  return row.rows[0];
}

/**
 * The published rule set and approval policy in force at `at` (docs/rule-releases.md):
 * for each kind, the published version with the latest effective time not after `at`.
 * Without a published rule set no rules run; without a policy nothing needs approval.
 * Bodies were checked at save and publish; they are parsed again so a row edited behind
 * the application's back fails loudly instead of deciding on a wrong shape.
 */
export async function loadEffectiveControls(db: Db, at: Date): Promise<EffectiveControls> {
  const [rules, policy] = [await publishedBody(db, 'rule_set', at), await publishedBody(db, 'approval_policy', at)];
  return {
    ruleSet: rules ? { version: rules.version, rules: ruleSetContentSchema.parse(rules.body).rules } : NO_RULES,
    policy: policy ? { version: policy.version, policy: approvalPolicySchema.parse(policy.body) } : null,
  };
}

/** True when nothing is in force: every document passes straight through. */
export function controlsAreEmpty(controls: EffectiveControls): boolean {
  return controls.ruleSet.rules.length === 0 && controls.policy === null;
}

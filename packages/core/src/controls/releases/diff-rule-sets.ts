import type { ValidationRule } from '../rules/validation-rule.ts';
import type { RuleFieldChange, RuleSetDiff } from './release-diff.ts';

/** Fields in the order a person reads a rule; `id` matches rules, so it never "changes". */
const RULE_FIELDS = ['version', 'description', 'severity', 'category', 'ownerQueue', 'documentTypes', 'when', 'condition', 'message'] as const;

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Rules added, removed and changed from `before` to `after`, matched by id; a changed rule
 * lists each changed field with its old and new value (null for an absent `when` or
 * `version`). `reordered` says whether the rules both versions share run in another order.
 * Pure.
 */
export function diffRuleSets(before: readonly ValidationRule[], after: readonly ValidationRule[]): RuleSetDiff {
  const oldById = new Map(before.map((rule) => [rule.id, rule]));
  const newIds = new Set(after.map((rule) => rule.id));
  const changed: { ruleId: string; changes: RuleFieldChange[] }[] = [];
  let unchanged = 0;
  for (const rule of after) {
    const old = oldById.get(rule.id);
    if (old === undefined) continue;
    const changes = RULE_FIELDS
      .filter((field) => !same(old[field] ?? null, rule[field] ?? null))
      .map((field) => ({ field, old: old[field] ?? null, new: rule[field] ?? null }));
    if (changes.length > 0) changed.push({ ruleId: rule.id, changes });
    else unchanged += 1;
  }
  const sharedBefore = before.filter((rule) => newIds.has(rule.id)).map((rule) => rule.id);
  const sharedAfter = after.filter((rule) => oldById.has(rule.id)).map((rule) => rule.id);
  return {
    type: 'rule_set',
    added: after.filter((rule) => !oldById.has(rule.id)),
    removed: before.filter((rule) => !newIds.has(rule.id)),
    changed,
    reordered: !same(sharedBefore, sharedAfter),
    unchanged,
  };
}

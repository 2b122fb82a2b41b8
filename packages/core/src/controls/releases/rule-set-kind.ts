import type { EffectiveControls } from '../pipeline/load-effective-controls.ts';
import { diffRuleSets } from './diff-rule-sets.ts';
import { parseRuleSetContent, type RuleSetContent } from './parse-rule-set-content.ts';

/** `rule_set`: validation rules (docs/validation-rules.md), checked at save down to each CEL expression. */
export const ruleSetKind = {
  kind: 'rule_set',
  description: 'Validation rules: CEL expressions run against every document before posting',
  parseContent: (value: unknown, basePath: string): RuleSetContent => parseRuleSetContent(value, basePath),
  emptyContent: (): RuleSetContent => ({ rules: [] }),
  diff: (from: RuleSetContent, to: RuleSetContent) => diffRuleSets(from.rules, to.rules),
  applyToControls: (controls: EffectiveControls, content: RuleSetContent, version: number): EffectiveControls => ({ ...controls, ruleSet: { version, rules: content.rules } }),
} as const;

import type { ValidationRule } from '../rules/validation-rule.ts';

/** One changed field of a rule: its value in the older and in the newer version (null when absent). */
export interface RuleFieldChange {
  readonly field: string;
  readonly old: unknown;
  readonly new: unknown;
}

/** Rules added, removed and changed between two rule set versions, matched by rule id. */
export interface RuleSetDiff {
  readonly type: 'rule_set';
  readonly added: readonly ValidationRule[];
  readonly removed: readonly ValidationRule[];
  readonly changed: readonly { readonly ruleId: string; readonly changes: readonly RuleFieldChange[] }[];
  /** True when the rules both versions share run in a different order (outcomes keep rule order). */
  readonly reordered: boolean;
  readonly unchanged: number;
}

/** One difference at a JSON pointer: a value added, removed, changed, or an id-matched element moved. */
export interface JsonChange {
  readonly path: string;
  readonly change: 'added' | 'removed' | 'changed' | 'moved';
  readonly old?: unknown;
  readonly new?: unknown;
}

/** A structural diff (approval policies, and any kind without a diff of its own). */
export interface StructuralDiff {
  readonly type: 'structural';
  readonly changes: readonly JsonChange[];
}

/** What a kind's diff gives: rule-by-rule for rule sets, structural otherwise. */
export type ReleaseBodyDiff = RuleSetDiff | StructuralDiff;

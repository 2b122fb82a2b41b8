import { describe, expect, it } from 'vitest';
import type { ValidationRule } from '../rules/validation-rule.ts';
import { describeReleaseDiff } from './describe-release-diff.ts';
import { diffRuleSets } from './diff-rule-sets.ts';

const rule = (id: string, changes: Partial<ValidationRule> = {}): ValidationRule => ({
  id,
  version: 1,
  description: `checks ${id}`,
  severity: 'block',
  category: 'master_data',
  ownerQueue: 'master-data',
  documentTypes: ['invoice'],
  condition: 'false',
  message: 'failed',
  ...changes,
});

describe('diffRuleSets', () => {
  it.each([
    ['no change', [rule('a'), rule('b')], [rule('a'), rule('b')], { added: [], removed: [], changed: [], reordered: false, unchanged: 2 }],
    ['a rule added', [rule('a')], [rule('a'), rule('b')], { added: [rule('b')], removed: [], changed: [], reordered: false, unchanged: 1 }],
    ['a rule removed', [rule('a'), rule('b')], [rule('b')], { added: [], removed: [rule('a')], changed: [], reordered: false, unchanged: 1 }],
    ['severity and condition changed', [rule('a')], [rule('a', { severity: 'warn', condition: 'true', version: 2 })], {
      added: [],
      removed: [],
      changed: [{ ruleId: 'a', changes: [
        { field: 'version', old: 1, new: 2 },
        { field: 'severity', old: 'block', new: 'warn' },
        { field: 'condition', old: 'false', new: 'true' },
      ] }],
      reordered: false,
      unchanged: 0,
    }],
    ['a when added (absent is null)', [rule('a')], [rule('a', { when: 'party.poRequired' })], {
      added: [], removed: [], changed: [{ ruleId: 'a', changes: [{ field: 'when', old: null, new: 'party.poRequired' }] }], reordered: false, unchanged: 0,
    }],
    ['document types extended', [rule('a')], [rule('a', { documentTypes: ['invoice', 'credit_memo'] })], {
      added: [], removed: [], changed: [{ ruleId: 'a', changes: [{ field: 'documentTypes', old: ['invoice'], new: ['invoice', 'credit_memo'] }] }], reordered: false, unchanged: 0,
    }],
    ['the same rules in another order', [rule('a'), rule('b')], [rule('b'), rule('a')], { added: [], removed: [], changed: [], reordered: true, unchanged: 2 }],
    ['a rule added in between is not a reorder', [rule('a'), rule('c')], [rule('a'), rule('b'), rule('c')], { added: [rule('b')], removed: [], changed: [], reordered: false, unchanged: 2 }],
  ])('%s', (_name, before, after, expected) => {
    expect(diffRuleSets(before, after)).toEqual({ type: 'rule_set', ...expected });
  });

  it('reads as a review: added, removed, changed fields old → new', () => {
    const diff = diffRuleSets(
      [rule('custom.old'), rule('custom.kept'), rule('custom.tuned')],
      [rule('custom.kept'), rule('custom.tuned', { severity: 'warn', ownerQueue: 'billing' }), rule('custom.new', { category: 'po_reference', ownerQueue: 'billing' })],
    );
    expect(describeReleaseDiff(diff)).toEqual([
      '+ rule custom.new (block, po_reference → billing): checks custom.new',
      '- rule custom.old (block, master_data): checks custom.old',
      '~ rule custom.tuned: severity "block" → "warn"',
      '~ rule custom.tuned: ownerQueue "master-data" → "billing"',
    ]);
    expect(describeReleaseDiff(diffRuleSets([rule('a')], [rule('a')]))).toEqual(['no changes']);
    expect(describeReleaseDiff(diffRuleSets([rule('a'), rule('b')], [rule('b'), rule('a')]))).toEqual(['↕ the rules run in a different order']);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { BUILTIN_RULES } from './builtin-rules.ts';
import { evaluateRules } from './evaluate-rules.ts';
import type { RuleContext } from './rule-context.ts';
import { contextWith, linesWith } from './rule-test-context.ts';
import type { ValidationRule } from './validation-rule.ts';

const rule = (id: string, changes: Partial<ValidationRule>): ValidationRule => ({
  id,
  description: 'test rule',
  severity: 'warn',
  category: 'anomaly',
  ownerQueue: 'billing',
  documentTypes: ['invoice'],
  condition: 'false',
  message: 'failed',
  ...changes,
});

afterEach(() => {
  vi.useRealTimers();
});

describe('evaluateRules', () => {
  it('turns a run-time failure into a blocking error outcome, even for a warn rule, and runs the other rules', () => {
    const rules = [
      rule('test.per_duplicate', { condition: 'document.totalMinor / history.sameAmountCount > 0' }),
      rule('test.passes', {}),
    ];
    const result = evaluateRules(rules, contextWith());
    expect(result.outcomes).toEqual([
      { ruleId: 'test.per_duplicate', ruleVersion: null, status: 'error', severity: 'warn', category: 'anomaly', ownerQueue: 'billing', blocking: true, message: 'condition at line 1, column 1: division by zero' },
      { ruleId: 'test.passes', ruleVersion: null, status: 'passed', severity: 'warn', category: 'anomaly', ownerQueue: 'billing', blocking: false, message: null },
    ]);
    expect(result.blocked).toBe(true);
  });

  it.each([
    ['a bad decimal in the data', rule('builtin.price', { condition: BUILTIN_RULES.find((r) => r.id === 'builtin.price_differs_from_contract')!.condition }), { lines: linesWith(1, { unitPrice: '1,5' }) }, 'condition at line 1, column 1: exceedsTolerance: "1,5" is not a decimal number'],
    ['an integer overflow', rule('test.overflow', { condition: 'document.totalMinor * 9223372036854775807 > 0' }), {}, 'condition at line 1, column 1: integer overflow: 1646371908578577481549500'],
    ['an index out of range in `when`', rule('test.when', { when: 'lines[5].kind == "usage"' }), {}, 'when at line 1, column 1: No such key: index out of bounds, index 5 >= size 2'],
    ['a non-bool result of a dyn expression', rule('test.dyn', { condition: 'dyn(document.totalMinor)' }), {}, 'condition returned int, not a bool'],
    ['a failing message placeholder', rule('test.message', { condition: 'true', message: 'Third line: {{ lines[2].description }}' }), {}, 'message at line 1, column 16: No such key: index out of bounds, index 2 >= size 2'],
  ] as const)('reports %s with the field and position', (_name, failing, changes, message) => {
    expect(evaluateRules([failing], contextWith(changes)).outcomes[0]).toMatchObject({ status: 'error', blocking: true, message });
  });

  it('is not applicable when the document type is not listed or `when` is false, without evaluating the condition', () => {
    const boom = 'document.totalMinor / 0 > 0';
    const outcomes = evaluateRules(
      [rule('test.memos_only', { documentTypes: ['credit_memo'], condition: boom }), rule('test.when_false', { when: 'party.segment == "smb"', condition: boom })],
      contextWith(),
    ).outcomes;
    expect(outcomes.map((o) => [o.status, o.blocking, o.message])).toEqual([['not_applicable', false, null], ['not_applicable', false, null]]);
  });

  it('blocks only for failed block rules; a failed warn rule raises an exception but lets the document pass', () => {
    const warn = rule('test.warn', { condition: 'true', message: 'PO {{ document.poNumber }}, {{ size(lines) }} lines, unlimited: {{ usage.map(u, u.unlimited) }}' });
    const result = evaluateRules([warn], contextWith());
    expect(result).toEqual({ outcomes: [expect.objectContaining({ status: 'failed', blocking: false, message: 'PO PO-7, 2 lines, unlimited: false' })], blocked: false });
    expect(evaluateRules([{ ...warn, id: 'test.block', severity: 'block' }], contextWith()).blocked).toBe(true);
  });

  it('gives identical output for the same rules and context, whatever the clock says', () => {
    const changes = { document: { poNumber: null, taxStatus: 'failed', taxError: 'no rate' }, lines: linesWith(2, { glAccount: null }) } as const;
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
    const first = evaluateRules(BUILTIN_RULES, contextWith(changes));
    vi.setSystemTime(new Date('2031-06-30T23:59:59Z'));
    const second = evaluateRules(BUILTIN_RULES, contextWith(changes));
    expect(second).toEqual(first);
    expect(first.outcomes.map((o) => o.ruleId)).toEqual(BUILTIN_RULES.map((r) => r.id));
    expect(first.outcomes.filter((o) => o.status === 'failed').map((o) => o.ruleId)).toEqual([
      'builtin.po_missing', 'builtin.po_differs_from_contract', 'builtin.gl_account_missing', 'builtin.tax_calculation_failed',
    ]);
  });

  it('refuses two rules with one id, and a context whose ints are not 64-bit bigints', () => {
    expect(() => evaluateRules([rule('test.a', {}), rule('test.a', {})], contextWith())).toThrow('rule test.a appears twice in the rule set');
    const context = contextWith();
    const floatMoney = { ...context, document: { ...context.document, totalMinor: 1785 } } as unknown as RuleContext;
    expect(() => evaluateRules([rule('test.a', {})], floatMoney)).toThrow('rule context: document.totalMinor must be a bigint (CEL int), got number');
    const hugeCount = { ...context, history: { ...context.history, documentCount: 2n ** 63n } };
    expect(() => evaluateRules([rule('test.a', {})], hugeCount)).toThrow('rule context: history.documentCount is 9223372036854775808, outside the 64-bit range of a CEL int');
  });
});

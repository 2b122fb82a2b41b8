import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors/app-error.ts';
import { BUILTIN_RULES } from '../rules/builtin-rules.ts';
import { parseRuleSetContent } from './parse-rule-set-content.ts';

const rule = (id: string, changes: Record<string, unknown> = {}) => ({
  id,
  description: 'test rule',
  severity: 'block',
  category: 'po_reference',
  ownerQueue: 'billing',
  documentTypes: ['invoice'],
  condition: 'document.poNumber == ""',
  message: 'PO missing on {{ document.number }}',
  ...changes,
});

function refusal(value: unknown): AppError {
  try {
    parseRuleSetContent(value, '/content');
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('parseRuleSetContent', () => {
  it('accepts the built-in pack as it ships', () => {
    expect(parseRuleSetContent({ rules: BUILTIN_RULES }).rules).toHaveLength(BUILTIN_RULES.length);
  });

  it.each([
    ['an unknown variable', { condition: 'document.poNumbr == ""' }, '/content/rules/1/condition', /^rule custom\.b: condition at line 1, column \d+: .*poNumbr/],
    ['a type error', { condition: 'document.totalMinor + 1.5 > 0' }, '/content/rules/1/condition', /^rule custom\.b: condition at line 1, column 1: no such overload/],
    ['a non-bool condition', { condition: 'document.totalMinor' }, '/content/rules/1/condition', /must be a bool expression, but its type is int/],
    ['a parse error on line 2', { when: 'party.poRequired &&\n  (document.poNumber == ' }, '/content/rules/1/when', /^rule custom\.b: when at line 2, column \d+: /],
    ['an unclosed placeholder', { message: 'PO {{ document.poNumber' }, '/content/rules/1/message', /message at line 1, column 4: placeholder "\{\{" is never closed/],
  ])('refuses %s with 422 naming the rule, field, line and column, and a pointer into the content', (_name, change, pointer, message) => {
    const error = refusal({ rules: [rule('custom.a'), rule('custom.b', change)] });
    expect(error.code).toBe('validation_failed');
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatchObject({ path: pointer, code: 'cel_expression' });
    expect(error.issues[0]!.message).toMatch(message);
    const problems = error.extensions.problems as { ruleId: string; pointer: string; line: number; column: number }[];
    expect(problems[0]).toMatchObject({ ruleId: 'custom.b', pointer });
    expect(problems[0]!.line).toBeGreaterThanOrEqual(1);
  });

  it('reports every problem at once: a duplicate id and CEL errors in two rules', () => {
    const error = refusal({ rules: [rule('custom.a', { condition: 'nope' }), rule('custom.b'), rule('custom.a'), rule('custom.c', { message: '{{ party }}' })] });
    expect(error.issues.map((i) => [i.path, i.code])).toEqual([
      ['/content/rules/0/condition', 'cel_expression'],
      ['/content/rules/2/id', 'duplicate_rule_id'],
      ['/content/rules/3/message', 'cel_expression'],
    ]);
    expect(error.issues[1]!.message).toBe('rule id custom.a is already used by /content/rules/0');
  });

  it('refuses a bad shape with pointers before compiling anything', () => {
    const error = refusal({ rules: [rule('Custom A', { severity: 'fatal', extra: 1 })] });
    expect(error.issues.map((i) => i.path).sort()).toEqual(['/content/rules/0/extra', '/content/rules/0/id', '/content/rules/0/severity']);
    expect(refusal({}).issues[0]!.path).toBe('/content/rules');
  });
});

import { describe, expect, it } from 'vitest';
import { isAppError } from '../../errors/app-error.ts';
import { checkRule, compileRule } from './compile-rule.ts';
import { validationRuleSchema, type ValidationRule } from './validation-rule.ts';

const RULE: ValidationRule = {
  id: 'custom.po_too_long',
  description: 'PO numbers longer than 20 characters do not fit the ERP field.',
  severity: 'block',
  category: 'po_reference',
  ownerQueue: 'billing',
  documentTypes: ['invoice'],
  when: 'document.poNumber != ""',
  condition: 'size(document.poNumber) > 20',
  message: 'PO {{ document.poNumber }} has {{ size(document.poNumber) }} characters.',
};

const problemsOf = (changes: Partial<ValidationRule>) =>
  checkRule({ ...RULE, ...changes }).map(({ field, line, column, message }) => ({ field, line, column, message }));

describe('compileRule', () => {
  it.each([
    ['a syntax error', { condition: 'size(document.poNumber) >' }, { field: 'condition', line: 1, column: 26, message: 'Unexpected token: EOF' }],
    ['an unknown field, on line 2', { condition: 'document.poNumber != "" &&\n  document.poNumbr == "x"' }, { field: 'condition', line: 2, column: 12, message: 'No such key: poNumbr' }],
    ['an unknown variable', { when: 'customer.poRequired' }, { field: 'when', line: 1, column: 1, message: 'Unknown variable: customer' }],
    ['money mixed with a double', { condition: 'document.totalMinor + 1.5 > 0.0' }, { field: 'condition', line: 1, column: 1, message: 'no such overload: int + double' }],
    ['a condition that is not a bool', { condition: 'document.totalMinor' }, { field: 'condition', line: 1, column: 1, message: 'must be a bool expression, but its type is int' }],
    ['an unknown function', { condition: 'isValidVat(party.taxId)' }, { field: 'condition', line: 1, column: 1, message: 'found no matching overload for \'isValidVat(string)\'' }],
    ['a placeholder that is never closed', { message: 'PO {{ document.poNumber' }, { field: 'message', line: 1, column: 4, message: 'placeholder "{{" is never closed with "}}"' }],
    ['a placeholder with an unknown field', { message: 'PO {{ document.po }}' }, { field: 'message', line: 1, column: 16, message: 'No such key: po' }],
    ['a placeholder printing a whole object', { message: 'Party: {{ party }}' }, { field: 'message', line: 1, column: 11, message: 'placeholder must give a string, number, bool or list, but its type is Party' }],
  ] as const)('refuses %s, naming the field and position', (_name, changes, problem) => {
    expect(problemsOf(changes)).toEqual([problem]);
  });

  it('reports every expression that does not compile, and throws an AppError naming the rule', () => {
    const broken = { ...RULE, when: 'party.nope', condition: 'document.poNumber +' };
    expect(checkRule(broken).map((p) => p.field)).toEqual(['when', 'condition']);
    try {
      compileRule(broken);
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error)).toBe(true);
      if (!isAppError(error)) return;
      expect(error.code).toBe('validation_failed');
      expect(error.message).toBe('rule custom.po_too_long: when at line 1, column 7: No such key: nope');
      expect(error.issues.map((i) => i.path)).toEqual(['/when', '/condition']);
      expect(error.extensions).toMatchObject({ ruleId: 'custom.po_too_long' });
    }
  });

  it('compiles once per rule and shares programs between rules with the same expression', () => {
    const first = compileRule(RULE);
    expect(compileRule(RULE)).toBe(first);
    const copy = compileRule({ ...RULE, id: 'custom.copy' });
    expect(copy).not.toBe(first);
    expect(copy.condition.program).toBe(first.condition.program);
  });
});

describe('validationRuleSchema', () => {
  it.each([
    ['an id with capitals', { id: 'Custom.PO' }, '/id'],
    ['a category outside the taxonomy', { category: 'fraud' }, '/category'],
    ['no document types', { documentTypes: [] }, '/documentTypes'],
    ['a document type twice', { documentTypes: ['invoice', 'invoice'] }, '/documentTypes'],
    ['an unknown severity', { severity: 'error' }, '/severity'],
    ['an empty condition', { condition: '  ' }, '/condition'],
  ])('refuses %s', (_name, changes, path) => {
    const result = validationRuleSchema.safeParse({ ...RULE, ...changes });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => `/${i.path.join('/')}`)).toContain(path);
  });
});

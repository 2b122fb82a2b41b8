import { z } from 'zod';
import { AppError, type FieldIssue } from '../../errors/app-error.ts';
import { parseOrThrow } from '../../receivables/rating/parse-or-throw.ts';
import { checkRule, describeRuleProblem, type RuleProblem } from '../rules/compile-rule.ts';
import { validationRuleSchema, type ValidationRule } from '../rules/validation-rule.ts';

/** The most rules one rule set holds; each runs on every document. */
export const MAX_RULES_PER_SET = 500;

/** The content of a rule set version: its rules, in the order they run. */
export const ruleSetContentSchema = z.strictObject({
  rules: z.array(validationRuleSchema).max(MAX_RULES_PER_SET),
});

/** A parsed rule set content. */
export type RuleSetContent = z.output<typeof ruleSetContentSchema>;

/** A CEL problem with the JSON pointer of the field it is in, as `extensions.problems` lists them. */
export interface RuleSetProblem extends RuleProblem {
  readonly pointer: string;
}

/**
 * Parses a rule set's content at save: the shape (`validationRuleSchema`), unique rule ids,
 * and every CEL expression parsed and type-checked (`checkRule`). Everything wrong is
 * reported at once in one `validation_failed` error whose issues point into the content
 * (`/content/rules/3/condition`, with `basePath` `/content`) and name the rule, the field,
 * the line and column and the message; `extensions.problems` has the positions as data.
 */
export function parseRuleSetContent(value: unknown, basePath = ''): RuleSetContent {
  const content = parseOrThrow(ruleSetContentSchema, value, basePath);
  const issues: FieldIssue[] = [];
  const problems: RuleSetProblem[] = [];
  const firstIndex = new Map<string, number>();
  content.rules.forEach((rule: ValidationRule, index) => {
    const at = `${basePath}/rules/${index}`;
    const earlier = firstIndex.get(rule.id);
    if (earlier !== undefined) {
      issues.push({ path: `${at}/id`, message: `rule id ${rule.id} is already used by ${basePath}/rules/${earlier}`, code: 'duplicate_rule_id' });
    } else {
      firstIndex.set(rule.id, index);
    }
    for (const problem of checkRule(rule)) {
      const pointer = `${at}/${problem.field}`;
      problems.push({ ...problem, pointer });
      issues.push({ path: pointer, message: describeRuleProblem(problem), code: 'cel_expression' });
    }
  });
  if (issues.length > 0) {
    throw new AppError('validation_failed', issues.map((i) => `${i.path}: ${i.message}`).join('; '), {
      issues,
      ...(problems.length > 0 ? { extensions: { problems } } : {}),
    });
  }
  return content;
}

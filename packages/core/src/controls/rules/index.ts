/**
 * Validation rules: CEL expressions over a documented, document-type-agnostic context,
 * compiled once and evaluated purely (docs/validation-rules.md).
 */
export { EXCEPTION_CATEGORIES, isExceptionCategory, type ExceptionCategory } from './exception-categories.ts';
export {
  RULE_DOCUMENT_TYPES, RULE_SEVERITIES, validationRuleSchema,
  type RuleDocumentType, type RuleExpressionField, type RuleSeverity, type ValidationRule,
} from './validation-rule.ts';
export type {
  RuleContext, RuleContract, RuleContractLine, RuleDocument, RuleEntity, RuleHistory, RuleLine, RuleParty,
  RuleTaxLine, RuleUsage,
} from './rule-context.ts';
export {
  buildRuleContext,
  type RuleContextInput, type RuleContractInput, type RuleDocumentInput, type RuleHistoryInput, type RuleLineInput,
  type RulePartyInput, type RuleTaxLineInput, type RuleUsageInput,
} from './build-rule-context.ts';
export {
  checkRule, compileRule, describeRuleProblem,
  type CelProgram, type CompiledExpression, type CompiledRule, type RuleProblem,
} from './compile-rule.ts';
export { evaluateRules, type RuleEvaluation, type RuleOutcome, type RuleOutcomeStatus } from './evaluate-rules.ts';
export { BUILTIN_RULES } from './builtin-rules.ts';

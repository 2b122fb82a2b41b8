import { AppError } from '../../errors/app-error.ts';
import { toCelContext } from './cel-context-types.ts';
import { compileRule, sourcePosition, type CompiledExpression, type CompiledRule } from './compile-rule.ts';
import type { ExceptionCategory } from './exception-categories.ts';
import { renderTemplateValue } from './message-template.ts';
import type { RuleContext } from './rule-context.ts';
import type { RuleExpressionField, RuleSeverity, ValidationRule } from './validation-rule.ts';

/**
 * - `passed`: the condition is false.
 * - `failed`: the condition is true (the document violates the rule).
 * - `not_applicable`: the document's type is not in `documentTypes`, or `when` is false.
 * - `error`: an expression failed at run time (or returned a non-bool); always blocking.
 */
export type RuleOutcomeStatus = 'passed' | 'failed' | 'not_applicable' | 'error';

/** The result of one rule on one document, with everything routing and the trace need. */
export interface RuleOutcome {
  readonly ruleId: string;
  readonly ruleVersion: number | null;
  readonly status: RuleOutcomeStatus;
  readonly severity: RuleSeverity;
  readonly category: ExceptionCategory;
  readonly ownerQueue: string;
  /** True for a failed `block` rule and for every `error`: the document must not post. */
  readonly blocking: boolean;
  /** The rendered message when failed, the error when error, otherwise null. */
  readonly message: string | null;
}

/** All outcomes, in the order of the rules given. */
export interface RuleEvaluation {
  readonly outcomes: readonly RuleOutcome[];
  /** True when any outcome is blocking. */
  readonly blocked: boolean;
}

/** A run-time failure inside one expression; becomes an `error` outcome, never a thrown error. */
class ExpressionFailure extends Error {
  override readonly name = 'ExpressionFailure';
}

/** `condition at line 1, column 9: division by zero`; `source` is the field's text, `base` where the program starts in it. */
function describeFailure(field: RuleExpressionField, source: string, base: number, error: unknown): ExpressionFailure {
  const cel = error as { range?: { start: number }; summary?: string; message?: string };
  const { line, column } = sourcePosition(source, base + (cel.range?.start ?? 0));
  return new ExpressionFailure(`${field} at line ${line}, column ${column}: ${cel.summary ?? cel.message ?? String(error)}`);
}

function runBool(field: 'when' | 'condition', expression: CompiledExpression, values: Record<string, unknown>): boolean {
  let result: unknown;
  try {
    result = expression.program(values);
  } catch (error) {
    throw describeFailure(field, expression.source, 0, error);
  }
  if (typeof result !== 'boolean') throw new ExpressionFailure(`${field} returned ${celTypeName(result)}, not a bool`);
  return result;
}

/** The CEL name of a result's type, for messages about expressions typed `dyn`. */
function celTypeName(value: unknown): string {
  if (typeof value === 'bigint') return 'int';
  if (typeof value === 'number') return 'double';
  if (Array.isArray(value)) return 'list';
  return value === null ? 'null' : typeof value;
}

function renderMessage(compiled: CompiledRule, values: Record<string, unknown>): string {
  return compiled.message
    .map((part) => {
      if ('text' in part) return part.text;
      try {
        return renderTemplateValue(part.program(values));
      } catch (error) {
        throw describeFailure('message', compiled.rule.message, part.offset, error);
      }
    })
    .join('');
}

function outcomeOf(rule: ValidationRule, status: RuleOutcomeStatus, message: string | null): RuleOutcome {
  return {
    ruleId: rule.id,
    ruleVersion: rule.version ?? null,
    status,
    severity: rule.severity,
    category: rule.category,
    ownerQueue: rule.ownerQueue,
    blocking: status === 'error' || (status === 'failed' && rule.severity === 'block'),
    message,
  };
}

function evaluateOne(compiled: CompiledRule, context: RuleContext, values: Record<string, unknown>): RuleOutcome {
  const { rule } = compiled;
  if (!rule.documentTypes.includes(context.document.type)) return outcomeOf(rule, 'not_applicable', null);
  try {
    if (compiled.when !== undefined && !runBool('when', compiled.when, values)) return outcomeOf(rule, 'not_applicable', null);
    if (!runBool('condition', compiled.condition, values)) return outcomeOf(rule, 'passed', null);
    return outcomeOf(rule, 'failed', renderMessage(compiled, values));
  } catch (error) {
    if (error instanceof ExpressionFailure) return outcomeOf(rule, 'error', error.message);
    throw error;
  }
}

// A rule set's compiled rules, by the rules array: a controls run evaluates one rule set
// over thousands of documents, so the id check and the compilation happen once.
const COMPILED_SETS = new WeakMap<readonly ValidationRule[], readonly CompiledRule[]>();

function compileRuleSet(rules: readonly ValidationRule[]): readonly CompiledRule[] {
  const cached = COMPILED_SETS.get(rules);
  if (cached !== undefined && cached.length === rules.length && cached.every((c, i) => c.rule === rules[i])) return cached;
  const seen = new Set<string>();
  for (const rule of rules) {
    if (seen.has(rule.id)) throw new AppError('validation_failed', `rule ${rule.id} appears twice in the rule set`);
    seen.add(rule.id);
  }
  const compiled = rules.map(compileRule);
  COMPILED_SETS.set(rules, compiled);
  return compiled;
}

/**
 * Runs `rules` against one document's context. Pure and deterministic: the result depends
 * only on the rules and the context (time comes from `context.asOf`), and outcomes keep the
 * order of `rules`. A rule that fails at run time yields an `error` outcome (blocking) and
 * the others still run. Configuration errors throw before anything runs: a rule that does
 * not compile (rules are checked at save, so that is a bug), two rules with one id, or a
 * context that does not match {@link RuleContext}.
 */
export function evaluateRules(rules: readonly ValidationRule[], context: RuleContext): RuleEvaluation {
  const compiled = compileRuleSet(rules);
  const values = toCelContext(context);
  const outcomes = compiled.map((rule) => evaluateOne(rule, context, values));
  return { outcomes, blocked: outcomes.some((o) => o.blocking) };
}

import type { ParseResult } from '@marcbachmann/cel-js';
import { AppError } from '../../errors/app-error.ts';
import { RULE_ENVIRONMENT } from './cel-environment.ts';
import { isRenderableType, splitMessageTemplate } from './message-template.ts';
import type { RuleExpressionField, ValidationRule } from './validation-rule.ts';

/** A parsed and type-checked CEL expression, ready to run against a context. */
export type CelProgram = ParseResult;

/** An expression's source beside its program, so run-time errors can point into the source. */
export interface CompiledExpression {
  readonly source: string;
  readonly program: CelProgram;
}

/** A message part after compilation: literal text, or a program whose value is printed. */
export type CompiledMessagePart = { readonly text: string } | { readonly program: CelProgram; readonly offset: number };

/** A rule whose expressions all parse and type-check; build one with {@link compileRule}. */
export interface CompiledRule {
  readonly rule: ValidationRule;
  readonly when: CompiledExpression | undefined;
  readonly condition: CompiledExpression;
  readonly message: readonly CompiledMessagePart[];
}

/** Why a rule does not compile: which expression, where (1-based line and column), and what. */
export interface RuleProblem {
  readonly ruleId: string;
  readonly field: RuleExpressionField;
  /** 0-based offset into the field's text. */
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

type Expected = 'bool' | 'text';
type Compiled = { program: CelProgram; type: string } | { offset: number; message: string };

// Programs by source text: rule sets share expressions across versions and simulations.
// Cleared when full rather than evicted one by one; recompiling is cheap next to a leak.
const PROGRAM_CACHE = new Map<string, Compiled>();
const PROGRAM_CACHE_LIMIT = 2000;
const COMPILED_RULES = new WeakMap<ValidationRule, CompiledRule>();

function compileExpression(source: string): Compiled {
  const cached = PROGRAM_CACHE.get(source);
  if (cached !== undefined) return cached;
  let compiled: Compiled;
  try {
    const program = RULE_ENVIRONMENT.parse(source);
    const checked = program.check();
    compiled = checked.valid
      ? { program, type: checked.type ?? 'dyn' }
      : { offset: checked.error?.range?.start ?? 0, message: checked.error?.summary ?? 'does not type-check' };
  } catch (error) {
    const cel = error as { range?: { start: number }; summary?: string; message?: string };
    compiled = { offset: cel.range?.start ?? 0, message: cel.summary ?? cel.message ?? String(error) };
  }
  if (PROGRAM_CACHE.size >= PROGRAM_CACHE_LIMIT) PROGRAM_CACHE.clear();
  PROGRAM_CACHE.set(source, compiled);
  return compiled;
}

/** Compiles one expression and checks that its type fits where it is used. */
function compileAs(source: string, expected: Expected): Compiled {
  const compiled = compileExpression(source);
  if (!('program' in compiled)) return compiled;
  if (expected === 'bool' && compiled.type !== 'bool' && compiled.type !== 'dyn') {
    return { offset: 0, message: `must be a bool expression, but its type is ${compiled.type}` };
  }
  if (expected === 'text' && !isRenderableType(compiled.type)) {
    return { offset: 0, message: `placeholder must give a string, number, bool or list, but its type is ${compiled.type}` };
  }
  return compiled;
}

/** 1-based line and column of `offset` in `text`, as editors show them. */
export function sourcePosition(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

function problemAt(rule: ValidationRule, field: RuleExpressionField, text: string, offset: number, message: string): RuleProblem {
  return { ruleId: rule.id, field, offset, ...sourcePosition(text, offset), message };
}

function analyzeRule(rule: ValidationRule): { compiled?: CompiledRule; problems: RuleProblem[] } {
  const problems: RuleProblem[] = [];
  const expression = (field: 'when' | 'condition', source: string): CompiledExpression | undefined => {
    const compiled = compileAs(source, 'bool');
    if ('program' in compiled) return { source, program: compiled.program };
    problems.push(problemAt(rule, field, source, compiled.offset, compiled.message));
    return undefined;
  };
  const when = rule.when === undefined ? undefined : expression('when', rule.when);
  const condition = expression('condition', rule.condition);

  const message: CompiledMessagePart[] = [];
  const split = splitMessageTemplate(rule.message);
  if ('error' in split) {
    problems.push(problemAt(rule, 'message', rule.message, split.error.offset, split.error.message));
  } else {
    for (const part of split.parts) {
      if (part.kind === 'text') {
        message.push({ text: part.text });
        continue;
      }
      const compiled = compileAs(part.source, 'text');
      if ('program' in compiled) message.push({ program: compiled.program, offset: part.offset });
      else problems.push(problemAt(rule, 'message', rule.message, part.offset + compiled.offset, compiled.message));
    }
  }
  if (problems.length > 0 || condition === undefined) return { problems };
  return { compiled: { rule, when, condition, message }, problems };
}

/** The problems that stop `rule` from compiling; empty when it compiles. For save-time checks. */
export function checkRule(rule: ValidationRule): RuleProblem[] {
  return analyzeRule(rule).problems;
}

/** `rule x: condition at line 1, column 5: Unknown variable: foo`. */
export function describeRuleProblem(problem: RuleProblem): string {
  return `rule ${problem.ruleId}: ${problem.field} at line ${problem.line}, column ${problem.column}: ${problem.message}`;
}

/**
 * Parses and type-checks the rule's `when`, `condition` and message placeholders once, and
 * caches the result per rule object. Throws a `validation_failed` AppError naming the rule,
 * the field and the position of every problem (issues point at `/when`, `/condition`,
 * `/message`; `extensions.problems` has offsets, lines and columns).
 */
export function compileRule(rule: ValidationRule): CompiledRule {
  const cached = COMPILED_RULES.get(rule);
  if (cached !== undefined) return cached;
  const { compiled, problems } = analyzeRule(rule);
  if (compiled === undefined) {
    const first = problems[0];
    throw new AppError('validation_failed', first ? describeRuleProblem(first) : `rule ${rule.id} does not compile`, {
      issues: problems.map((p) => ({ path: `/${p.field}`, message: describeRuleProblem(p), code: 'cel_expression' })),
      extensions: { ruleId: rule.id, problems },
    });
  }
  COMPILED_RULES.set(rule, compiled);
  return compiled;
}

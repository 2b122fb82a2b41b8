import { z } from 'zod';
import { code, requiredText } from '../../shared/schemas.ts';
import { EXCEPTION_CATEGORIES } from './exception-categories.ts';

/** Document types the controls apply to; supplier bills arrive with payables. */
export const RULE_DOCUMENT_TYPES = Object.freeze(['invoice', 'credit_memo', 'supplier_bill'] as const);

/** One of {@link RULE_DOCUMENT_TYPES}. */
export type RuleDocumentType = (typeof RULE_DOCUMENT_TYPES)[number];

/** `block` stops the document before posting; `warn` raises an exception but lets it pass. */
export const RULE_SEVERITIES = Object.freeze(['block', 'warn'] as const);

/** One of {@link RULE_SEVERITIES}. */
export type RuleSeverity = (typeof RULE_SEVERITIES)[number];

const celExpression = requiredText(4000);

/**
 * A validation rule, stored as data. Semantics (docs/validation-rules.md):
 *
 * - `documentTypes` and `when` decide applicability; a rule that does not apply is
 *   `not_applicable`.
 * - `condition` describes the **violation**: it is true when the document FAILS the rule
 *   (`party.poRequired && document.poNumber == ""`), so rules read like the exceptions
 *   they raise.
 * - `message` is shown when the rule fails; `{{ expr }}` placeholders are CEL expressions
 *   over the same context (the first `}}` ends a placeholder).
 */
export const validationRuleSchema = z.strictObject({
  id: z
    .string()
    .max(100)
    .regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/, 'must be lower-case words joined by "_" and ".", such as builtin.po_missing'),
  version: z.int().positive().optional(),
  description: requiredText(500),
  severity: z.enum(RULE_SEVERITIES),
  category: z.enum(EXCEPTION_CATEGORIES),
  ownerQueue: code(60),
  documentTypes: z
    .array(z.enum(RULE_DOCUMENT_TYPES))
    .min(1)
    .refine((types) => new Set(types).size === types.length, 'must not list a document type twice'),
  when: celExpression.optional(),
  condition: celExpression,
  message: requiredText(500),
});

/** A validation rule; see {@link validationRuleSchema} for the semantics of each field. */
export type ValidationRule = z.output<typeof validationRuleSchema>;

/** The fields of a rule that hold CEL source (the message holds it in placeholders). */
export type RuleExpressionField = 'when' | 'condition' | 'message';

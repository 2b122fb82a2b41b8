import { z } from 'zod';
import { code, idOf, pageQuery, requiredText, text } from '../../shared/schemas.ts';
import { EXCEPTION_CATEGORIES } from '../rules/exception-categories.ts';
import { RULE_DOCUMENT_TYPES, RULE_SEVERITIES, validationRuleSchema } from '../rules/validation-rule.ts';

/** `open` until resolved; `resolved` is final. */
export const EXCEPTION_STATUSES = Object.freeze(['open', 'resolved'] as const);
export type ExceptionStatus = (typeof EXCEPTION_STATUSES)[number];

/**
 * How an exception ended (docs/exceptions.md): the data was corrected and the document
 * passed validation again; a permitted user let it pass as it is, with a reason; the
 * document was voided; or it was credited.
 */
export const EXCEPTION_RESOLUTIONS = Object.freeze(['corrected_revalidated', 'overridden', 'voided', 'credited'] as const);
export type ExceptionResolution = (typeof EXCEPTION_RESOLUTIONS)[number];

/** What a rule run, a connector or a scheduler reports; `raiseException` validates it. */
export const raiseExceptionSchema = z
  .strictObject({
    documentType: z.enum(RULE_DOCUMENT_TYPES),
    documentId: z.string().min(1).max(100),
    category: z.enum(EXCEPTION_CATEGORIES),
    sourceSystem: code(60).describe('Who found the problem: invoiceops.rules, erp.netsuite, …'),
    ruleId: validationRuleSchema.shape.id.nullish(),
    ruleVersion: z.int().positive().nullish(),
    severity: z.enum(RULE_SEVERITIES),
    title: requiredText(500),
    details: z.record(z.string(), z.unknown()).default({}),
    /** The queue that works it first (a rule's `ownerQueue`). */
    assigneeTeam: code(60).nullish(),
  })
  .refine((v) => (v.ruleVersion ?? null) === null || (v.ruleId ?? null) !== null, { path: ['ruleVersion'], message: 'needs a ruleId' });
export type RaiseExceptionInput = z.input<typeof raiseExceptionSchema>;

export const listExceptionsQuery = pageQuery.extend({
  status: z.enum(EXCEPTION_STATUSES).optional(),
  category: z.enum(EXCEPTION_CATEGORIES).optional(),
  entityId: idOf('ent').optional(),
  assigneeUserId: idOf('usr').optional(),
  assigneeTeam: code(60).optional(),
  documentType: z.enum(RULE_DOCUMENT_TYPES).optional(),
  documentId: z.string().min(1).max(100).optional(),
  sourceSystem: code(60).optional(),
  overdue: z.enum(['true', 'false']).optional().describe('true: only open exceptions past their due time; false: all others'),
});
export type ListExceptionsQuery = z.output<typeof listExceptionsQuery>;

/** Omitted fields stay as they are; `null` clears one. */
export const assignExceptionSchema = z
  .strictObject({
    userId: idOf('usr').nullable().optional().describe('A user who may work exceptions of the entity; null: nobody'),
    team: code(60).nullable().optional().describe('A queue such as billing, tax, master-data; null: none'),
  })
  .refine((v) => v.userId !== undefined || v.team !== undefined, { message: 'name a userId or a team (null to clear)' });
export type AssignExceptionInput = z.output<typeof assignExceptionSchema>;

export const commentOnExceptionSchema = z.strictObject({ body: requiredText(4000) });
export type CommentOnExceptionInput = z.output<typeof commentOnExceptionSchema>;

export const resolveExceptionSchema = z.strictObject({
  resolution: z.enum(EXCEPTION_RESOLUTIONS),
  reason: text(1000).optional().describe('Required to override'),
});
export type ResolveExceptionInput = z.output<typeof resolveExceptionSchema>;

const bulkIds = z
  .array(idOf('exc'))
  .min(1)
  .max(100)
  .refine((ids) => new Set(ids).size === ids.length, 'must not list an exception twice');

/** One action on up to 100 exceptions; each is judged on its own. */
export const bulkExceptionActionSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('assign'), ids: bulkIds, assignment: assignExceptionSchema }),
  z.strictObject({ action: z.literal('resolve'), ids: bulkIds, resolution: resolveExceptionSchema }),
]);
export type BulkExceptionActionInput = z.output<typeof bulkExceptionActionSchema>;

export const exceptionSchema = z.object({
  id: z.string(),
  entityId: z.string(),
  documentType: z.enum(RULE_DOCUMENT_TYPES),
  documentId: z.string(),
  category: z.string().describe('One of the exception categories (docs/exceptions.md)'),
  sourceSystem: z.string(),
  ruleId: z.string().nullable(),
  ruleVersion: z.number().int().nullable(),
  severity: z.enum(RULE_SEVERITIES),
  title: z.string(),
  details: z.record(z.string(), z.unknown()),
  status: z.enum(EXCEPTION_STATUSES),
  assigneeUserId: z.string().nullable(),
  assigneeTeam: z.string().nullable(),
  dueAt: z.string().describe('Raised time plus the SLA hours of the category'),
  overdue: z.boolean().describe('Open and past dueAt'),
  createdAt: z.string(),
  updatedAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolution: z.enum(EXCEPTION_RESOLUTIONS).nullable(),
  resolutionReason: z.string().nullable(),
  resolvedBy: z.string().nullable().describe('The actor: user:…, rule:…@…, system'),
  version: z.number().int(),
});
export type ExceptionRecord = z.output<typeof exceptionSchema>;

export const exceptionCommentSchema = z.object({
  id: z.string(),
  exceptionId: z.string(),
  author: z.string(),
  body: z.string(),
  createdAt: z.string(),
});
export type ExceptionComment = z.output<typeof exceptionCommentSchema>;

export const exceptionWithCommentsSchema = exceptionSchema.extend({ comments: z.array(exceptionCommentSchema) });
export type ExceptionWithComments = z.output<typeof exceptionWithCommentsSchema>;

export const bulkExceptionResultSchema = z.object({
  succeeded: z.number().int(),
  failed: z.number().int(),
  results: z.array(
    z.object({
      id: z.string(),
      ok: z.boolean(),
      exception: exceptionSchema.optional(),
      error: z
        .object({ code: z.string(), detail: z.string(), errors: z.array(z.object({ path: z.string(), message: z.string(), code: z.string().optional() })).optional() })
        .optional(),
    }),
  ),
});
export type BulkExceptionResult = z.output<typeof bulkExceptionResultSchema>;

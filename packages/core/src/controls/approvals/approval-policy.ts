import { z } from 'zod';
import type { Role } from '../../access/roles.ts';
import { code, decimalString, idOf, requiredText } from '../../shared/schemas.ts';
import { compareDecimalStrings } from './amount-band.ts';

/**
 * An approval policy: a versioned document (stored and released by `controls/releases`)
 * that decides who approves a document. Semantics, in full in docs/approvals.md:
 *
 * - **Routes are tried in order; the first whose `match` holds wins.** A `match` field that
 *   is absent matches everything; a listed one must contain the document's value (a
 *   document with no department never matches a `departments` list).
 * - **Amount bands** are in the entity's functional currency, written as decimal strings:
 *   `minAmount` is inclusive, `maxAmount` exclusive, so `[0, 10000)` and `[10000, ∞)` meet
 *   without overlap. Absent `minAmount` means 0, absent `maxAmount` means no upper end.
 *   Credit memos are routed by their absolute amount.
 * - **Steps run in order.** An element of `steps` is either one step or
 *   `{ parallel: [step, step, …] }`: a stage whose steps are open at the same time and
 *   must all complete before the next stage opens. `steps: []` means no approval is
 *   needed for what the route matches (straight-through).
 * - `mode: 'any'`: one approval by any candidate completes the step; `mode: 'all'`: every
 *   listed approver entry must approve (a `role` entry is satisfied by one holder).
 * - Approvers: a named user, the holders of a role for the document's entity, or the owner
 *   of the document's department / cost center (looked up in `owners`).
 */
export const APPROVER_ROLES = Object.freeze(['approver', 'controller'] as const satisfies readonly Role[]);

const userId = idOf('usr');

/** One approver entry of a step. */
export const approverSchema = z.union([
  z.strictObject({ user: userId }),
  z.strictObject({ role: z.enum(APPROVER_ROLES) }),
  z.strictObject({ owner: z.enum(['department', 'cost_center']) }),
]);

/** One approval step. */
export const approvalStepSchema = z.strictObject({
  name: requiredText(100),
  mode: z.enum(['any', 'all']),
  approvers: z.array(approverSchema).min(1, 'a step needs at least one approver').max(20),
  /** Hours from the step opening until it is due; past it the step escalates. */
  slaHours: z.int().min(1).max(24 * 90),
});

/** A stage of steps that are open together. */
export const parallelStageSchema = z.strictObject({
  parallel: z.array(approvalStepSchema).min(2, 'a parallel stage needs at least two steps').max(10),
});

const codeList = z.array(code(60)).min(1).max(500);

/** What a route applies to; absent fields match everything. */
export const routeMatchSchema = z
  .strictObject({
    entityIds: z.array(idOf('ent')).min(1).max(500).optional(),
    documentTypes: z.array(z.enum(['invoice', 'credit_memo', 'supplier_bill'])).min(1).optional(),
    /** Inclusive lower end of the amount band, functional currency. */
    minAmount: decimalString.optional(),
    /** Exclusive upper end of the amount band, functional currency. */
    maxAmount: decimalString.optional(),
    departments: codeList.optional(),
    costCenters: codeList.optional(),
    segments: codeList.optional(),
  })
  .refine((m) => m.minAmount === undefined || m.maxAmount === undefined || compareDecimalStrings(m.minAmount, m.maxAmount) < 0, {
    message: 'minAmount must be below maxAmount (the band is [minAmount, maxAmount))',
    path: ['maxAmount'],
  });

/** One route: a match and its steps in order (`[]`: no approval needed). */
export const approvalRouteSchema = z
  .strictObject({
    id: code(60),
    description: requiredText(500),
    match: routeMatchSchema,
    steps: z.array(z.union([approvalStepSchema, parallelStageSchema])).max(10),
  })
  .refine((r) => {
    const names = r.steps.flatMap((s) => ('parallel' in s ? s.parallel.map((p) => p.name) : [s.name]));
    return new Set(names).size === names.length;
  }, { message: 'step names must be unique within a route', path: ['steps'] });

/** Who escalations go to: a named user or the holders of a role. */
export const escalationTargetSchema = z.union([z.strictObject({ user: userId }), z.strictObject({ role: z.enum(APPROVER_ROLES) })]);

/** A complete approval policy body. */
export const approvalPolicySchema = z
  .strictObject({
    routes: z.array(approvalRouteSchema).min(1, 'a policy needs at least one route').max(200),
    owners: z
      .strictObject({
        department: z.record(code(60), userId).default({}),
        costCenter: z.record(code(60), userId).default({}),
      })
      .default({ department: {}, costCenter: {} }),
    settings: z
      .strictObject({
        /** False: whoever approved a document may not also post it (segregation of duties). */
        approverMayPost: z.boolean().default(true),
        /** Hours before a step is due when its candidates are reminded; null: no reminders. */
        reminderHours: z.int().min(1).max(24 * 30).nullable().default(24),
        /** Added as a candidate of a step that passes its due time; null: overdue steps only raise an exception. */
        escalateTo: escalationTargetSchema.nullable().default({ role: 'controller' }),
      })
      .default({ approverMayPost: true, reminderHours: 24, escalateTo: { role: 'controller' } }),
  })
  .refine((p) => new Set(p.routes.map((r) => r.id)).size === p.routes.length, { message: 'route ids must be unique', path: ['routes'] });

/** A parsed approval policy (defaults applied). */
export type ApprovalPolicy = z.output<typeof approvalPolicySchema>;
/** An approval policy as written (before defaults). */
export type ApprovalPolicyInput = z.input<typeof approvalPolicySchema>;
export type ApprovalPolicyRoute = ApprovalPolicy['routes'][number];
export type RouteMatch = ApprovalPolicyRoute['match'];
export type ApprovalStepDefinition = z.output<typeof approvalStepSchema>;
export type ApproverSpec = z.output<typeof approverSchema>;
export type EscalationTarget = z.output<typeof escalationTargetSchema>;

export { routeDocument, type ApprovalRoute, type ResolvedStep, type Candidate } from './route-document.ts';
export { findPolicyGaps, type ApprovalDirectory, type PolicyGap } from './find-policy-gaps.ts';

import { z } from 'zod';
import { currencyCode, decimalString, idOf, pageQuery, requiredText, text } from '../../shared/schemas.ts';

const isoTime = z.iso.datetime({ offset: true });
const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

const candidateSchema = z.union([
  z.object({ kind: z.literal('user'), userId: z.string(), via: z.string() }),
  z.object({ kind: z.literal('role'), role: z.string(), via: z.string() }),
]);

export const approvalRequestStepSchema = z.object({
  id: z.string(),
  stage: z.int().describe('Stages run in order; steps of one stage run in parallel'),
  position: z.int(),
  name: z.string(),
  mode: z.enum(['any', 'all']),
  status: z.enum(['waiting', 'pending', 'approved', 'rejected', 'cancelled']),
  candidates: z.array(candidateSchema),
  slaHours: z.int(),
  approvedBy: z.array(z.string()),
  carriedOver: z.boolean().describe('Approved in an earlier submission with unchanged content'),
  openedAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  remindedAt: z.string().nullable(),
  escalatedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
});

export const approvalActionSchema = z.object({
  id: z.string(),
  stepId: z.string(),
  action: z.enum(['approve', 'reject']),
  actor: z.string(),
  actorUserId: z.string(),
  onBehalfOfUserId: z.string().nullable(),
  comment: z.string().nullable(),
  at: z.string(),
});

export const approvalRequestSchema = z.object({
  id: z.string(),
  documentType: z.enum(['invoice', 'credit_memo', 'supplier_bill']),
  documentId: z.string(),
  entityId: z.string(),
  policyVersion: z.int().nullable(),
  routeId: z.string(),
  amount: z.string().describe('In the entity functional currency'),
  currency: z.string(),
  status: z.enum(['pending', 'approved', 'rejected', 'cancelled']),
  submission: z.int(),
  previousRequestId: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  rejectionReason: z.string().nullable(),
  steps: z.array(approvalRequestStepSchema),
  actions: z.array(approvalActionSchema).optional(),
});

export const listApprovalsQuery = pageQuery.extend({
  mine: booleanQuery.optional().describe('Only requests with an open step I may act on (as a candidate or a delegate)'),
  status: z.enum(['pending', 'approved', 'rejected', 'cancelled']).optional(),
  overdue: booleanQuery.optional().describe('true: with an open step past its due time'),
  entityId: idOf('ent').optional(),
  documentId: z.string().max(100).optional(),
});

export const approveBodySchema = z.strictObject({
  stepId: idOf('aps').optional().describe('The open step to approve; default: the first one you may approve'),
  comment: text(2000).nullish(),
});

export const rejectBodySchema = z.strictObject({
  stepId: idOf('aps').optional(),
  comment: requiredText(2000).describe('Why: returned with the document'),
});

export const approvalLimitSchema = z.object({
  id: z.string(),
  userId: z.string(),
  entityId: z.string().nullable().describe('null: every entity'),
  currency: z.string(),
  amount: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.int(),
});

export const createApprovalLimitSchema = z.strictObject({
  userId: idOf('usr'),
  entityId: idOf('ent').nullable().default(null).describe('null or absent: every entity'),
  currency: currencyCode.describe("The entity's functional currency"),
  amount: decimalString.describe('Inclusive: documents up to this amount may be approved'),
});

export const updateApprovalLimitSchema = z.strictObject({
  amount: decimalString,
  version: z.int().positive().optional().describe('The version you read; refused with 409 when it changed'),
});

export const listApprovalLimitsQuery = pageQuery.extend({ userId: idOf('usr').optional(), entityId: idOf('ent').optional() });

export const approvalDelegationSchema = z.object({
  id: z.string(),
  fromUserId: z.string(),
  toUserId: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  reason: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  revokedBy: z.string().nullable(),
  inForce: z.boolean().describe('Started, not ended, not revoked — now'),
});

export const createApprovalDelegationSchema = z
  .strictObject({
    fromUserId: idOf('usr').optional().describe('Whose candidacy is delegated; default: yours. Others need approvals:manage'),
    toUserId: idOf('usr'),
    startsAt: isoTime,
    endsAt: isoTime.describe('Exclusive'),
    reason: requiredText(500),
  })
  .refine((d) => Date.parse(d.endsAt) > Date.parse(d.startsAt), { message: 'must be after startsAt', path: ['endsAt'] });

export const listApprovalDelegationsQuery = pageQuery.extend({
  userId: idOf('usr').optional().describe('Delegations from or to this user'),
  inForce: booleanQuery.optional(),
});

export const roleConflictSchema = z.object({
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  active: z.boolean(),
  roles: z.tuple([z.string(), z.string()]),
  reason: z.string(),
  entityIds: z.array(z.string()).nullable().describe('null: every entity'),
});

export type CreateApprovalLimitInput = z.output<typeof createApprovalLimitSchema>;
export type UpdateApprovalLimitInput = z.output<typeof updateApprovalLimitSchema>;
export type ApprovalLimitRecord = z.output<typeof approvalLimitSchema>;
export type CreateApprovalDelegationInput = z.output<typeof createApprovalDelegationSchema>;
export type ApprovalDelegationRecord = z.output<typeof approvalDelegationSchema>;

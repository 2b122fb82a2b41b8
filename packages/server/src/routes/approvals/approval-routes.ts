import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  approvalRequestSchema, approveBodySchema, approveStep, entityScopeFor, getApprovalRequest, listApprovals, listApprovalsQuery, rejectBodySchema,
  rejectRequest, reportConflictingRoles, roleConflictSchema, type Db, type Permission,
} from '@invoiceops/core';
import { actorOf, principalOfRequest } from '../../auth/authenticate-request.ts';
import { registerApprovalAdminRoutes } from './approval-admin-routes.ts';

const idParams = z.strictObject({ id: z.string().min(1).max(100) });
const tags = ['approvals'];

/** The caller's user and entity scope for a permission. */
export function viewerOf(request: FastifyRequest, permission: Permission) {
  const principal = principalOfRequest(request);
  return { userId: principal.userId, scope: entityScopeFor(principal, permission) };
}

/**
 * Approvals (docs/approvals.md): the queue, one request, approve and reject — with
 * segregation of duties checked in core (403 with `rule` naming it) — plus approval
 * limits, delegations and the conflicting-roles report.
 */
export function registerApprovalRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/v1/approvals', {
    config: { permission: 'approvals:read' },
    schema: {
      tags,
      summary: 'List approval requests, oldest first',
      description: 'mine=true: my queue — pending requests with an open step where I (or someone who delegated to me) am a candidate. overdue=true: with an open step past its due time.',
      querystring: listApprovalsQuery,
      response: { 200: z.object({ data: z.array(approvalRequestSchema), nextCursor: z.string().nullable() }) },
    },
  }, async (request) => listApprovals(db, request.query, viewerOf(request, 'approvals:read')));

  r.get('/v1/approvals/:id', {
    config: { permission: 'approvals:read' },
    schema: { tags, summary: 'An approval request with its steps and actions', params: idParams, response: { 200: approvalRequestSchema } },
  }, async (request) => getApprovalRequest(db, request.params.id, viewerOf(request, 'approvals:read').scope));

  r.post('/v1/approvals/:id/approve', {
    config: { permission: 'approvals:act' },
    schema: {
      tags,
      summary: 'Approve an open step',
      description: 'Refused with 403 and `rule` when you created the document (creator), are not a candidate or delegate (not_candidate), ' +
        'approved another step of it (four_eyes) or the amount is above your approval limit (limit).',
      params: idParams,
      body: approveBodySchema,
      response: { 200: approvalRequestSchema },
    },
  }, async (request) => {
    const viewer = viewerOf(request, 'approvals:act');
    return approveStep(db, actorOf(request), request.params.id, { userId: viewer.userId, stepId: request.body.stepId, comment: request.body.comment }, viewer.scope);
  });

  r.post('/v1/approvals/:id/reject', {
    config: { permission: 'approvals:act' },
    schema: {
      tags,
      summary: 'Reject a pending request; the document returns to draft with the comment',
      description: 'The same checks as approving. A comment is required.',
      params: idParams,
      body: rejectBodySchema,
      response: { 200: approvalRequestSchema },
    },
  }, async (request) => {
    const viewer = viewerOf(request, 'approvals:act');
    return rejectRequest(db, actorOf(request), request.params.id, { userId: viewer.userId, stepId: request.body.stepId, comment: request.body.comment }, viewer.scope);
  });

  r.get('/v1/controls/sod-report', {
    config: { permission: 'audit:read' },
    schema: {
      tags,
      summary: 'Users holding conflicting roles (segregation of duties)',
      description: 'Pairs from CONFLICTING_ROLES where both roles apply to the same entity (or every entity).',
      response: { 200: z.object({ data: z.array(roleConflictSchema) }) },
    },
  }, async () => ({ data: await reportConflictingRoles(db) }));

  registerApprovalAdminRoutes(app, db);
}

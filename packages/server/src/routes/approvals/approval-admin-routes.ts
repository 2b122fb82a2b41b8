import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  approvalDelegationSchema, approvalLimitSchema, createApprovalDelegation, createApprovalDelegationSchema, createApprovalLimitSchema, deleteApprovalLimit,
  entityScopeFor, listApprovalDelegations, listApprovalDelegationsQuery, listApprovalLimits, listApprovalLimitsQuery, revokeApprovalDelegation,
  setApprovalLimit, updateApprovalLimit, updateApprovalLimitSchema, type Db,
} from '@invoiceops/core';
import { actorOf, principalOfRequest } from '../../auth/authenticate-request.ts';

const idParams = z.strictObject({ id: z.string().min(1).max(100) });
const tags = ['approvals'];

/** Approval limits (controllers) and delegations (each approver their own; controllers anyone's). */
export function registerApprovalAdminRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const manageScope = (request: Parameters<typeof principalOfRequest>[0]) => entityScopeFor(principalOfRequest(request), 'approvals:manage');
  const delegator = (request: Parameters<typeof principalOfRequest>[0]) => ({ userId: principalOfRequest(request).userId, mayManage: manageScope(request).all });

  r.get('/v1/approval-limits', {
    config: { permission: 'approvals:manage' },
    schema: { tags, summary: 'List approval limits', querystring: listApprovalLimitsQuery, response: { 200: z.object({ data: z.array(approvalLimitSchema), nextCursor: z.string().nullable() }) } },
  }, async (request) => listApprovalLimits(db, request.query, manageScope(request)));

  r.post('/v1/approval-limits', {
    config: { permission: 'approvals:manage' },
    schema: {
      tags,
      summary: 'Set a user approval limit for an entity or every entity',
      description: "For one entity the currency must be its functional currency. The entity's own limit wins over the every-entity one. Inclusive.",
      body: createApprovalLimitSchema,
      response: { 201: approvalLimitSchema },
    },
  }, async (request, reply) => {
    const limit = await setApprovalLimit(db, actorOf(request), request.body, manageScope(request));
    reply.code(201);
    return limit;
  });

  r.patch('/v1/approval-limits/:id', {
    config: { permission: 'approvals:manage' },
    schema: { tags, summary: 'Change an approval limit amount', params: idParams, body: updateApprovalLimitSchema, response: { 200: approvalLimitSchema } },
  }, async (request) => updateApprovalLimit(db, actorOf(request), request.params.id, request.body, manageScope(request)));

  r.delete('/v1/approval-limits/:id', {
    config: { permission: 'approvals:manage' },
    schema: { tags, summary: 'Remove an approval limit', params: idParams, response: { 204: z.null() } },
  }, async (request, reply) => {
    await deleteApprovalLimit(db, actorOf(request), request.params.id, manageScope(request));
    reply.code(204);
    return null;
  });

  r.get('/v1/approval-delegations', {
    config: { permission: 'approvals:act' },
    schema: {
      tags,
      summary: 'List delegations (yours; every one with approvals:manage)',
      querystring: listApprovalDelegationsQuery,
      response: { 200: z.object({ data: z.array(approvalDelegationSchema), nextCursor: z.string().nullable() }) },
    },
  }, async (request) => {
    const by = delegator(request);
    return listApprovalDelegations(db, request.query, by.mayManage ? null : by.userId);
  });

  r.post('/v1/approval-delegations', {
    config: { permission: 'approvals:act' },
    schema: {
      tags,
      summary: 'Delegate approvals for a time window',
      description: 'The delegate acts on your behalf in [startsAt, endsAt), still checked for segregation of duties and approval limits.',
      body: createApprovalDelegationSchema,
      response: { 201: approvalDelegationSchema },
    },
  }, async (request, reply) => {
    const delegation = await createApprovalDelegation(db, actorOf(request), request.body, delegator(request));
    reply.code(201);
    return delegation;
  });

  r.delete('/v1/approval-delegations/:id', {
    config: { permission: 'approvals:act' },
    schema: { tags, summary: 'Revoke a delegation (it stays on record)', params: idParams, response: { 200: approvalDelegationSchema } },
  }, async (request) => revokeApprovalDelegation(db, actorOf(request), request.params.id, delegator(request)));
}

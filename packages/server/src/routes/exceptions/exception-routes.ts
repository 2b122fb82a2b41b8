import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  applyBulkExceptionAction,
  assignException,
  assignExceptionSchema,
  bulkExceptionActionSchema,
  bulkExceptionResultSchema,
  commentOnException,
  commentOnExceptionSchema,
  entityScopeFor,
  exceptionCommentSchema,
  exceptionSchema,
  exceptionWithCommentsSchema,
  getException,
  listExceptions,
  listExceptionsQuery,
  resolveException,
  resolveExceptionSchema,
  type Db,
  type ExceptionResolveScopes,
} from '@invoiceops/core';
import { actorOf, principalOfRequest } from '../../auth/authenticate-request.ts';

const idParams = z.strictObject({ id: z.string().min(1).max(100) });
const tags = ['exceptions'];

/** The caller's scopes for working exceptions and for overriding them. */
function resolveScopes(request: FastifyRequest): ExceptionResolveScopes {
  const principal = principalOfRequest(request);
  return { manage: entityScopeFor(principal, 'exceptions:manage'), override: entityScopeFor(principal, 'exceptions:override') };
}

/** Exception queues: list, read, assign, comment, resolve, and bulk assign/resolve. */
export function registerExceptionRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/v1/exceptions', {
    config: { permission: 'exceptions:read' },
    schema: {
      tags,
      summary: 'List exceptions (queues), oldest first',
      description: 'Filter by status, category, entity, assignee (user or team), document, source system, or overdue (open and past the SLA due time).',
      querystring: listExceptionsQuery,
      response: { 200: z.object({ data: z.array(exceptionSchema), nextCursor: z.string().nullable() }) },
    },
  }, async (request) => listExceptions(db, request.query, entityScopeFor(principalOfRequest(request), 'exceptions:read')));

  r.get('/v1/exceptions/:id', {
    config: { permission: 'exceptions:read' },
    schema: { tags, summary: 'An exception with its comments', params: idParams, response: { 200: exceptionWithCommentsSchema } },
  }, async (request) => getException(db, request.params.id, entityScopeFor(principalOfRequest(request), 'exceptions:read')));

  r.post('/v1/exceptions/:id/assign', {
    config: { permission: 'exceptions:manage' },
    schema: {
      tags,
      summary: 'Assign an open exception to a user, a team, or both',
      description: 'Omitted fields stay as they are; null clears one. The user must hold a role that works exceptions of the entity.',
      params: idParams,
      body: assignExceptionSchema,
      response: { 200: exceptionSchema },
    },
  }, async (request) => assignException(db, actorOf(request), request.params.id, request.body, resolveScopes(request).manage));

  r.post('/v1/exceptions/:id/comments', {
    config: { permission: 'exceptions:manage' },
    schema: { tags, summary: 'Add a comment to an exception (append-only)', params: idParams, body: commentOnExceptionSchema, response: { 201: exceptionCommentSchema } },
  }, async (request, reply) => {
    const comment = await commentOnException(db, actorOf(request), request.params.id, request.body, resolveScopes(request).manage);
    reply.code(201);
    return comment;
  });

  r.post('/v1/exceptions/:id/resolve', {
    config: { permission: 'exceptions:manage' },
    schema: {
      tags,
      summary: 'Resolve an open exception',
      description:
        'corrected_revalidated: the data was fixed and the document passed validation again; overridden: let the document pass as it is ' +
        '(needs a reason and exceptions:override, held by approvers and controllers); voided / credited: the document was voided or credited (checked).',
      params: idParams,
      body: resolveExceptionSchema,
      response: { 200: exceptionSchema },
    },
  }, async (request) => resolveException(db, actorOf(request), request.params.id, request.body, resolveScopes(request)));

  r.post('/v1/exceptions/bulk', {
    config: { permission: 'exceptions:manage' },
    schema: {
      tags,
      summary: 'Assign or resolve up to 100 exceptions, each on its own',
      description: 'Answers 200 with one result per id, in order: the exception, or the error that refused that one (the others still go ahead).',
      body: bulkExceptionActionSchema,
      response: { 200: bulkExceptionResultSchema },
    },
  }, async (request) => applyBulkExceptionAction(db, actorOf(request), request.body, resolveScopes(request)));
}

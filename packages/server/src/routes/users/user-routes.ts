import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  apiKeySchema,
  createUser,
  createUserSchema,
  getUser,
  issueApiKey,
  issueApiKeySchema,
  listApiKeys,
  listUsers,
  listUsersQuery,
  revokeApiKey,
  updateUser,
  updateUserSchema,
  userSchema,
  type Db,
} from '@invoiceops/core';
import { actorOf } from '../../auth/authenticate-request.ts';

const idParams = z.strictObject({ id: z.string().min(1).max(100) });

/** Users, their grants and approval limits, and API keys. */
export function registerUserRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/v1/users', {
    config: { permission: 'users:read' },
    schema: { tags: ['users'], summary: 'List users', querystring: listUsersQuery, response: { 200: z.object({ data: z.array(userSchema), nextCursor: z.string().nullable() }) } },
  }, async (request) => listUsers(db, request.query));

  r.get('/v1/users/:id', {
    config: { permission: 'users:read' },
    schema: { tags: ['users'], summary: 'Get a user with grants, limits and role conflicts', params: idParams, response: { 200: userSchema } },
  }, async (request) => getUser(db, request.params.id));

  r.post('/v1/users', {
    config: { permission: 'users:write' },
    schema: { tags: ['users'], summary: 'Create a user', body: createUserSchema, response: { 201: userSchema } },
  }, async (request, reply) => {
    const user = await createUser(db, actorOf(request), request.body);
    reply.code(201).header('location', `/v1/users/${user.id}`);
    return user;
  });

  r.patch('/v1/users/:id', {
    config: { permission: 'users:write' },
    schema: { tags: ['users'], summary: 'Update a user (grants and limits are replaced when sent)', params: idParams, body: updateUserSchema, response: { 200: userSchema } },
  }, async (request) => updateUser(db, actorOf(request), request.params.id, request.body));

  r.get('/v1/api-keys', {
    config: { permission: 'api-keys:manage' },
    schema: { tags: ['api-keys'], summary: 'List API keys (never the secrets)', querystring: z.strictObject({ userId: z.string().max(100).optional() }), response: { 200: z.object({ data: z.array(apiKeySchema) }) } },
  }, async (request) => ({ data: await listApiKeys(db, request.query.userId) }));

  r.post('/v1/api-keys', {
    config: { permission: 'api-keys:manage' },
    schema: {
      tags: ['api-keys'],
      summary: 'Issue an API key; the secret is in this response only',
      body: issueApiKeySchema,
      response: { 201: z.object({ apiKey: apiKeySchema, secret: z.string() }) },
    },
  }, async (request, reply) => {
    const issued = await issueApiKey(db, actorOf(request), request.body);
    reply.code(201).header('location', `/v1/api-keys/${issued.apiKey.id}`);
    return issued;
  });

  r.post('/v1/api-keys/:id/revoke', {
    config: { permission: 'api-keys:manage' },
    schema: {
      tags: ['api-keys'],
      summary: 'Revoke an API key at once',
      params: idParams,
      body: z.strictObject({ reason: z.string().max(500).optional() }).optional(),
      response: { 200: apiKeySchema },
    },
  }, async (request) => revokeApiKey(db, actorOf(request), request.params.id, request.body?.reason));
}

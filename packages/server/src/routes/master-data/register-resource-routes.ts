import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AppError,
  createRecord,
  entityScopeFor,
  getRecord,
  listRecords,
  updateRecord,
  type ResourceDefinition,
} from '@invoiceops/core';
import { actorOf, principalOfRequest } from '../../auth/authenticate-request.ts';
import type { Db } from '@invoiceops/core';

const idParams = z.strictObject({ id: z.string().min(1).max(100) });
const ifMatch = z.object({ 'if-match': z.string().regex(/^"?\d+"?$/, 'must be the version number, such as "3"').optional() });

/**
 * list / get / create / update routes for one master-data resource. The handlers only
 * translate HTTP to the generic use cases; the resource definition carries schemas,
 * permissions and checks.
 */
export function registerResourceRoutes(app: FastifyInstance, db: Db, definition: ResourceDefinition): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = `/v1/${definition.path}`;
  const tags = [definition.path];
  const page = z.object({ data: z.array(definition.outputSchema), nextCursor: z.string().nullable() });

  r.get(base, {
    config: { permission: definition.permissions.read },
    schema: { tags, summary: `List ${definition.label}s`, querystring: definition.listQuery, response: { 200: page } },
  }, async (request) => {
    const scope = entityScopeFor(principalOfRequest(request), definition.permissions.read);
    const result = await listRecords(db, definition, { query: request.query as never, scope });
    return { data: result.data.map(definition.toOutput), nextCursor: result.nextCursor };
  });

  r.get(`${base}/:id`, {
    config: { permission: definition.permissions.read },
    schema: { tags, summary: `Get a ${definition.label}`, params: idParams, response: { 200: definition.outputSchema } },
  }, async (request, reply) => {
    const scope = entityScopeFor(principalOfRequest(request), definition.permissions.read);
    const row = await getRecord(db, definition, request.params.id, scope);
    reply.header('etag', `"${row.version}"`);
    return definition.toOutput(row);
  });

  if (definition.creatable !== false) {
    r.post(base, {
      config: { permission: definition.permissions.write },
      schema: { tags, summary: `Create a ${definition.label}`, body: definition.createSchema, response: { 201: definition.outputSchema } },
    }, async (request, reply) => {
      const scope = entityScopeFor(principalOfRequest(request), definition.permissions.write);
      const row = await createRecord(db, actorOf(request), definition, { data: request.body as Record<string, unknown>, scope });
      reply.code(201).header('location', `${base}/${row.id}`).header('etag', `"${row.version}"`);
      return definition.toOutput(row);
    });
  }

  r.patch(`${base}/:id`, {
    config: { permission: definition.permissions.write },
    schema: {
      tags,
      summary: `Update a ${definition.label}`,
      description: 'Send only the fields to change. With If-Match: "<version>" the update is refused (409) if someone changed the record meanwhile.',
      params: idParams,
      headers: ifMatch,
      body: definition.updateSchema,
      response: { 200: definition.outputSchema },
    },
  }, async (request, reply) => {
    const scope = entityScopeFor(principalOfRequest(request), definition.permissions.write);
    const header = request.headers['if-match'];
    const expectedVersion = header === undefined ? undefined : Number(String(header).replaceAll('"', ''));
    if (expectedVersion !== undefined && !Number.isSafeInteger(expectedVersion)) throw AppError.invalid('/headers/if-match', 'must be a version number');
    const row = await updateRecord(db, actorOf(request), definition, {
      id: request.params.id,
      patch: request.body as Record<string, unknown>,
      scope,
      expectedVersion,
    });
    reply.header('etag', `"${row.version}"`);
    return definition.toOutput(row);
  });
}

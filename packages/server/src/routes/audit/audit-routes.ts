import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { entityScopeFor, listAuditForObject, scopeIncludes, verifyAuditChain, type Db } from '@invoiceops/core';
import { principalOfRequest } from '../../auth/authenticate-request.ts';

const auditRecord = z.object({
  seq: z.string(),
  id: z.string(),
  occurredAt: z.string(),
  actor: z.string(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string(),
  entityId: z.string().nullable(),
  diff: z.record(z.string(), z.unknown()),
  reason: z.string().nullable(),
  requestId: z.string().nullable(),
  hash: z.string(),
  prevHash: z.string(),
});

/** Audit history per object, and a full chain verification. */
export function registerAuditRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/v1/audit/:objectType/:objectId', {
    config: { permission: 'audit:read' },
    schema: {
      tags: ['audit'],
      summary: 'The audit history of one object, oldest first',
      params: z.strictObject({ objectType: z.string().regex(/^[a-z_]{1,40}$/), objectId: z.string().min(1).max(100) }),
      response: { 200: z.object({ data: z.array(auditRecord) }) },
    },
  }, async (request) => {
    const scope = entityScopeFor(principalOfRequest(request), 'audit:read');
    const rows = await listAuditForObject(db, request.params.objectType, request.params.objectId);
    return { data: rows.filter((row) => row.entityId === null || scopeIncludes(scope, row.entityId)) };
  });

  r.post('/v1/audit/verify', {
    config: { permission: 'audit:verify' },
    schema: {
      tags: ['audit'],
      summary: 'Recompute the hash chain and report the first broken row',
      response: { 200: z.object({ ok: z.boolean(), rowsChecked: z.number(), firstBroken: z.object({ seq: z.string(), id: z.string(), problem: z.string() }).optional() }) },
    },
  }, async () => verifyAuditChain(db));
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  connectorStatusSchema,
  deadLetterSchema,
  entityScopeFor,
  erpConnectionNameParam,
  erpConnectionSchema,
  getConnectorStatuses,
  getErpConnection,
  listDeadLetters,
  listDeadLettersQuery,
  listErpConnections,
  replayDeadLetters,
  replayDeadLettersInput,
  saveErpConnection,
  saveErpConnectionInput,
  type Db,
} from '@invoiceops/core';
import { ERP_CONNECTORS } from '@invoiceops/connectors';
import { actorOf, principalOfRequest } from '../../auth/authenticate-request.ts';

const connectorKindSchema = z.object({
  kind: z.string(),
  displayName: z.string(),
  limits: z.object({ concurrency: z.number().int(), perMinute: z.number().int() }).describe("The vendor's documented limits, the default for a new connection"),
});

/**
 * ERP connections (docs/erp-connectors.md): which connector kinds exist, the configured
 * connections, their health, and the dead-letter queue with replay.
 */
export function registerConnectionRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const kinds = [...ERP_CONNECTORS.keys()];

  r.get('/v1/integrations/connectors', {
    config: { permission: 'integrations:read' },
    schema: { tags: ['integrations'], summary: 'The ERP connector kinds this installation has', response: { 200: z.object({ data: z.array(connectorKindSchema) }) } },
  }, async () => ({ data: [...ERP_CONNECTORS.values()].map((d) => ({ kind: d.kind, displayName: d.displayName, limits: { concurrency: d.limits.concurrency, perMinute: d.limits.perMinute } })) }));

  r.get('/v1/integrations/connections', {
    config: { permission: 'integrations:read' },
    schema: { tags: ['integrations'], summary: 'Configured ERP connections (an entity without one posts to the built-in ledger)', response: { 200: z.object({ data: z.array(erpConnectionSchema) }) } },
  }, async () => ({ data: await listErpConnections(db) }));

  r.get('/v1/integrations/connections/:name', {
    config: { permission: 'integrations:read' },
    schema: { tags: ['integrations'], summary: 'One ERP connection', params: erpConnectionNameParam, response: { 200: erpConnectionSchema } },
  }, async (request) => getErpConnection(db, request.params.name));

  r.put('/v1/integrations/connections/:name', {
    config: { permission: 'integrations:manage' },
    schema: {
      tags: ['integrations'],
      summary: 'Create or replace an ERP connection',
      description: 'Credentials are not sent here: store them in the vault (PUT /v1/integrations/secrets/{name}) and name the secret in secretName. Replacing needs the current version.',
      params: erpConnectionNameParam,
      body: saveErpConnectionInput,
      response: { 200: erpConnectionSchema },
    },
  }, async (request) => saveErpConnection(db, actorOf(request), request.params.name, request.body, kinds));

  r.get('/v1/integrations/status', {
    config: { permission: 'integrations:read' },
    schema: {
      tags: ['integrations'],
      summary: 'Health of each ERP connection: circuit, recent failures, documents waiting to be posted, dead letters',
      response: { 200: z.object({ data: z.array(connectorStatusSchema) }) },
    },
  }, async () => ({ data: await getConnectorStatuses(db) }));

  r.get('/v1/integrations/dead-letters', {
    config: { permission: 'integrations:read' },
    schema: { tags: ['integrations'], summary: 'Jobs that ran out of attempts, newest first, with the document each was about', querystring: listDeadLettersQuery, response: { 200: z.object({ data: z.array(deadLetterSchema) }) } },
  }, async (request) => ({ data: await listDeadLetters(db, request.query, entityScopeFor(principalOfRequest(request), 'integrations:read')) }));

  r.post('/v1/integrations/dead-letters/replay', {
    config: { permission: 'integrations:manage' },
    schema: {
      tags: ['integrations'],
      summary: 'Replay dead jobs: by ids, or every dead job of a type',
      description: 'Each is queued again with fresh attempts. Jobs are idempotent (a posting finds an earlier one by its external id), so replaying never duplicates.',
      body: replayDeadLettersInput,
      response: { 200: z.object({ replayed: z.array(z.string()) }) },
    },
  }, async (request) => replayDeadLetters(db, actorOf(request), request.body, entityScopeFor(principalOfRequest(request), 'integrations:manage')));

  r.post('/v1/integrations/dead-letters/:id/replay', {
    config: { permission: 'integrations:manage' },
    schema: { tags: ['integrations'], summary: 'Replay one dead job', params: z.strictObject({ id: z.string().min(1).max(100) }), response: { 200: z.object({ replayed: z.array(z.string()) }) } },
  }, async (request) => replayDeadLetters(db, actorOf(request), { ids: [request.params.id] }, entityScopeFor(principalOfRequest(request), 'integrations:manage')));
}

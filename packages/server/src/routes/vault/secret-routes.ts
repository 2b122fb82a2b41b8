import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { deleteSecret, listSecrets, putSecret, putSecretSchema, secretName, secretSummarySchema, type Db } from '@invoiceops/core';
import { actorOf } from '../../auth/authenticate-request.ts';
import { masterKeyOrProblem, type MasterKeyProvider } from './master-key-provider.ts';

const tags = ['integrations'];
const nameParams = z.strictObject({ name: secretName });

/**
 * The credential vault over HTTP: names and field names only; values go in and never come
 * out. Request bodies are not logged (Fastify logs method, URL and status), and validation
 * messages name fields, never values.
 */
export function registerSecretRoutes(app: FastifyInstance, db: Db, masterKey: MasterKeyProvider): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/v1/integrations/secrets', {
    config: { permission: 'integrations:manage' },
    schema: { tags, summary: 'List the vault\'s secrets: names, field names and times — never values', response: { 200: z.object({ data: z.array(secretSummarySchema) }) } },
  }, async () => ({ data: await listSecrets(db) }));

  r.put('/v1/integrations/secrets/:name', {
    config: { permission: 'integrations:manage' },
    schema: {
      tags,
      summary: 'Create or replace a secret (ERP credentials, …); values are write-only',
      description: 'Encrypted at rest (AES-256-GCM envelope encryption under the master key). The answer names the fields, never the values; the audit trail records which fields were added, changed and removed. Names starting with webhook: belong to webhook subscriptions.',
      params: nameParams,
      body: putSecretSchema,
      response: { 200: secretSummarySchema },
    },
  }, async (request, reply) => {
    const key = masterKeyOrProblem(masterKey, request, reply);
    if (!key) return reply;
    return putSecret(db, actorOf(request), key, request.params.name, request.body);
  });

  r.delete('/v1/integrations/secrets/:name', {
    config: { permission: 'integrations:manage' },
    schema: { tags, summary: 'Delete a secret', params: nameParams, response: { 204: z.null() } },
  }, async (request, reply) => {
    await deleteSecret(db, actorOf(request), request.params.name);
    reply.code(204);
    return null;
  });
}

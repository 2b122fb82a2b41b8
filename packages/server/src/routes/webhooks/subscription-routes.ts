import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  WEBHOOK_EVENT_TYPES,
  createWebhookSubscription,
  createWebhookSubscriptionSchema,
  deleteWebhookSubscription,
  getWebhookSubscriptionRow,
  idOf,
  listWebhookSubscriptions,
  rotateWebhookSecret,
  toWebhookSubscription,
  updateWebhookSubscription,
  updateWebhookSubscriptionSchema,
  webhookSubscriptionSchema,
  webhookSubscriptionWithSecretSchema,
  type Db,
} from '@invoiceops/core';
import { actorOf } from '../../auth/authenticate-request.ts';
import { masterKeyOrProblem, type MasterKeyProvider } from '../vault/master-key-provider.ts';

const tags = ['webhooks'];
const idParams = z.strictObject({ id: idOf('whs') });

/**
 * Webhook subscriptions. The signing secret is answered once, by creation and by
 * rotate-secret; an Idempotency-Key replay of those answers gets `secret: null` (the
 * stored copy of the answer is redacted).
 */
export function registerSubscriptionRoutes(app: FastifyInstance, db: Db, masterKey: MasterKeyProvider): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/v1/webhooks/event-types', {
    config: { permission: 'integrations:read' },
    schema: { tags, summary: 'The event types a subscription may name (docs/webhooks.md has payload examples)', response: { 200: z.object({ data: z.array(z.string()) }) } },
  }, async () => ({ data: [...WEBHOOK_EVENT_TYPES] }));

  r.post('/v1/webhooks/subscriptions', {
    config: { permission: 'integrations:manage', idempotencyRedact: ['secret'] },
    schema: {
      tags,
      summary: 'Subscribe a URL to event types (or *); the answer holds the signing secret, shown only this once',
      description: 'Deliveries are signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature) with the returned whsec_ secret; verify them with the standardwebhooks library.',
      body: createWebhookSubscriptionSchema,
      response: { 201: webhookSubscriptionWithSecretSchema },
    },
  }, async (request, reply) => {
    const key = masterKeyOrProblem(masterKey, request, reply);
    if (!key) return reply;
    const created = await createWebhookSubscription(db, actorOf(request), key, request.body);
    reply.code(201).header('location', `/v1/webhooks/subscriptions/${created.id}`);
    return created;
  });

  r.get('/v1/webhooks/subscriptions', {
    config: { permission: 'integrations:read' },
    schema: { tags, summary: 'Webhook subscriptions (never their secrets)', response: { 200: z.object({ data: z.array(webhookSubscriptionSchema) }) } },
  }, async () => ({ data: await listWebhookSubscriptions(db) }));

  r.get('/v1/webhooks/subscriptions/:id', {
    config: { permission: 'integrations:read' },
    schema: { tags, summary: 'One webhook subscription (never its secret)', params: idParams, response: { 200: webhookSubscriptionSchema } },
  }, async (request) => toWebhookSubscription(await getWebhookSubscriptionRow(db, request.params.id)));

  r.patch('/v1/webhooks/subscriptions/:id', {
    config: { permission: 'integrations:manage' },
    schema: { tags, summary: 'Change the URL, event types, description, or enable/disable a subscription', params: idParams, body: updateWebhookSubscriptionSchema, response: { 200: webhookSubscriptionSchema } },
  }, async (request) => updateWebhookSubscription(db, actorOf(request), request.params.id, request.body));

  r.delete('/v1/webhooks/subscriptions/:id', {
    config: { permission: 'integrations:manage' },
    schema: { tags, summary: 'Delete a subscription with its secret and delivery log (disable it to keep the log)', params: idParams, response: { 204: z.null() } },
  }, async (request, reply) => {
    await deleteWebhookSubscription(db, actorOf(request), request.params.id);
    reply.code(204);
    return null;
  });

  r.post('/v1/webhooks/subscriptions/:id/rotate-secret', {
    config: { permission: 'integrations:manage', idempotencyRedact: ['secret'] },
    schema: { tags, summary: 'Replace the signing secret; the new one is in this answer only and signs every attempt from now on', params: idParams, response: { 200: webhookSubscriptionWithSecretSchema } },
  }, async (request, reply) => {
    const key = masterKeyOrProblem(masterKey, request, reply);
    if (!key) return reply;
    return rotateWebhookSecret(db, actorOf(request), key, request.params.id);
  });
}

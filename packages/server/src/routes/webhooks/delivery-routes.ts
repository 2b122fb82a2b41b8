import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  getWebhookDelivery,
  idOf,
  listWebhookDeliveries,
  listWebhookDeliveriesQuery,
  replayResultSchema,
  replayWebhookDeliveries,
  replayWebhookDeliveriesSchema,
  replayWebhookDelivery,
  webhookDeliverySchema,
  type Db,
} from '@invoiceops/core';
import { actorOf } from '../../auth/authenticate-request.ts';

const tags = ['webhooks'];
const idParams = z.strictObject({ id: idOf('msg') });

/** The outbound delivery log, and replay. */
export function registerDeliveryRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/v1/webhooks/deliveries', {
    config: { permission: 'integrations:read' },
    schema: {
      tags,
      summary: 'The webhook delivery log: event type, subscription, state, attempts, last status and error, next attempt',
      querystring: listWebhookDeliveriesQuery,
      response: { 200: z.object({ data: z.array(webhookDeliverySchema), nextCursor: z.string().nullable() }) },
    },
  }, async (request) => listWebhookDeliveries(db, request.query));

  r.get('/v1/webhooks/deliveries/:id', {
    config: { permission: 'integrations:read' },
    schema: { tags, summary: 'One webhook delivery', params: idParams, response: { 200: webhookDeliverySchema } },
  }, async (request) => getWebhookDelivery(db, request.params.id));

  r.post('/v1/webhooks/deliveries/:id/replay', {
    config: { permission: 'integrations:manage' },
    schema: {
      tags,
      summary: 'Send a dead or delivered webhook again (same webhook-id, fresh signature, a full set of attempts)',
      params: idParams,
      response: { 202: webhookDeliverySchema },
    },
  }, async (request, reply) => {
    await replayWebhookDelivery(db, actorOf(request), request.params.id);
    reply.code(202);
    return getWebhookDelivery(db, request.params.id);
  });

  r.post('/v1/webhooks/deliveries/replay', {
    config: { permission: 'integrations:manage' },
    schema: {
      tags,
      summary: 'Replay many deliveries: the listed ids, or every dead one (optionally of one subscription or event type), 1000 per call',
      body: replayWebhookDeliveriesSchema,
      response: { 200: replayResultSchema },
    },
  }, async (request) => replayWebhookDeliveries(db, actorOf(request), request.body));
}

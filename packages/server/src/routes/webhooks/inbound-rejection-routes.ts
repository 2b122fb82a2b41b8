import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inboundRejectionSchema, listInboundRejections, listInboundRejectionsQuery, type Db } from '@invoiceops/core';

/** The log of inbound webhooks refused for their signature (no bodies, no secrets). */
export function registerInboundRejectionRoutes(app: FastifyInstance, db: Db): void {
  app.withTypeProvider<ZodTypeProvider>().get('/v1/webhooks/inbound-rejections', {
    config: { permission: 'integrations:read' },
    schema: {
      tags: ['webhooks'],
      summary: 'Inbound webhooks (CRM, Stripe) refused for a missing or bad signature, newest first',
      querystring: listInboundRejectionsQuery,
      response: { 200: z.object({ data: z.array(inboundRejectionSchema), nextCursor: z.string().nullable() }) },
    },
  }, async (request) => listInboundRejections(db, request.query));
}

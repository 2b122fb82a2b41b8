import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AppError,
  MAX_USAGE_BATCH,
  entityScopeFor,
  ingestUsageEvents,
  listUsageEvents,
  listUsageEventsQuery,
  reviewHeldUsage,
  reviewHeldUsageSchema,
  usageEventSchema,
  usageReviewResultSchema,
  type Db,
} from '@invoiceops/core';
import { actorOf, principalOfRequest } from '../../auth/authenticate-request.ts';

const outcome = z.object({
  index: z.number().int(),
  id: z.string().nullable(),
  source: z.string().nullable(),
  status: z.enum(['accepted', 'flagged', 'duplicate', 'rejected']),
  reason: z.string().optional(),
  usageEventId: z.string().optional(),
});

const ingestResponse = z.object({
  accepted: z.number().int(),
  flagged: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.number().int(),
  results: z.array(outcome),
});

const CLOUDEVENTS_TYPES = ['application/cloudevents+json', 'application/cloudevents-batch+json'];

/** Usage ingestion (CloudEvents 1.0, structured or batch) and the usage event list. */
export function registerUsageRoutes(app: FastifyInstance, db: Db): void {
  app.addContentTypeParser(CLOUDEVENTS_TYPES, { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/v1/usage-events', {
    config: { permission: 'usage:write' },
    bodyLimit: 8 * 1024 * 1024,
    // The answer is built by typed code and has up to 1,000 results: written as it is, not
    // validated again against the schema (which still documents it).
    serializerCompiler: () => (data) => JSON.stringify(data),
    schema: {
      tags: ['usage'],
      summary: 'Send usage as CloudEvents 1.0: one event, or a batch of up to 1,000',
      description:
        'Content types: application/cloudevents+json (one event), application/cloudevents-batch+json (an array), or application/json (either). ' +
        '`source` + `id` is the idempotency key: a repeat is reported as `duplicate` and counted once. `type` is the billable metric code, ' +
        '`subject` the customer (its `cus_` id or an external id), `time` when it happened, `data` the quantity and properties; ' +
        'the extension attribute `corrects` names an earlier event (same source) that this one replaces. Each event is judged on its own: ' +
        'rejected events carry a reason and the rest of the batch lands.',
      body: z.union([z.array(z.unknown()).min(1).max(MAX_USAGE_BATCH), z.record(z.string(), z.unknown())]).describe('A CloudEvent or an array of them'),
      response: { 200: ingestResponse },
    },
  }, async (request) => {
    const single = !Array.isArray(request.body);
    const events = single ? [request.body] : (request.body as unknown[]);
    const scope = entityScopeFor(principalOfRequest(request), 'usage:write');
    const result = await ingestUsageEvents(db, actorOf(request), { events, scope });
    const only = result.results[0];
    if (single && only?.status === 'rejected') {
      throw new AppError('validation_failed', only.reason ?? 'the event was rejected', { issues: [{ path: '/', message: only.reason ?? 'rejected' }] });
    }
    return result;
  });

  r.get('/v1/usage-events', {
    config: { permission: 'usage:read' },
    schema: {
      tags: ['usage'],
      summary: 'List stored usage events (flagged ones are the review queue)',
      querystring: listUsageEventsQuery,
      response: { 200: z.object({ data: z.array(usageEventSchema), nextCursor: z.string().nullable() }) },
    },
  }, async (request) => listUsageEvents(db, request.query, entityScopeFor(principalOfRequest(request), 'usage:read')));

  r.post('/v1/usage-events/review', {
    config: { permission: 'usage:write' },
    schema: {
      tags: ['usage'],
      summary: 'Release or reject events held for review',
      description:
        '`release` bills each event as the customer\'s contract prices it: in the next bill run of its period, or — when that period is invoiced already — ' +
        'on the next invoice as late usage naming the period. `reject` keeps the event, never billed. The reason is kept with each event and in the audit trail. ' +
        'Each event is judged on its own: one that is not held, not found, or (to release) not rated by any contract line on its day is refused with the reason, and the others are reviewed.',
      body: reviewHeldUsageSchema,
      response: { 200: usageReviewResultSchema },
    },
  }, async (request) => reviewHeldUsage(db, actorOf(request), request.body, entityScopeFor(principalOfRequest(request), 'usage:write')));
}

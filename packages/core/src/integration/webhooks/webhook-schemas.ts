import { z } from 'zod';
import { idOf, pageQuery, text } from '../../shared/schemas.ts';
import { WEBHOOK_EVENT_TYPES } from './webhook-event-types.ts';

/** An http(s) URL without credentials in it (those would be stored and logged in clear). */
export const webhookUrl = z
  .string()
  .max(2000)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === '';
    } catch {
      return false;
    }
  }, 'must be an http:// or https:// URL without a user name or password in it');

/** Event types to receive, or `["*"]` for all. */
export const webhookEventTypes = z
  .array(z.enum(['*', ...WEBHOOK_EVENT_TYPES], { error: `must be * or one of ${WEBHOOK_EVENT_TYPES.join(', ')}` }))
  .min(1, 'name at least one event type, or *')
  .max(WEBHOOK_EVENT_TYPES.length + 1)
  .refine((types) => new Set(types).size === types.length, 'must not name an event type twice')
  .refine((types) => !types.includes('*') || types.length === 1, '* already means every event type; name it alone');

export const createWebhookSubscriptionSchema = z.strictObject({
  url: webhookUrl,
  eventTypes: webhookEventTypes,
  description: text(500).default(''),
  active: z.boolean().default(true),
});
export type CreateWebhookSubscriptionInput = z.output<typeof createWebhookSubscriptionSchema>;

/** Omitted fields stay as they are. */
export const updateWebhookSubscriptionSchema = z
  .strictObject({
    url: webhookUrl.optional(),
    eventTypes: webhookEventTypes.optional(),
    description: text(500).optional(),
    active: z.boolean().optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), 'change at least one of url, eventTypes, description, active');
export type UpdateWebhookSubscriptionInput = z.output<typeof updateWebhookSubscriptionSchema>;

export const webhookSubscriptionSchema = z.object({
  id: z.string(),
  url: z.string(),
  eventTypes: z.array(z.string()),
  description: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type WebhookSubscription = z.output<typeof webhookSubscriptionSchema>;

/** Creation and rotation answer with the signing secret, this once. */
export const webhookSubscriptionWithSecretSchema = webhookSubscriptionSchema.extend({
  secret: z.string().describe('The signing secret (whsec_…). Shown only in this response: store it now'),
});
export type WebhookSubscriptionWithSecret = z.output<typeof webhookSubscriptionWithSecretSchema>;

export const WEBHOOK_DELIVERY_STATES = Object.freeze(['pending', 'retrying', 'delivered', 'dead'] as const);

export const webhookDeliverySchema = z.object({
  id: z.string().describe('The webhook-id header: the same on every attempt and replay, for the receiver to deduplicate'),
  eventId: z.string(),
  eventType: z.string(),
  subscriptionId: z.string(),
  state: z.enum(WEBHOOK_DELIVERY_STATES),
  attemptCount: z.number().int(),
  replayCount: z.number().int(),
  lastStatus: z.number().int().nullable().describe('HTTP status of the last attempt; null when no response came'),
  lastError: z.string().nullable(),
  lastResponse: z.string().nullable().describe('The start of the last response body (at most 4 KB)'),
  lastAttemptAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
});
export type WebhookDelivery = z.output<typeof webhookDeliverySchema>;

export const listWebhookDeliveriesQuery = pageQuery.extend({
  subscriptionId: idOf('whs').optional(),
  state: z.enum(WEBHOOK_DELIVERY_STATES).optional(),
  eventType: z.string().max(100).optional(),
});
export type ListWebhookDeliveriesQuery = z.output<typeof listWebhookDeliveriesQuery>;

/** Bulk replay: the listed deliveries, or every dead one (optionally of one subscription or event type). */
export const replayWebhookDeliveriesSchema = z
  .strictObject({
    ids: z.array(idOf('msg')).min(1).max(500).optional(),
    state: z.literal('dead').optional().describe('Replay every dead delivery matching the filters (up to 1000 per call)'),
    subscriptionId: idOf('whs').optional(),
    eventType: z.string().max(100).optional(),
  })
  .refine((v) => (v.ids === undefined) !== (v.state === undefined), 'give either ids or state: "dead"');
export type ReplayWebhookDeliveriesInput = z.output<typeof replayWebhookDeliveriesSchema>;

export const replayResultSchema = z.object({
  replayed: z.array(z.string()).describe('Ids of the deliveries queued again'),
  skipped: z.array(z.object({ id: z.string(), reason: z.string() })).describe('Listed deliveries not replayed (still queued, or unknown)'),
  more: z.boolean().describe('More dead deliveries match than one call replays: call again'),
});
export type ReplayResult = z.output<typeof replayResultSchema>;

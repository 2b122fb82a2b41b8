import { sql } from 'kysely';
import { insertRows } from '../../db/insert-rows.ts';
import type { Trx } from '../../db/transaction.ts';
import { ID_PREFIX, newId } from '../../shared/ids.ts';
import { DELIVER_WEBHOOK_JOB, WEBHOOK_MAX_ATTEMPTS, type WebhookEventType } from './webhook-event-types.ts';

/** One business event: its type and a small business object (`data` of the payload). */
export interface WebhookEventInput {
  type: WebhookEventType;
  data: Record<string, unknown>;
}

/** An active subscription and the event types it takes (`*`: all). */
export interface WebhookSubscriber {
  id: string;
  eventTypes: string[];
}

const BATCH = 1000;

/**
 * The active subscriptions that take any of `types`: one indexed query, and with no
 * subscriptions at all the whole cost of emitting events.
 */
export async function findWebhookSubscribers(trx: Trx, types: readonly string[]): Promise<WebhookSubscriber[]> {
  if (types.length === 0) return [];
  return trx
    .selectFrom('webhookSubscriptions')
    .select(['id', 'eventTypes'])
    .where('active', '=', true)
    .where(sql<boolean>`event_types && ${[...new Set(types), '*']}::text[]`)
    .orderBy('id')
    .execute();
}

/**
 * Writes events for the subscribers found by {@link findWebhookSubscribers}: one
 * `outbound_events` row per event that someone takes, and per matching subscriber a
 * delivery row and a `deliver_webhook` job — in batches, in the caller's transaction.
 * Returns the number of deliveries.
 */
export async function writeWebhookEvents(trx: Trx, events: readonly WebhookEventInput[], subscribers: readonly WebhookSubscriber[], now: Date = new Date()): Promise<number> {
  if (events.length === 0 || subscribers.length === 0) return 0;
  const timestamp = now.toISOString();
  const eventRows: object[] = [];
  const deliveries: object[] = [];
  const jobs: object[] = [];
  for (const event of events) {
    const takers = subscribers.filter((s) => s.eventTypes.includes('*') || s.eventTypes.includes(event.type));
    if (takers.length === 0) continue;
    const eventId = newId(ID_PREFIX.outboundEvent);
    // Key order as in the Standard Webhooks examples; stored as text, sent byte for byte.
    eventRows.push({ id: eventId, type: event.type, payload: JSON.stringify({ type: event.type, timestamp, data: event.data }), createdAt: now });
    for (const subscriber of takers) {
      const deliveryId = newId(ID_PREFIX.webhookDelivery);
      deliveries.push({
        id: deliveryId, eventId, subscriptionId: subscriber.id, eventType: event.type, state: 'pending', attemptCount: 0,
        attemptLimit: WEBHOOK_MAX_ATTEMPTS, replayCount: 0, nextAttemptAt: now, createdAt: now, updatedAt: now,
      });
      // The delivery row decides when it is dead; the job's own limit only backs it up.
      jobs.push({ id: newId(ID_PREFIX.job), type: DELIVER_WEBHOOK_JOB, version: 1, payload: JSON.stringify({ deliveryId }), runAt: now, maxAttempts: WEBHOOK_MAX_ATTEMPTS + 2 });
    }
  }
  for (let i = 0; i < eventRows.length; i += BATCH) await insertRows(trx, 'outboundEvents', eventRows.slice(i, i + BATCH));
  for (let i = 0; i < deliveries.length; i += BATCH) await insertRows(trx, 'webhookDeliveries', deliveries.slice(i, i + BATCH));
  for (let i = 0; i < jobs.length; i += BATCH) await insertRows(trx, 'jobs', jobs.slice(i, i + BATCH), ['payload']);
  return deliveries.length;
}

/**
 * Emits business events to the webhook subscriptions that take them, inside the caller's
 * transaction (transactional outbox): the events, deliveries and jobs exist if and only if
 * the business change commits. Costs one cheap query when nobody subscribes. Returns the
 * number of deliveries queued.
 */
export async function emitWebhookEvents(trx: Trx, events: readonly WebhookEventInput[], now: Date = new Date()): Promise<number> {
  if (events.length === 0) return 0;
  const subscribers = await findWebhookSubscribers(trx, events.map((e) => e.type));
  return writeWebhookEvents(trx, events, subscribers, now);
}

/** Emits one event; see {@link emitWebhookEvents}. */
export async function emitWebhookEvent(trx: Trx, event: WebhookEventInput, now: Date = new Date()): Promise<number> {
  return emitWebhookEvents(trx, [event], now);
}

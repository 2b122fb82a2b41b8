import type { Selectable } from 'kysely';
import type { Db } from '../../db/transaction.ts';
import type { WebhookDeliveriesTable } from '../../db/webhook-tables.ts';
import { AppError } from '../../errors/app-error.ts';
import { decodeCursor, splitPage, type Page } from '../../master-data/pagination.ts';
import type { ListWebhookDeliveriesQuery, WebhookDelivery } from './webhook-schemas.ts';

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

/** The API shape of a delivery row. */
export function toWebhookDelivery(row: Selectable<WebhookDeliveriesTable>): WebhookDelivery {
  return {
    id: row.id,
    eventId: row.eventId,
    eventType: row.eventType,
    subscriptionId: row.subscriptionId,
    state: row.state,
    attemptCount: row.attemptCount,
    replayCount: row.replayCount,
    lastStatus: row.lastStatus,
    lastError: row.lastError,
    lastResponse: row.lastResponse,
    lastAttemptAt: iso(row.lastAttemptAt),
    nextAttemptAt: iso(row.nextAttemptAt),
    deliveredAt: iso(row.deliveredAt),
    createdAt: row.createdAt.toISOString(),
  };
}

/** The delivery log, oldest first, filtered by subscription, state and event type. */
export async function listWebhookDeliveries(db: Db, query: ListWebhookDeliveriesQuery): Promise<Page<WebhookDelivery>> {
  let qb = db.selectFrom('webhookDeliveries').selectAll().orderBy('id').limit(query.limit + 1);
  if (query.cursor) qb = qb.where('id', '>', decodeCursor(query.cursor));
  if (query.subscriptionId) qb = qb.where('subscriptionId', '=', query.subscriptionId);
  if (query.state) qb = qb.where('state', '=', query.state);
  if (query.eventType) qb = qb.where('eventType', '=', query.eventType);
  const { page, nextCursor } = splitPage(await qb.execute(), query.limit);
  return { data: page.map(toWebhookDelivery), nextCursor };
}

/** One delivery, or `not_found`. */
export async function getWebhookDelivery(db: Db, id: string): Promise<WebhookDelivery> {
  const row = await db.selectFrom('webhookDeliveries').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw AppError.notFound('webhook delivery', id);
  return toWebhookDelivery(row);
}

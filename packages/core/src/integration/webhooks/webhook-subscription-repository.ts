import type { Selectable } from 'kysely';
import type { Db } from '../../db/transaction.ts';
import type { WebhookSubscriptionsTable } from '../../db/webhook-tables.ts';
import { AppError } from '../../errors/app-error.ts';
import type { WebhookSubscription } from './webhook-schemas.ts';

export type WebhookSubscriptionRow = Selectable<WebhookSubscriptionsTable>;

/** The API shape of a row (the secret name stays inside). */
export function toWebhookSubscription(row: WebhookSubscriptionRow): WebhookSubscription {
  return {
    id: row.id,
    url: row.url,
    eventTypes: row.eventTypes,
    description: row.description,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/** The subscription's row, or `not_found`; `forUpdate` locks it to the end of the transaction. */
export async function getWebhookSubscriptionRow(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<WebhookSubscriptionRow> {
  let query = db.selectFrom('webhookSubscriptions').selectAll().where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw AppError.notFound('webhook subscription', id);
  return row;
}

/** Every subscription, oldest first. */
export async function listWebhookSubscriptions(db: Db): Promise<WebhookSubscription[]> {
  const rows = await db.selectFrom('webhookSubscriptions').selectAll().orderBy('id').execute();
  return rows.map(toWebhookSubscription);
}

import { recordAudit } from '../../audit/record-audit.ts';
import { inTransaction, type Db } from '../../db/transaction.ts';
import { parseOrThrow } from '../../receivables/rating/parse-or-throw.ts';
import type { ActorContext } from '../../shared/context.ts';
import { updateWebhookSubscriptionSchema, type WebhookSubscription } from './webhook-schemas.ts';
import { getWebhookSubscriptionRow, toWebhookSubscription } from './webhook-subscription-repository.ts';

/**
 * Changes a subscription's URL, event types, description or active flag. Deliveries
 * already queued keep their event; a disabled subscription dead-letters them when their
 * turn comes (replay them after enabling it again).
 */
export async function updateWebhookSubscription(db: Db, ctx: ActorContext, id: string, input: unknown): Promise<WebhookSubscription> {
  const patch = parseOrThrow(updateWebhookSubscriptionSchema, input);
  return inTransaction(db, async (trx) => {
    const before = toWebhookSubscription(await getWebhookSubscriptionRow(trx, id, { forUpdate: true }));
    const row = await trx
      .updateTable('webhookSubscriptions')
      .set({
        ...(patch.url !== undefined ? { url: patch.url } : {}),
        ...(patch.eventTypes !== undefined ? { eventTypes: patch.eventTypes } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...(patch.active !== undefined ? { active: patch.active } : {}),
        updatedAt: new Date(),
        version: before.version + 1,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const after = toWebhookSubscription(row);
    await recordAudit(trx, ctx, { action: 'webhook_subscription.updated', objectType: 'webhook_subscription', objectId: id, before, after });
    return after;
  });
}

import { recordAudit } from '../../audit/record-audit.ts';
import { inTransaction, type Db } from '../../db/transaction.ts';
import type { ActorContext } from '../../shared/context.ts';
import { deleteSecret } from '../vault/delete-secret.ts';
import { getWebhookSubscriptionRow, toWebhookSubscription } from './webhook-subscription-repository.ts';

/**
 * Deletes a subscription with its signing secret and its delivery log (queued deliveries
 * are dropped). To stop deliveries but keep the log, disable it instead (`active: false`).
 */
export async function deleteWebhookSubscription(db: Db, ctx: ActorContext, id: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const before = toWebhookSubscription(await getWebhookSubscriptionRow(trx, id, { forUpdate: true }));
    const row = await trx.deleteFrom('webhookSubscriptions').where('id', '=', id).returning('secretName').executeTakeFirstOrThrow();
    await deleteSecret(trx, ctx, row.secretName, { managed: true });
    await recordAudit(trx, ctx, { action: 'webhook_subscription.deleted', objectType: 'webhook_subscription', objectId: id, before });
  });
}

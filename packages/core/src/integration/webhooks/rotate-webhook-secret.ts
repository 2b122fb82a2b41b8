import { recordAudit } from '../../audit/record-audit.ts';
import { inTransaction, type Db } from '../../db/transaction.ts';
import type { ActorContext } from '../../shared/context.ts';
import type { MasterKey } from '../vault/master-key.ts';
import { putSecret } from '../vault/put-secret.ts';
import { generateWebhookSecret } from './create-webhook-subscription.ts';
import type { WebhookSubscriptionWithSecret } from './webhook-schemas.ts';
import { getWebhookSubscriptionRow, toWebhookSubscription } from './webhook-subscription-repository.ts';

/**
 * Replaces a subscription's signing secret; every attempt from now on (retries included)
 * is signed with the new one, returned in this answer only.
 */
export async function rotateWebhookSecret(db: Db, ctx: ActorContext, masterKey: MasterKey, id: string): Promise<WebhookSubscriptionWithSecret> {
  return inTransaction(db, async (trx) => {
    const row = await getWebhookSubscriptionRow(trx, id, { forUpdate: true });
    const secret = generateWebhookSecret();
    await putSecret(trx, ctx, masterKey, row.secretName, { fields: { secret } }, { managed: true });
    const updated = await trx
      .updateTable('webhookSubscriptions')
      .set({ updatedAt: new Date(), version: row.version + 1 })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'webhook_subscription.secret_rotated', objectType: 'webhook_subscription', objectId: id, diff: { secret: 'rotated' } });
    return { ...toWebhookSubscription(updated), secret };
  });
}

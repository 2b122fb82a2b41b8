import { randomBytes } from 'node:crypto';
import { recordAudit } from '../../audit/record-audit.ts';
import { inTransaction, type Db } from '../../db/transaction.ts';
import { parseOrThrow } from '../../receivables/rating/parse-or-throw.ts';
import type { ActorContext } from '../../shared/context.ts';
import { ID_PREFIX, newId } from '../../shared/ids.ts';
import type { MasterKey } from '../vault/master-key.ts';
import { putSecret } from '../vault/put-secret.ts';
import { webhookSecretName } from './webhook-event-types.ts';
import { createWebhookSubscriptionSchema, type WebhookSubscriptionWithSecret } from './webhook-schemas.ts';
import { toWebhookSubscription } from './webhook-subscription-repository.ts';

/** A new Standard Webhooks signing secret: `whsec_` and the base64 of 32 random bytes. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/**
 * Subscribes a URL to event types (or `*`). The signing secret is generated here, stored
 * in the vault (encrypted under `masterKey`) and returned in this answer only; the audit
 * row records the subscription without it.
 */
export async function createWebhookSubscription(db: Db, ctx: ActorContext, masterKey: MasterKey, input: unknown): Promise<WebhookSubscriptionWithSecret> {
  const data = parseOrThrow(createWebhookSubscriptionSchema, input);
  return inTransaction(db, async (trx) => {
    const id = newId(ID_PREFIX.webhookSubscription);
    const secret = generateWebhookSecret();
    await putSecret(trx, ctx, masterKey, webhookSecretName(id), { fields: { secret } }, { managed: true });
    const row = await trx
      .insertInto('webhookSubscriptions')
      .values({ id, url: data.url, eventTypes: data.eventTypes, description: data.description, active: data.active, secretName: webhookSecretName(id), createdBy: ctx.actor })
      .returningAll()
      .executeTakeFirstOrThrow();
    const subscription = toWebhookSubscription(row);
    await recordAudit(trx, ctx, { action: 'webhook_subscription.created', objectType: 'webhook_subscription', objectId: id, after: subscription });
    return { ...subscription, secret };
  });
}

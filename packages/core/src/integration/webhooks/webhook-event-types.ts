import { MANAGED_SECRET_PREFIX } from '../vault/vault-schemas.ts';

/**
 * The outbound event catalogue (docs/webhooks.md). A subscription names some of these, or
 * `*` for all (including types added later).
 */
export const WEBHOOK_EVENT_TYPES = Object.freeze([
  'invoice.finalized',
  'credit_memo.finalized',
  'invoice.paid',
  'invoice.posted',
  'exception.raised',
  'approval.requested',
] as const);

/** One of {@link WEBHOOK_EVENT_TYPES}. */
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The worker job that delivers one webhook (payload `{deliveryId}`). */
export const DELIVER_WEBHOOK_JOB = 'deliver_webhook';

/**
 * Attempts per delivery before it is dead-lettered: the first and seven retries on the
 * schedule in `webhook-retry-policy.ts` (about 28 hours). A replay grants as many again.
 */
export const WEBHOOK_MAX_ATTEMPTS = 8;

/** The vault name of a subscription's signing secret. */
export function webhookSecretName(subscriptionId: string): string {
  return `${MANAGED_SECRET_PREFIX}${subscriptionId}`;
}

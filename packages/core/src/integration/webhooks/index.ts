/** Outbound webhooks (Standard Webhooks) and the inbound rejection log (docs/webhooks.md). */
export { DELIVER_WEBHOOK_JOB, WEBHOOK_EVENT_TYPES, WEBHOOK_MAX_ATTEMPTS, webhookSecretName, type WebhookEventType } from './webhook-event-types.ts';
export * from './webhook-schemas.ts';
export { getWebhookSubscriptionRow, listWebhookSubscriptions, toWebhookSubscription } from './webhook-subscription-repository.ts';
export { createWebhookSubscription, generateWebhookSecret } from './create-webhook-subscription.ts';
export { updateWebhookSubscription } from './update-webhook-subscription.ts';
export { deleteWebhookSubscription } from './delete-webhook-subscription.ts';
export { rotateWebhookSecret } from './rotate-webhook-secret.ts';
export { emitWebhookEvent, emitWebhookEvents, findWebhookSubscribers, writeWebhookEvents, type WebhookEventInput, type WebhookSubscriber } from './emit-webhook-events.ts';
export { emitInvoiceEvents, type InvoiceEventData } from './emit-invoice-events.ts';
export { MAX_RETRY_AFTER_MS, WEBHOOK_RETRY_SCHEDULE_MS, classifyWebhookStatus, parseRetryAfter, webhookRetryDelayMs } from './webhook-retry-policy.ts';
export { WEBHOOK_RESPONSE_LIMIT_BYTES, WEBHOOK_TIMEOUT_MS, type WebhookRequest, type WebhookResponse, type WebhookSender } from './webhook-sender.ts';
export { deliverWebhook, type DeliverWebhookDeps, type DeliverWebhookOutcome } from './deliver-webhook.ts';
export { getWebhookDelivery, listWebhookDeliveries, toWebhookDelivery } from './list-webhook-deliveries.ts';
export { replayWebhookDeliveries, replayWebhookDelivery } from './replay-webhook-deliveries.ts';
export * from './inbound-webhook-rejections.ts';

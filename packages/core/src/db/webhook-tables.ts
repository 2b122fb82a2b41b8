import type { ColumnType } from 'kysely';
import type { Timestamp, Version } from './column-types.ts';

// The credential vault and webhooks, outbound and inbound (migration 0018).

/** One named secret, envelope-encrypted (base64 text columns; see the migration). */
export interface VaultSecretsTable {
  name: string;
  /** Field names only, sorted; values are in the ciphertext. */
  fields: string[];
  ciphertext: string;
  iv: string;
  tag: string;
  wrappedKey: string;
  keyIv: string;
  keyTag: string;
  masterKeyId: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  version: Version;
}

/** Where events are sent; the signing secret is in the vault under `secretName`. */
export interface WebhookSubscriptionsTable {
  id: string;
  url: string;
  /** Event types, or `['*']` for all. */
  eventTypes: string[];
  description: ColumnType<string, string | undefined, string>;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  secretName: string;
  createdBy: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  version: Version;
}

/** An event as sent: `{type, timestamp, data}`, as JSON text (the exact bytes every attempt sends). */
export interface OutboundEventsTable {
  id: string;
  type: string;
  payload: ColumnType<string, string, never>;
  createdAt: Date;
}

export type WebhookDeliveryState = 'pending' | 'retrying' | 'delivered' | 'dead';

/** One event for one subscription; `id` is the `webhook-id` header. */
export interface WebhookDeliveriesTable {
  id: string;
  eventId: string;
  subscriptionId: string;
  eventType: string;
  state: ColumnType<WebhookDeliveryState, WebhookDeliveryState | undefined, WebhookDeliveryState>;
  attemptCount: ColumnType<number, number | undefined, number>;
  attemptLimit: number;
  replayCount: ColumnType<number, number | undefined, number>;
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  lastStatus: number | null;
  lastError: string | null;
  lastResponse: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** One attempt to deliver; append-only. */
export interface WebhookDeliveryAttemptsTable {
  id: string;
  deliveryId: string;
  attempt: number;
  status: number | null;
  latencyMs: number;
  error: string | null;
  responseBody: string | null;
  at: Date;
}

/** An inbound webhook refused for its signature; append-only. */
export interface InboundWebhookRejectionsTable {
  id: string;
  source: string;
  webhookId: string | null;
  reason: string;
  detail: string;
  remoteAddress: string | null;
  receivedAt: Timestamp;
}

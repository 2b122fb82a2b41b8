/** One signed POST to make (the port the worker's HTTP sender implements). */
export interface WebhookRequest {
  url: string;
  /** The `webhook-id` header: the delivery id, the same on every attempt. */
  webhookId: string;
  /** The `webhook-timestamp` of this attempt (signed with the body). */
  timestamp: Date;
  /** The exact bytes to sign and send (`application/json`). */
  body: string;
  /** The subscription's `whsec_…` signing secret. */
  secret: string;
  timeoutMs: number;
}

/** What came back: the status, a Retry-After header if any, and the start of the body. */
export interface WebhookResponse {
  status: number;
  retryAfter: string | null;
  /** At most {@link WEBHOOK_RESPONSE_LIMIT_BYTES} of the response body, as text. */
  body: string;
}

/** Response bodies are read and kept up to this many bytes. */
export const WEBHOOK_RESPONSE_LIMIT_BYTES = 4096;

/** How long a receiver has to answer. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/**
 * Signs and POSTs a webhook, never following redirects. Resolves with any HTTP answer;
 * rejects (with a message naming the cause) on a timeout or a connection error.
 */
export type WebhookSender = (request: WebhookRequest) => Promise<WebhookResponse>;

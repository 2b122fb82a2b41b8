/**
 * When to try a failed webhook delivery again: the schedule Standard Webhooks senders
 * commonly use (Svix) — after the first attempt 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h —
 * so eight attempts span about 28 hours. Entry `n - 1` is the wait after attempt `n`.
 */
export const WEBHOOK_RETRY_SCHEDULE_MS: readonly number[] = Object.freeze([
  5_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 5 * 3_600_000, 10 * 3_600_000, 10 * 3_600_000,
]);

/** A receiver's Retry-After is honoured up to this (a day); beyond it the schedule decides. */
export const MAX_RETRY_AFTER_MS = 24 * 3_600_000;

/** What an HTTP status means for a delivery. */
export type WebhookResponseClass = 'delivered' | 'retry' | 'gone';

/**
 * Standard Webhooks: only a 2xx is success; every other status — 3xx (redirects are never
 * followed), 4xx, 5xx — is a failure and is retried on the same schedule, since a 400 or
 * 404 is as often a receiver mid-deployment as a permanent refusal. `410 Gone` says the
 * endpoint no longer exists: the delivery is dead-lettered at once.
 */
export function classifyWebhookStatus(status: number): WebhookResponseClass {
  if (status >= 200 && status < 300) return 'delivered';
  if (status === 410) return 'gone';
  return 'retry';
}

/**
 * A `Retry-After` header as milliseconds from `now`: delay-seconds or an HTTP date,
 * clamped to [0, {@link MAX_RETRY_AFTER_MS}]; undefined when absent or unreadable.
 */
export function parseRetryAfter(header: string | null | undefined, now: Date): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  let ms: number;
  if (/^\d{1,10}$/.test(value)) ms = Number(value) * 1000;
  else {
    const at = Date.parse(value);
    if (Number.isNaN(at)) return undefined;
    ms = at - now.getTime();
  }
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}

/**
 * The wait after failed attempt `attempt` (1-based): the schedule's entry, or the
 * receiver's Retry-After when it asks for longer.
 */
export function webhookRetryDelayMs(attempt: number, retryAfterMs: number | undefined, schedule: readonly number[] = WEBHOOK_RETRY_SCHEDULE_MS): number {
  const planned = schedule[Math.min(attempt, schedule.length) - 1] ?? 0;
  return Math.max(planned, retryAfterMs ?? 0);
}

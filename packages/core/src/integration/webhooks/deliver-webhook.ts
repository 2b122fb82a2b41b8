import { inTransaction, type Db } from '../../db/transaction.ts';
import type { WebhookDeliveryState } from '../../db/webhook-tables.ts';
import { SYSTEM_CONTEXT } from '../../shared/context.ts';
import { ID_PREFIX, newId } from '../../shared/ids.ts';
import type { MasterKey } from '../vault/master-key.ts';
import { readSecret } from '../vault/read-secret.ts';
import { classifyWebhookStatus, parseRetryAfter, webhookRetryDelayMs, WEBHOOK_RETRY_SCHEDULE_MS } from './webhook-retry-policy.ts';
import { WEBHOOK_TIMEOUT_MS, type WebhookSender } from './webhook-sender.ts';

/** What delivering needs from the shell: the HTTP sender and the vault's master key. */
export interface DeliverWebhookDeps {
  send: WebhookSender;
  /**
   * The vault's master key, resolved at the attempt (so a missing or malformed key is a
   * recorded, retried failure). Undefined when the vault is not configured.
   */
  masterKey: () => MasterKey | undefined;
  /** Waits after failed attempts (tests shorten them). */
  retrySchedule?: readonly number[];
  timeoutMs?: number;
}

/** How an attempt ended, for the job runner: done, try again after `delayMs`, or dead-lettered. */
export type DeliverWebhookOutcome =
  | { outcome: 'delivered'; status: number }
  | { outcome: 'retry'; delayMs: number; error: string }
  | { outcome: 'dead'; error: string }
  | { outcome: 'skipped'; reason: string };

/** One attempt's result before it is recorded. */
interface AttemptResult {
  status: number | null;
  retryAfter: string | null;
  body: string | null;
  error: string | null;
  latencyMs: number;
}

async function loadDelivery(db: Db, deliveryId: string) {
  return db
    .selectFrom('webhookDeliveries as d')
    .innerJoin('webhookSubscriptions as s', 's.id', 'd.subscriptionId')
    .innerJoin('outboundEvents as e', 'e.id', 'd.eventId')
    .select(['d.id', 'd.state', 'd.attemptCount', 'd.attemptLimit', 's.url', 's.active', 's.secretName', 'e.payload'])
    .where('d.id', '=', deliveryId)
    .executeTakeFirst();
}

async function secretOf(db: Db, deps: DeliverWebhookDeps, secretName: string, deliveryId: string): Promise<string> {
  const masterKey = deps.masterKey();
  if (!masterKey) throw new Error('the credential vault has no master key: set INVOICEOPS_MASTER_KEY or INVOICEOPS_MASTER_KEY_FILE');
  const fields = await readSecret(db, SYSTEM_CONTEXT, masterKey, { name: secretName, purpose: `sign webhook delivery ${deliveryId}` });
  if (!fields.secret) throw new Error(`vault secret ${secretName} has no field "secret"`);
  return fields.secret;
}

/**
 * Makes one attempt at a webhook delivery (the `deliver_webhook` job): reads the
 * subscription's signing secret from the vault (an audited read), POSTs the stored payload
 * signed per Standard Webhooks with the delivery id as `webhook-id`, and records the
 * attempt (status, latency, error, the start of the response). A 2xx delivers; `410 Gone`
 * dead-letters at once; any other answer, a timeout or a connection error is retried on the
 * schedule (or after the receiver's Retry-After, when longer) until the delivery's attempt
 * limit, then dead-lettered — visible in the API and replayable. A disabled subscription
 * dead-letters its queued deliveries without sending.
 */
export async function deliverWebhook(db: Db, deliveryId: string, deps: DeliverWebhookDeps, now: () => Date = () => new Date()): Promise<DeliverWebhookOutcome> {
  const delivery = await loadDelivery(db, deliveryId);
  if (!delivery) return { outcome: 'skipped', reason: 'the delivery no longer exists (its subscription was deleted)' };
  if (delivery.state === 'delivered' || delivery.state === 'dead') return { outcome: 'skipped', reason: `the delivery is already ${delivery.state}` };
  if (!delivery.active) {
    const error = 'the subscription is disabled';
    await db.updateTable('webhookDeliveries').set({ state: 'dead', lastError: error, nextAttemptAt: null, updatedAt: now() }).where('id', '=', deliveryId).execute();
    return { outcome: 'dead', error };
  }
  const started = Date.now();
  let result: AttemptResult;
  try {
    const secret = await secretOf(db, deps, delivery.secretName, deliveryId);
    const response = await deps.send({ url: delivery.url, webhookId: deliveryId, timestamp: now(), body: delivery.payload, secret, timeoutMs: deps.timeoutMs ?? WEBHOOK_TIMEOUT_MS });
    result = { status: response.status, retryAfter: response.retryAfter, body: response.body, error: null, latencyMs: Date.now() - started };
  } catch (error) {
    result = { status: null, retryAfter: null, body: null, error: String((error as Error).message ?? error).slice(0, 1000), latencyMs: Date.now() - started };
  }
  return recordAttempt(db, delivery, result, deps.retrySchedule ?? WEBHOOK_RETRY_SCHEDULE_MS, now());
}

async function recordAttempt(
  db: Db,
  delivery: { id: string; attemptCount: number; attemptLimit: number },
  result: AttemptResult,
  schedule: readonly number[],
  at: Date,
): Promise<DeliverWebhookOutcome> {
  const attempt = delivery.attemptCount + 1;
  // PostgreSQL text cannot hold NUL; a receiver's body may.
  const body = result.body === null ? null : result.body.replaceAll('\0', '');
  const verdict = result.status === null ? 'retry' : classifyWebhookStatus(result.status);
  const error = verdict === 'delivered' ? null : (result.error ?? `HTTP ${result.status}${verdict === 'gone' ? ' Gone: the endpoint no longer exists' : ''}`);
  const dead = verdict === 'gone' || (verdict === 'retry' && attempt >= delivery.attemptLimit);
  const delayMs = webhookRetryDelayMs(attempt, parseRetryAfter(result.retryAfter, at), schedule);
  const state: WebhookDeliveryState = verdict === 'delivered' ? 'delivered' : dead ? 'dead' : 'retrying';
  const recorded = await inTransaction(db, async (trx) => {
    const updated = await trx
      .updateTable('webhookDeliveries')
      .set({
        state,
        attemptCount: attempt,
        lastStatus: result.status,
        lastError: error,
        lastResponse: body,
        lastAttemptAt: at,
        nextAttemptAt: state === 'retrying' ? new Date(at.getTime() + delayMs) : null,
        ...(state === 'delivered' ? { deliveredAt: at } : {}),
        updatedAt: at,
      })
      .where('id', '=', delivery.id)
      // Another worker that ran the same attempt (an expired lease) has recorded it already.
      .where('attemptCount', '=', delivery.attemptCount)
      .returning('id')
      .executeTakeFirst();
    if (!updated) return false;
    await trx
      .insertInto('webhookDeliveryAttempts')
      .values({ id: newId(ID_PREFIX.webhookAttempt), deliveryId: delivery.id, attempt, status: result.status, latencyMs: result.latencyMs, error, responseBody: body, at })
      .execute();
    return true;
  });
  if (!recorded) return { outcome: 'skipped', reason: 'another worker recorded this attempt' };
  if (state === 'delivered') return { outcome: 'delivered', status: result.status! };
  if (state === 'dead') return { outcome: 'dead', error: error! };
  return { outcome: 'retry', delayMs, error: error! };
}

import { sql } from 'kysely';
import { recordAudit } from '../../audit/record-audit.ts';
import { insertRows } from '../../db/insert-rows.ts';
import { inTransaction, type Db, type Trx } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import { parseOrThrow } from '../../receivables/rating/parse-or-throw.ts';
import type { ActorContext } from '../../shared/context.ts';
import { ID_PREFIX, newId } from '../../shared/ids.ts';
import { DELIVER_WEBHOOK_JOB, WEBHOOK_MAX_ATTEMPTS } from './webhook-event-types.ts';
import { replayWebhookDeliveriesSchema, type ReplayResult } from './webhook-schemas.ts';

/** Dead deliveries replayed per call of the filter form. */
const FILTER_LIMIT = 1000;

/** Queues the deliveries again: state pending, a full set of attempts more, one new job each. */
async function requeue(trx: Trx, ctx: ActorContext, ids: readonly string[], now: Date): Promise<void> {
  if (ids.length === 0) return;
  await trx
    .updateTable('webhookDeliveries')
    .set((eb) => ({
      state: 'pending',
      attemptLimit: eb('attemptCount', '+', WEBHOOK_MAX_ATTEMPTS),
      replayCount: eb('replayCount', '+', 1),
      nextAttemptAt: now,
      updatedAt: now,
    }))
    .where('id', 'in', ids)
    .execute();
  await insertRows(trx, 'jobs', ids.map((deliveryId) => ({
    id: newId(ID_PREFIX.job), type: DELIVER_WEBHOOK_JOB, version: 1, payload: JSON.stringify({ deliveryId }), runAt: now, maxAttempts: WEBHOOK_MAX_ATTEMPTS + 2,
  })), ['payload']);
  await recordAudit(trx, ctx, ids.map((id) => ({ action: 'webhook_delivery.replayed', objectType: 'webhook_delivery', objectId: id, diff: { after: { state: 'pending' } } })));
}

/**
 * Of these pending or retrying deliveries, those a queued or running job will attempt. The
 * others are stranded (their job died of something other than the receiver, such as a
 * database outage) and may be replayed like dead ones.
 */
async function deliveriesWithLiveJobs(trx: Trx, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await sql<{ deliveryId: string }>`
    SELECT payload->>'deliveryId' AS "deliveryId" FROM jobs
    WHERE type = ${DELIVER_WEBHOOK_JOB} AND state IN ('queued', 'running') AND payload->>'deliveryId' = ANY(${[...ids]}::text[])`.execute(trx);
  return new Set(rows.rows.map((r) => r.deliveryId));
}

/**
 * Replays deliveries — dead-lettered ones, or delivered ones the receiver lost — with the
 * same `webhook-id` and payload, signed afresh. Either the listed ids (those a job still
 * holds are skipped and named) or every dead delivery matching the filters, up to 1000 a call.
 */
export async function replayWebhookDeliveries(db: Db, ctx: ActorContext, input: unknown, now: Date = new Date()): Promise<ReplayResult> {
  const data = parseOrThrow(replayWebhookDeliveriesSchema, input);
  return inTransaction(db, async (trx) => {
    let query = trx.selectFrom('webhookDeliveries').select(['id', 'state']).orderBy('id').forUpdate();
    if (data.ids) query = query.where('id', 'in', data.ids);
    else query = query.where('state', '=', 'dead').limit(FILTER_LIMIT + 1);
    if (data.subscriptionId) query = query.where('subscriptionId', '=', data.subscriptionId);
    if (data.eventType) query = query.where('eventType', '=', data.eventType);
    const rows = await query.execute();
    const more = !data.ids && rows.length > FILTER_LIMIT;
    const found = rows.slice(0, FILTER_LIMIT);
    const live = await deliveriesWithLiveJobs(trx, found.filter((r) => r.state === 'pending' || r.state === 'retrying').map((r) => r.id));
    const due = found.filter((r) => !live.has(r.id)).map((r) => r.id);
    const skipped = [
      ...found.filter((r) => live.has(r.id)).map((r) => ({ id: r.id, reason: `already queued (${r.state})` })),
      ...(data.ids ?? []).filter((id) => !found.some((r) => r.id === id)).map((id) => ({ id, reason: 'not found' })),
    ];
    await requeue(trx, ctx, due, now);
    return { replayed: due, skipped, more };
  });
}

/** Replays one delivery; `not_found` or `conflict` (already queued) instead of a skip. */
export async function replayWebhookDelivery(db: Db, ctx: ActorContext, id: string, now: Date = new Date()): Promise<void> {
  const result = await replayWebhookDeliveries(db, ctx, { ids: [id] }, now);
  const skip = result.skipped[0];
  if (skip?.reason === 'not found') throw AppError.notFound('webhook delivery', id);
  if (skip) throw new AppError('conflict', `webhook delivery ${id} is ${skip.reason}; it will be attempted at its next attempt time`);
}

import { AppError, isAppError, type AppErrorCode } from '../../../errors/app-error.ts';
import { inTransaction, type Db, type Trx } from '../../../db/transaction.ts';
import type { ActorContext } from '../../../shared/context.ts';
import { applyStripeEvent } from './stripe-payment-events.ts';
import { stripeEventSchema, type StripeEvent } from './stripe-objects.ts';

/** Event types that move money in invoiceops; every other type is acknowledged and ignored. */
export const STRIPE_HANDLED_EVENTS = [
  'payment_intent.succeeded',
  'charge.succeeded',
  'payment_intent.payment_failed',
  'charge.refunded',
  'charge.dispute.created',
  'charge.dispute.closed',
] as const;

/** What the webhook answers (always with HTTP 200, so Stripe stops retrying). */
export interface StripeEventResult {
  eventId: string;
  type: string;
  outcome: 'processed' | 'duplicate' | 'ignored' | 'rejected';
  detail: string | null;
  paymentId: string | null;
}

/** Errors that are about the event's content: retrying the same event cannot fix them. */
const REJECTING: readonly AppErrorCode[] = ['validation_failed', 'not_found', 'conflict', 'illegal_transition'];

/** Claims the event id; undefined when it was already handled (a redelivery). */
async function claim(trx: Trx, event: StripeEvent): Promise<true | undefined> {
  const inserted = await trx
    .insertInto('webhookEvents')
    .values({ source: 'stripe', eventId: event.id, eventType: event.type, outcome: 'processed' })
    .onConflict((oc) => oc.columns(['source', 'eventId']).doNothing())
    .returning('eventId')
    .executeTakeFirst();
  if (inserted) return true;
  const existing = await trx.selectFrom('webhookEvents').select('outcome').where('source', '=', 'stripe').where('eventId', '=', event.id).forUpdate().executeTakeFirst();
  // A rejected event is tried again: its cause (say, a missing customer mapping) may be fixed.
  return existing?.outcome === 'rejected' ? true : undefined;
}

/**
 * Handles one verified Stripe webhook event, exactly once per event id: payments
 * succeeded or failed, refunds, disputes opened and closed (see `applyStripeEvent`). The
 * event is recorded in `webhook_events` in the same transaction as its effects, so a
 * redelivery answers `duplicate` and changes nothing. An event whose content cannot be
 * booked (unknown invoice, unmapped customer, wrong currency) is stored as `rejected` with
 * its payload and the reason, for follow-up; redelivering it tries again. Call with a
 * database handle, not inside a transaction: a rejection rolls back the event's effects.
 */
export async function handleStripeEvent(db: Db, ctx: ActorContext, body: unknown): Promise<StripeEventResult> {
  const parsed = stripeEventSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError('bad_request', `not a Stripe event: /${issue.path.join('/')} ${issue.message}`);
  }
  const event = parsed.data;
  const base = { eventId: event.id, type: event.type };
  if (!(STRIPE_HANDLED_EVENTS as readonly string[]).includes(event.type)) {
    return { ...base, outcome: 'ignored', detail: `event type ${event.type} is not handled`, paymentId: null };
  }
  try {
    return await inTransaction(db, async (trx) => {
      if (!(await claim(trx, event))) return { ...base, outcome: 'duplicate', detail: 'this event was already received', paymentId: null };
      const result = await applyStripeEvent(trx, ctx, event);
      await trx
        .updateTable('webhookEvents')
        .set({ outcome: result.outcome, detail: result.detail, paymentId: result.paymentId, payload: null })
        .where('source', '=', 'stripe')
        .where('eventId', '=', event.id)
        .execute();
      return { ...base, ...result };
    });
  } catch (error) {
    if (!isAppError(error) || !REJECTING.includes(error.code)) throw error;
    const payload = JSON.stringify(body);
    await inTransaction(db, (trx) =>
      trx
        .insertInto('webhookEvents')
        .values({ source: 'stripe', eventId: event.id, eventType: event.type, outcome: 'rejected', detail: error.message, payload })
        .onConflict((oc) => oc.columns(['source', 'eventId']).doUpdateSet({ detail: error.message, payload, receivedAt: new Date() }).where('webhookEvents.outcome', '=', 'rejected'))
        .execute(),
    );
    return { ...base, outcome: 'rejected', detail: error.message, paymentId: null };
  }
}

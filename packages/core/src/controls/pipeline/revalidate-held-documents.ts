import { z } from 'zod';
import { assertInScope, type EntityScope } from '../../access/principal.ts';
import type { Db } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import type { ActorContext } from '../../shared/context.ts';
import { submitDocuments } from './submit-documents.ts';

/** At most this many held documents of one customer are re-validated per request (the rest on the next). */
export const MAX_REVALIDATE = 500;

export const revalidationResultSchema = z.object({
  /** Held documents found and re-validated. */
  documents: z.number().int(),
  /** How many now passed the rules: issued straight through, or sent for approval. */
  released: z.number().int(),
  /** How many are still held, with the reasons. */
  stillHeld: z.number().int(),
  /** True when the customer had more held documents than one request re-validates. */
  more: z.boolean(),
  results: z.array(z.object({
    documentId: z.string(),
    number: z.string().nullable(),
    outcome: z.enum(['blocked', 'unrouted', 'needs_approval', 'straight_through', 'skipped']),
    lifecycle: z.string(),
    reasons: z.array(z.string()),
  })),
});

export type RevalidationResult = z.output<typeof revalidationResultSchema>;

/**
 * Re-validates every document of a customer that is on hold (oldest first, up to
 * {@link MAX_REVALIDATE}) — what a clerk does after correcting the customer's master data
 * (a tax id, a PO number, an address): each goes through the controls as
 * `POST /v1/invoices/{id}/submit` would take it, so exceptions the correction fixed are
 * resolved as `corrected_revalidated` and the documents move on; those still failing stay
 * held, with their reasons. Limited to the caller's entities; a customer outside them is
 * not found.
 */
export async function revalidateHeldDocuments(db: Db, ctx: ActorContext, customerId: string, scope: EntityScope, now: Date = new Date()): Promise<RevalidationResult> {
  const customer = await db.selectFrom('customers').select(['id', 'entityId']).where('id', '=', customerId).executeTakeFirst();
  if (!customer) throw AppError.notFound('customer', customerId);
  assertInScope(scope, [customer.entityId], 'invoices');
  const held = await db
    .selectFrom('invoices')
    .select(['id', 'number'])
    .where('customerId', '=', customerId)
    .where('lifecycle', '=', 'on_hold')
    .orderBy('createdAt')
    .orderBy('id')
    .limit(MAX_REVALIDATE + 1)
    .execute();
  const batch = held.slice(0, MAX_REVALIDATE);
  const submitted = await submitDocuments(db, ctx, batch.map((d) => d.id), { now });
  const numberOf = new Map(batch.map((d) => [d.id, d.number]));
  const results = submitted.map((r) => ({ documentId: r.documentId, number: numberOf.get(r.documentId) ?? null, outcome: r.outcome, lifecycle: r.lifecycle, reasons: [...r.reasons] }));
  const stillHeld = results.filter((r) => r.lifecycle === 'on_hold').length;
  return { documents: results.length, released: results.length - stillHeld, stillHeld, more: held.length > MAX_REVALIDATE, results };
}

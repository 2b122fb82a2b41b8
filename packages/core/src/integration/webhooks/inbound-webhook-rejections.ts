import { z } from 'zod';
import type { Db } from '../../db/transaction.ts';
import { decodeCursor, splitPage, type Page } from '../../master-data/pagination.ts';
import { ID_PREFIX, newId } from '../../shared/ids.ts';
import { pageQuery } from '../../shared/schemas.ts';

/** Why an inbound webhook was refused. */
export const INBOUND_REJECTION_REASONS = Object.freeze(['missing_signature', 'malformed_signature', 'stale_timestamp', 'bad_signature'] as const);
export type InboundRejectionReason = (typeof INBOUND_REJECTION_REASONS)[number];

/** One refused inbound webhook: never its body, never a secret. */
export interface InboundRejection {
  source: string;
  /** The sender's id for the message (`webhook-id`, a Stripe event id), when it gave one. */
  webhookId: string | null;
  reason: InboundRejectionReason;
  /** What was wrong, as told to the sender. */
  detail: string;
  remoteAddress: string | null;
}

/** Keeps a refused inbound webhook for admins to see (`GET /v1/webhooks/inbound-rejections`). */
export async function recordInboundRejection(db: Db, rejection: InboundRejection, now: Date = new Date()): Promise<void> {
  await db
    .insertInto('inboundWebhookRejections')
    .values({
      id: newId(ID_PREFIX.inboundWebhookRejection),
      source: rejection.source,
      webhookId: rejection.webhookId?.slice(0, 200) ?? null,
      reason: rejection.reason,
      detail: rejection.detail.slice(0, 500),
      remoteAddress: rejection.remoteAddress,
      receivedAt: now,
    })
    .execute();
}

export const listInboundRejectionsQuery = pageQuery.extend({
  source: z.string().max(40).optional(),
  reason: z.enum(INBOUND_REJECTION_REASONS).optional(),
});
export type ListInboundRejectionsQuery = z.output<typeof listInboundRejectionsQuery>;

export const inboundRejectionSchema = z.object({
  id: z.string(),
  source: z.string(),
  webhookId: z.string().nullable(),
  reason: z.enum(INBOUND_REJECTION_REASONS),
  detail: z.string(),
  remoteAddress: z.string().nullable(),
  receivedAt: z.string(),
});
export type InboundRejectionRecord = z.output<typeof inboundRejectionSchema>;

/** Refused inbound webhooks, newest first. */
export async function listInboundRejections(db: Db, query: ListInboundRejectionsQuery): Promise<Page<InboundRejectionRecord>> {
  let qb = db.selectFrom('inboundWebhookRejections').selectAll().orderBy('id', 'desc').limit(query.limit + 1);
  if (query.cursor) qb = qb.where('id', '<', decodeCursor(query.cursor));
  if (query.source) qb = qb.where('source', '=', query.source);
  if (query.reason) qb = qb.where('reason', '=', query.reason);
  const { page, nextCursor } = splitPage(await qb.execute(), query.limit);
  return {
    data: page.map((r) => ({ ...r, reason: r.reason as InboundRejectionReason, receivedAt: r.receivedAt.toISOString() })),
    nextCursor,
  };
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import { recordInboundRejection, type Db, type InboundRejectionReason } from '@invoiceops/core';
import { sendProblem } from '../../plugins/problem.ts';

/** A refused inbound webhook: who sent it (by source) and what was wrong with its signature. */
export interface InboundWebhookRefusal {
  source: 'crm' | 'stripe';
  webhookId: string | null;
  reason: InboundRejectionReason;
  detail: string;
}

/**
 * Answers 401 `invalid_signature` naming what was wrong, logs a warning (webhook id,
 * source, reason — never the body or the secret) and keeps the refusal in
 * `inbound_webhook_rejections` for admins. Recording is best effort: a database problem
 * must not turn a forged request into a 500.
 */
export async function rejectInboundWebhook(db: Db, request: FastifyRequest, reply: FastifyReply, refusal: InboundWebhookRefusal): Promise<FastifyReply> {
  const webhookId = refusal.webhookId?.slice(0, 200) || null;
  request.log.warn({ source: refusal.source, webhookId, reason: refusal.reason, remoteAddress: request.ip }, 'inbound webhook refused: invalid signature');
  try {
    await recordInboundRejection(db, { source: refusal.source, webhookId, reason: refusal.reason, detail: refusal.detail, remoteAddress: request.ip ?? null });
  } catch (error) {
    request.log.error({ err: error, source: refusal.source }, 'could not record the refused inbound webhook');
  }
  return sendProblem(request, reply, 401, 'invalid_signature', refusal.detail, { reason: refusal.reason, source: refusal.source });
}

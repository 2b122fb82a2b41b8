import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, handleStripeEvent, isAppError, verifyStripeSignature, type Db, type InboundRejectionReason } from '@invoiceops/core';
import { sendProblem } from '../../plugins/problem.ts';
import { rejectInboundWebhook } from '../webhooks/reject-inbound-webhook.ts';

const resultSchema = z.object({
  received: z.literal(true),
  eventId: z.string(),
  type: z.string(),
  outcome: z.enum(['processed', 'duplicate', 'ignored', 'rejected']),
  detail: z.string().nullable(),
  paymentId: z.string().nullable(),
});

/** The event id of an unverified body, for the rejection log only (never trusted for anything else). */
function claimedEventId(raw: Buffer): string | null {
  try {
    const id = (JSON.parse(raw.toString('utf8')) as { id?: unknown }).id;
    return typeof id === 'string' && /^[\w.:-]{1,100}$/.test(id) ? id : null;
  } catch {
    return null;
  }
}

/** The rejection reason of a `verifyStripeSignature` refusal. */
function reasonOf(error: { message: string; extensions: Record<string, unknown> }): InboundRejectionReason {
  const reason = error.extensions.reason;
  if (reason === 'stale_timestamp' || reason === 'bad_signature') return reason;
  return /is missing/.test(error.message) ? 'missing_signature' : 'malformed_signature';
}

/**
 * `POST /v1/webhooks/stripe`. Public: Stripe cannot send our credentials, so the request
 * is authenticated by its `Stripe-Signature` instead, which covers the exact bytes sent.
 * The route therefore lives in its own encapsulated context whose only body parser keeps
 * the raw bytes (the JSON parser of the rest of the API would lose them).
 */
export function registerStripeWebhookRoute(app: FastifyInstance, db: Db, secret: string | undefined): void {
  app.register(async (scoped) => {
    scoped.removeAllContentTypeParsers();
    scoped.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    scoped.withTypeProvider<ZodTypeProvider>().post('/v1/webhooks/stripe', {
      config: { permission: 'public' },
      schema: {
        tags: ['payments'],
        summary: 'Stripe webhook: payments, failures, refunds and disputes',
        description:
          'Verifies Stripe-Signature (HMAC-SHA256 with STRIPE_WEBHOOK_SECRET, 5 minutes tolerance). Handles payment_intent.succeeded, charge.succeeded, ' +
          'payment_intent.payment_failed, charge.refunded, charge.dispute.created and charge.dispute.closed; other types are acknowledged as `ignored`. ' +
          'Each event id counts once: a redelivery answers `duplicate`. Invoice from metadata.invoice_id (or invoiceops_invoice_id), customer from ' +
          'metadata.customer_id or the Stripe customer mapped by an external id with system "stripe". 401 invalid_signature for a missing or bad signature ' +
          'or a stale timestamp (logged and listed at GET /v1/webhooks/inbound-rejections); 503 when no secret is configured.',
        response: { 200: resultSchema },
      },
    }, async (request, reply) => {
      if (!secret) return sendProblem(request, reply, 503, 'webhook_not_configured', 'webhook not configured: set STRIPE_WEBHOOK_SECRET and restart', { title: 'Service unavailable' });
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const header = request.headers['stripe-signature'];
      try {
        verifyStripeSignature(raw, Array.isArray(header) ? header.join(',') : header, secret, Math.floor(Date.now() / 1000));
      } catch (error) {
        if (!isAppError(error)) throw error;
        return rejectInboundWebhook(db, request, reply, { source: 'stripe', webhookId: claimedEventId(raw), reason: reasonOf(error), detail: error.message });
      }
      let event: unknown;
      try {
        event = JSON.parse(raw.toString('utf8'));
      } catch {
        throw new AppError('bad_request', 'the body is not valid JSON');
      }
      const result = await handleStripeEvent(db, { actor: 'system', requestId: request.id }, event);
      return { received: true as const, ...result };
    });
  });
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, handleStripeEvent, verifyStripeSignature, type Db } from '@invoiceops/core';
import { sendProblem } from '../../plugins/problem.ts';

const resultSchema = z.object({
  received: z.literal(true),
  eventId: z.string(),
  type: z.string(),
  outcome: z.enum(['processed', 'duplicate', 'ignored', 'rejected']),
  detail: z.string().nullable(),
  paymentId: z.string().nullable(),
});

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
          'metadata.customer_id or the Stripe customer mapped by an external id with system "stripe". 400 for a bad signature or a stale timestamp; ' +
          '503 when no secret is configured.',
        response: { 200: resultSchema },
      },
    }, async (request, reply) => {
      if (!secret) return sendProblem(request, reply, 503, 'webhook_not_configured', 'webhook not configured: set STRIPE_WEBHOOK_SECRET and restart', { title: 'Service unavailable' });
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const header = request.headers['stripe-signature'];
      verifyStripeSignature(raw, Array.isArray(header) ? header.join(',') : header, secret, Math.floor(Date.now() / 1000));
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

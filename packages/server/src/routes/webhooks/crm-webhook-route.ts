import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, handleCrmEvent, type Db } from '@invoiceops/core';
import { sendProblem } from '../../plugins/problem.ts';
import { rejectInboundWebhook } from './reject-inbound-webhook.ts';
import { checkStandardWebhookSignature } from './standard-webhook-signature.ts';

/**
 * `POST /v1/webhooks/crm`: closed-won opportunities, amendments and milestones from a
 * CRM/CPQ. Public, authenticated by a Standard Webhooks signature (`webhook-id`,
 * `webhook-timestamp`, `webhook-signature`, HMAC-SHA256 with CRM_WEBHOOK_SECRET) over the
 * exact bytes sent, so the route keeps the raw body in its own context. A missing or bad
 * signature is refused with 401 `invalid_signature`, logged, and kept for admins
 * (`GET /v1/webhooks/inbound-rejections`).
 */
export function registerCrmWebhookRoute(app: FastifyInstance, db: Db, secret: string | undefined): void {
  app.register(async (scoped) => {
    scoped.removeAllContentTypeParsers();
    scoped.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    scoped.withTypeProvider<ZodTypeProvider>().post('/v1/webhooks/crm', {
      config: { permission: 'public' },
      schema: {
        tags: ['contracts'],
        summary: 'CRM/CPQ webhook: opportunity.closed_won, contract.amended, milestone.completed',
        description:
          'Signed with Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature; secret CRM_WEBHOOK_SECRET, whsec_…). ' +
          'closed_won: {opportunityId, customerExternalId (the customer\'s crm external id), contract: the POST /v1/contracts body without customerId, lines may name productSku}. ' +
          'contract.amended: {opportunityId, amendment: the POST /v1/contracts/{id}/amendments body}. milestone.completed: {opportunityId, milestone: {lineKey, milestoneKey, completedOn}}. ' +
          'Each webhook-id is applied once; a redelivery answers duplicate. A missing or wrong signature, or a timestamp more than 5 minutes off, answers 401 invalid_signature.',
        response: { 200: z.object({ outcome: z.enum(['processed', 'duplicate']), contractId: z.string() }) },
      },
    }, async (request, reply) => {
      if (!secret) return sendProblem(request, reply, 503, 'webhook_not_configured', 'webhook not configured: set CRM_WEBHOOK_SECRET and restart');
      const raw = typeof request.body === 'string' ? request.body : '';
      const headers = {
        'webhook-id': String(request.headers['webhook-id'] ?? ''),
        'webhook-timestamp': String(request.headers['webhook-timestamp'] ?? ''),
        'webhook-signature': String(request.headers['webhook-signature'] ?? ''),
      };
      const check = checkStandardWebhookSignature(secret, raw, headers);
      if (!check.ok) return rejectInboundWebhook(db, request, reply, { source: 'crm', webhookId: headers['webhook-id'] || null, reason: check.reason, detail: check.detail });
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        throw new AppError('bad_request', 'the body is not valid JSON');
      }
      return handleCrmEvent(db, { actor: 'system', requestId: request.id }, headers['webhook-id'], body);
    });
  });
}

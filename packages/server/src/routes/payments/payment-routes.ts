import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AppError,
  creditBalanceSchema,
  entityScopeFor,
  getPayment,
  idOf,
  invoicePaymentSchema,
  listCreditBalances,
  listInvoicePayments,
  listPayments,
  listPaymentsQuery,
  paymentSchema,
  paymentWithApplicationsSchema,
  recordPayment,
  recordPaymentSchema,
  refundPayment,
  refundPaymentSchema,
  scopeIncludes,
  type Db,
} from '@invoiceops/core';
import { actorOf, principalOfRequest } from '../../auth/authenticate-request.ts';
import { registerReportRoutes } from './report-routes.ts';
import { registerStripeWebhookRoute } from './stripe-webhook-route.ts';

const idParams = z.strictObject({ id: z.string().min(1).max(100) });
const tags = ['payments'];

/**
 * Payments (record, list, read with applications, an invoice's payments, refund), customer credit balances,
 * receivables reports and the Stripe webhook. The webhook secret is read from
 * `STRIPE_WEBHOOK_SECRET` once, here, when the app is built.
 */
export function registerPaymentRoutes(app: FastifyInstance, db: Db, stripeWebhookSecret: string | undefined): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const scope = (request: Parameters<typeof principalOfRequest>[0], permission: 'payments:read' | 'payments:write') => entityScopeFor(principalOfRequest(request), permission);

  r.post('/v1/payments', {
    config: { permission: 'payments:write' },
    schema: {
      tags,
      summary: 'Record a payment received',
      description:
        'Applies the money to `invoiceIds` in that order, or else to the oldest open invoices of the customer in the currency by due date; ' +
        'never more than an invoice\'s amount due. What is left goes to the customer\'s credit balance, used on the next invoice. ' +
        'Amounts are decimal strings in major units of `currency`. Send an Idempotency-Key to retry safely.',
      body: recordPaymentSchema,
      response: { 201: paymentWithApplicationsSchema },
    },
  }, async (request, reply) => {
    const payment = await recordPayment(db, actorOf(request), request.body, scope(request, 'payments:write'));
    reply.code(201).header('location', `/v1/payments/${payment.id}`);
    return payment;
  });

  r.get('/v1/payments', {
    config: { permission: 'payments:read' },
    schema: { tags, summary: 'List payments', querystring: listPaymentsQuery, response: { 200: z.object({ data: z.array(paymentSchema), nextCursor: z.string().nullable() }) } },
  }, async (request) => listPayments(db, request.query, scope(request, 'payments:read')));

  r.get('/v1/payments/:id', {
    config: { permission: 'payments:read' },
    schema: { tags, summary: 'Get a payment with its applications and reversals', params: idParams, response: { 200: paymentWithApplicationsSchema } },
  }, async (request) => {
    const payment = await getPayment(db, request.params.id);
    if (!scopeIncludes(scope(request, 'payments:read'), payment.entityId)) throw new AppError('forbidden', 'you are not allowed to read payments of this legal entity');
    return payment;
  });

  r.get('/v1/invoices/:id/payments', {
    config: { permission: 'payments:read' },
    schema: {
      tags,
      summary: "An invoice's payments: money applied to it and taken back, oldest first",
      description: 'Each movement with the payment it came from. The amounts add up to the invoice\'s amountPaid.',
      params: idParams,
      response: { 200: z.object({ data: z.array(invoicePaymentSchema) }) },
    },
  }, async (request) => ({ data: await listInvoicePayments(db, request.params.id, scope(request, 'payments:read')) }));

  r.post('/v1/payments/:id/refunds', {
    config: { permission: 'payments:write' },
    schema: {
      tags,
      summary: 'Record a refund of a payment (full or partial)',
      description:
        'Takes the money back first from the payment\'s unapplied credit, then from the invoices it paid, newest first; those invoices are open again. ' +
        'Records the refund only: the money is returned by the bank or gateway.',
      params: idParams,
      body: refundPaymentSchema.nullish().describe("Omit the body to refund everything not yet refunded"),
      response: { 200: paymentWithApplicationsSchema },
    },
  }, async (request) => refundPayment(db, actorOf(request), request.params.id, request.body ?? {}, scope(request, 'payments:write')));

  r.get('/v1/credit-balances', {
    config: { permission: 'payments:read' },
    schema: {
      tags,
      summary: "Customers' credit balances (unapplied payments) per currency",
      querystring: z.strictObject({ customerId: idOf('cus').optional() }),
      response: { 200: z.object({ data: z.array(creditBalanceSchema) }) },
    },
  }, async (request) => ({ data: await listCreditBalances(db, request.query, scope(request, 'payments:read')) }));

  registerReportRoutes(app, db);
  registerStripeWebhookRoute(app, db, stripeWebhookSecret);
}

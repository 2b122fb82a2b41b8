import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { getInvoice, stripeSignature, type Db } from '@invoiceops/core';
import { createCustomer, createExternalId, createFinalizedInvoice, createLegalEntity, testDatabaseKinds, unique, useTestDatabase } from '@invoiceops/testing';
import { buildApp } from '../src/app.ts';
import { TEST_WEBHOOK_SECRETS, buildTestApp } from './build-test-app.ts';

const SECRET = TEST_WEBHOOK_SECRETS.stripe;
const now = () => Math.floor(Date.now() / 1000);

async function customerIn(db: Db, currency = 'EUR') {
  const entity = await createLegalEntity(db);
  const customer = await createCustomer(db, entity.id, { billingCurrency: currency });
  return { entityId: entity.id, customerId: customer.id };
}

function stripeEvent(type: string, object: Record<string, unknown>, id = `evt_${unique()}`) {
  return { id, object: 'event', api_version: '2024-06-20', created: now(), livemode: false, type, data: { object } };
}

function paymentIntent(overrides: Record<string, unknown> = {}) {
  return { id: `pi_${unique()}`, object: 'payment_intent', amount: 50000, amount_received: 50000, currency: 'eur', customer: null, metadata: {}, latest_charge: null, payment_method_types: ['card'], status: 'succeeded', ...overrides };
}

function charge(overrides: Record<string, unknown> = {}) {
  return { id: `ch_${unique()}`, object: 'charge', amount: 50000, amount_captured: 50000, amount_refunded: 0, captured: true, currency: 'eur', customer: null, metadata: {}, payment_intent: null, payment_method_details: { type: 'card' }, ...overrides };
}

describe.each(testDatabaseKinds())('Stripe webhook on %s', (kind) => {
  const t = useTestDatabase(kind);
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await buildTestApp(t.db);
  });

  const deliver = (event: unknown, options: { secret?: string; timestamp?: number; body?: string } = {}) => {
    const body = options.body ?? JSON.stringify(event);
    const timestamp = options.timestamp ?? now();
    const signature = `t=${timestamp},v1=${stripeSignature(options.secret ?? SECRET, timestamp, JSON.stringify(event))}`;
    return app.inject({ method: 'POST', url: '/v1/webhooks/stripe', headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': signature }, payload: body });
  };
  const state = async (invoiceId: string) => {
    const invoice = await getInvoice(t.db, invoiceId);
    return { status: invoice.paymentStatus, due: invoice.amountDue };
  };
  const paymentsOf = (customerId: string) => t.db.selectFrom('payments').selectAll().where('customerId', '=', customerId).execute();
  const eventRow = (eventId: string) => t.db.selectFrom('webhookEvents').selectAll().where('eventId', '=', eventId).executeTakeFirst();

  it('applies a signed payment to the invoice named in metadata, once however often it is delivered', async () => {
    const c = await customerIn(t.db);
    const invoice = await createFinalizedInvoice(t.db, { ...c, total: '800.00', issueDate: '2026-03-01', dueDate: '2026-03-31' });
    const event = stripeEvent('payment_intent.succeeded', paymentIntent({ amount: 30000, amount_received: 30000, metadata: { invoice_id: invoice.id } }));
    const first = await deliver(event);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ received: true, eventId: event.id, outcome: 'processed', detail: 'payment recorded' });
    expect(await state(invoice.id)).toEqual({ status: 'partially_paid', due: '500.00' });

    const again = await deliver(event);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ outcome: 'duplicate' });
    expect(await state(invoice.id)).toEqual({ status: 'partially_paid', due: '500.00' });
    expect(await paymentsOf(c.customerId)).toHaveLength(1);
  });

  it('counts a PaymentIntent and its charge as one payment, then books a refund of the charge', async () => {
    const c = await customerIn(t.db);
    const invoice = await createFinalizedInvoice(t.db, { ...c, total: '500.00', issueDate: '2026-03-01', dueDate: '2026-03-31' });
    const pi = paymentIntent({ metadata: { invoiceops_invoice_id: invoice.id } });
    // The charge does not carry the PaymentIntent's metadata: it is still the same payment.
    const ch = charge({ payment_intent: pi.id, payment_method_details: { type: 'sepa_debit' } });
    expect((await deliver(stripeEvent('payment_intent.succeeded', pi))).json().outcome).toBe('processed');
    expect((await deliver(stripeEvent('charge.succeeded', ch))).json()).toMatchObject({ outcome: 'processed', detail: 'payment already recorded' });
    expect(await state(invoice.id)).toEqual({ status: 'paid', due: '0.00' });
    const [payment] = await paymentsOf(c.customerId);
    expect(payment).toMatchObject({ externalId: pi.id, chargeId: ch.id, amountMinor: 50000n, method: 'card' });
    expect(await paymentsOf(c.customerId)).toHaveLength(1);

    const refund = await deliver(stripeEvent('charge.refunded', { ...ch, amount_refunded: 12000, refunded: false }));
    expect(refund.json()).toMatchObject({ outcome: 'processed', detail: 'refund recorded', paymentId: payment!.id });
    expect(await state(invoice.id)).toEqual({ status: 'partially_paid', due: '120.00' });
    // Stripe reports the cumulative refunded amount: the same total again adds nothing.
    expect((await deliver(stripeEvent('charge.refunded', { ...ch, amount_refunded: 12000 }))).json().detail).toBe('refund already recorded');
    expect(await state(invoice.id)).toEqual({ status: 'partially_paid', due: '120.00' });
  });

  it('reopens the invoice on a dispute and settles it again when the dispute is won', async () => {
    const c = await customerIn(t.db);
    const invoice = await createFinalizedInvoice(t.db, { ...c, total: '500.00', issueDate: '2026-03-01', dueDate: '2026-03-31' });
    const ch = charge({ metadata: { invoice_id: invoice.id } });
    await deliver(stripeEvent('charge.succeeded', ch));
    expect(await state(invoice.id)).toMatchObject({ status: 'paid' });
    const dispute = { id: `dp_${unique()}`, object: 'dispute', amount: 50000, currency: 'eur', charge: ch.id, payment_intent: null, reason: 'fraudulent', status: 'needs_response' };
    expect((await deliver(stripeEvent('charge.dispute.created', dispute))).json().outcome).toBe('processed');
    expect(await state(invoice.id)).toEqual({ status: 'unpaid', due: '500.00' });
    expect((await deliver(stripeEvent('charge.dispute.closed', { ...dispute, status: 'won' }))).json()).toMatchObject({ outcome: 'processed', detail: 'dispute won' });
    expect(await state(invoice.id)).toEqual({ status: 'paid', due: '0.00' });
    expect((await paymentsOf(c.customerId))[0]).toMatchObject({ status: 'succeeded', disputeStatus: 'won' });
  });

  it('finds the customer through its Stripe external id and pays the oldest invoice, in yen', async () => {
    const c = await customerIn(t.db, 'JPY');
    const stripeCustomer = `cus_${unique()}`;
    await createExternalId(t.db, 'customer', c.customerId, { system: 'stripe', externalId: stripeCustomer });
    const invoice = await createFinalizedInvoice(t.db, { ...c, currency: 'JPY', total: '12000', issueDate: '2026-03-01', dueDate: '2026-03-31' });
    const result = await deliver(stripeEvent('payment_intent.succeeded', paymentIntent({ amount: 5000, amount_received: 5000, currency: 'jpy', customer: stripeCustomer })));
    expect(result.json().outcome).toBe('processed');
    expect(await state(invoice.id)).toEqual({ status: 'partially_paid', due: '7000' });
  });

  it('records a failed attempt without touching invoices, and books it when the retry succeeds', async () => {
    const c = await customerIn(t.db);
    const invoice = await createFinalizedInvoice(t.db, { ...c, total: '500.00', issueDate: '2026-03-01', dueDate: '2026-03-31' });
    const pi = paymentIntent({ metadata: { customer_id: c.customerId }, status: 'requires_payment_method', last_payment_error: { message: 'Your card was declined.', code: 'card_declined' } });
    expect((await deliver(stripeEvent('payment_intent.payment_failed', pi))).json()).toMatchObject({ outcome: 'processed', detail: 'payment failure recorded' });
    expect(await paymentsOf(c.customerId)).toEqual([expect.objectContaining({ status: 'failed', failureReason: 'Your card was declined.', appliedMinor: 0n })]);
    expect(await state(invoice.id)).toMatchObject({ status: 'unpaid' });
    expect((await deliver(stripeEvent('payment_intent.succeeded', { ...pi, status: 'succeeded' }))).json().outcome).toBe('processed');
    expect(await paymentsOf(c.customerId)).toEqual([expect.objectContaining({ status: 'succeeded', appliedMinor: 50000n, failureReason: null })]);
    expect(await state(invoice.id)).toMatchObject({ status: 'paid' });
  });

  it('refuses a tampered body, a wrong secret, a stale timestamp and a missing signature with 401 invalid_signature, keeping each refusal and writing nothing', async () => {
    const c = await customerIn(t.db);
    const invoice = await createFinalizedInvoice(t.db, { ...c, total: '100.00', issueDate: '2026-03-01', dueDate: '2026-03-31' });
    const event = stripeEvent('payment_intent.succeeded', paymentIntent({ amount: 10000, amount_received: 10000, metadata: { invoice_id: invoice.id } }));
    const tampered = await deliver(event, { body: JSON.stringify(event).replace('10000', '99999') });
    const wrongSecret = await deliver(event, { secret: 'whsec_someone_else' });
    const stale = await deliver(event, { timestamp: now() - 6 * 60 });
    for (const response of [tampered, wrongSecret, stale]) {
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.json()).toMatchObject({ code: 'invalid_signature', source: 'stripe' });
    }
    expect(stale.json().detail).toMatch(/300 seconds/);
    expect(wrongSecret.json().detail).toMatch(/no v1 signature .* matches/);
    const unsigned = await app.inject({ method: 'POST', url: '/v1/webhooks/stripe', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(event) });
    expect([unsigned.statusCode, unsigned.json().detail]).toEqual([401, 'the Stripe-Signature header is missing']);
    const rejections = await t.db.selectFrom('inboundWebhookRejections').select(['source', 'webhookId', 'reason']).where('webhookId', '=', event.id).orderBy('id').execute();
    expect(rejections.map((r) => [r.source, r.reason])).toEqual([['stripe', 'bad_signature'], ['stripe', 'bad_signature'], ['stripe', 'stale_timestamp'], ['stripe', 'missing_signature']]);
    expect(await eventRow(event.id)).toBeUndefined();
    expect(await paymentsOf(c.customerId)).toEqual([]);
    expect(await state(invoice.id)).toMatchObject({ status: 'unpaid' });
  });

  it('acknowledges unknown event types as ignored', async () => {
    const response = await deliver(stripeEvent('customer.updated', { id: 'cus_x', object: 'customer' }));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ outcome: 'ignored' });
  });

  it('keeps an event it cannot book as rejected, and books it when redelivered after the mapping exists', async () => {
    const c = await customerIn(t.db);
    const invoice = await createFinalizedInvoice(t.db, { ...c, total: '100.00', issueDate: '2026-03-01', dueDate: '2026-03-31' });
    const stripeCustomer = `cus_${unique()}`;
    const event = stripeEvent('charge.succeeded', charge({ amount: 10000, amount_captured: 10000, customer: stripeCustomer }));
    const rejected = await deliver(event);
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json()).toMatchObject({ outcome: 'rejected' });
    expect(rejected.json().detail).toMatch(/not mapped/);
    expect(await eventRow(event.id)).toMatchObject({ outcome: 'rejected', payload: expect.objectContaining({ id: event.id }) });

    await createExternalId(t.db, 'customer', c.customerId, { system: 'stripe', externalId: stripeCustomer });
    expect((await deliver(event)).json().outcome).toBe('processed');
    expect(await eventRow(event.id)).toMatchObject({ outcome: 'processed', payload: null });
    expect(await state(invoice.id)).toMatchObject({ status: 'paid' });
  });

  it('rejects a payment in another currency than the invoice in metadata', async () => {
    const c = await customerIn(t.db);
    const invoice = await createFinalizedInvoice(t.db, { ...c, total: '100.00', issueDate: '2026-03-01', dueDate: '2026-03-31' });
    const response = await deliver(stripeEvent('payment_intent.succeeded', paymentIntent({ currency: 'usd', amount: 10000, amount_received: 10000, metadata: { invoice_id: invoice.id } })));
    expect(response.json()).toMatchObject({ outcome: 'rejected', detail: expect.stringMatching(/^\/currency: /) });
    expect(await paymentsOf(c.customerId)).toEqual([]);
  });

  it('answers 503 when no webhook secret is configured', async () => {
    const unconfigured = await buildApp({ db: t.db, secureCookies: false, webhookSecrets: { stripe: undefined } });
    const response = await unconfigured.inject({ method: 'POST', url: '/v1/webhooks/stripe', headers: { 'content-type': 'application/json' }, payload: '{}' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ status: 503, detail: expect.stringMatching(/webhook not configured/) });
    await unconfigured.close();
  });
});

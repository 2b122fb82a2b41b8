import type { z } from 'zod';
import { ALL_ENTITIES } from '../../../access/principal.ts';
import type { Trx } from '../../../db/transaction.ts';
import { AppError } from '../../../errors/app-error.ts';
import { resolveExternalId } from '../../../master-data/external-ids/resolve-external-id.ts';
import { checkCurrencyActive } from '../../../master-data/reference-checks.ts';
import type { ActorContext } from '../../../shared/context.ts';
import { closePaymentDispute } from '../close-payment-dispute.ts';
import { openPaymentDispute } from '../open-payment-dispute.ts';
import type { PaymentRow } from '../payment-repository.ts';
import { postPayment } from '../post-payment.ts';
import { recordPaymentFailure } from '../record-payment-failure.ts';
import { refundPayment } from '../refund-payment.ts';
import { fromStripeAmount } from './stripe-amount.ts';
import {
  metadataText,
  methodOf,
  stripeChargeSchema,
  stripeDisputeSchema,
  stripePaymentIntentSchema,
  utcDate,
  type StripeEvent,
} from './stripe-objects.ts';

/** What handling one event did. */
export interface StripeOutcome {
  outcome: 'processed' | 'ignored';
  detail: string;
  paymentId: string | null;
}

const ignored = (detail: string): StripeOutcome => ({ outcome: 'ignored', detail, paymentId: null });
const processed = (detail: string, paymentId: string): StripeOutcome => ({ outcome: 'processed', detail, paymentId });

function parseObject<S extends z.ZodType>(schema: S, event: StripeEvent): z.output<S> {
  const result = schema.safeParse(event.data.object);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = `/data/object/${issue.path.join('/')}`;
  throw AppError.invalid(path, `${event.type}: ${issue.message}`);
}

/**
 * Who paid: the invoice named in metadata (`invoiceops_invoice_id` or `invoice_id`), else
 * the customer named in metadata (`invoiceops_customer_id` or `customer_id`), else the
 * Stripe customer mapped to ours by an external id (system `stripe`). Without any of them
 * the payment is not ours (the Stripe account may serve other products) and is ignored; a
 * reference that does not resolve is an error, so the event is kept for follow-up.
 */
async function payer(trx: Trx, meta: Record<string, unknown> | null | undefined, stripeCustomer: string | null | undefined) {
  const invoiceId = metadataText(meta, 'invoiceops_invoice_id', 'invoice_id');
  const customerId = metadataText(meta, 'invoiceops_customer_id', 'customer_id');
  const customerById = (id: string) => trx.selectFrom('customers').select(['id', 'entityId']).where('id', '=', id).executeTakeFirst();
  if (invoiceId) {
    const invoice = await trx.selectFrom('invoices').select(['id', 'customerId', 'entityId']).where('id', '=', invoiceId).executeTakeFirst();
    if (!invoice) throw AppError.invalid('/data/object/metadata/invoice_id', `no invoice ${invoiceId}`, 'reference');
    if (customerId && customerId !== invoice.customerId) {
      throw AppError.invalid('/data/object/metadata/customer_id', `invoice ${invoiceId} belongs to customer ${invoice.customerId}, not ${customerId}`, 'mismatch');
    }
    return { customer: { id: invoice.customerId, entityId: invoice.entityId }, invoiceIds: [invoiceId] };
  }
  if (customerId) {
    const customer = await customerById(customerId);
    if (!customer) throw AppError.invalid('/data/object/metadata/customer_id', `no customer ${customerId}`, 'reference');
    return { customer };
  }
  if (stripeCustomer) {
    const mapped = await resolveExternalId(trx, 'stripe', 'customer', stripeCustomer);
    const customer = mapped ? await customerById(mapped) : undefined;
    if (!customer) throw AppError.invalid('/data/object/customer', `Stripe customer ${stripeCustomer} is not mapped to a customer (add an external id with system "stripe")`, 'unmapped');
    return { customer };
  }
  return undefined;
}

/** The payment a charge, PaymentIntent or dispute refers to. */
async function findStripePayment(trx: Trx, paymentIntentId: string | null | undefined, chargeId: string | null | undefined): Promise<PaymentRow | undefined> {
  const ids = [paymentIntentId, chargeId].filter((v): v is string => typeof v === 'string');
  if (ids.length === 0) return undefined;
  return trx
    .selectFrom('payments')
    .selectAll()
    .where('source', '=', 'stripe')
    .where((eb) => eb.or([eb('externalId', 'in', ids), ...(chargeId ? [eb('chargeId', '=', chargeId)] : [])]))
    .executeTakeFirst();
}

async function assertCurrency(trx: Trx, currency: string): Promise<void> {
  const issues = await checkCurrencyActive(trx, currency, '/data/object/currency');
  if (issues.length > 0) throw new AppError('validation_failed', `/data/object/currency: ${issues[0]!.message}`, { issues });
}

interface Received {
  externalId: string;
  chargeId: string | null;
  amount: unknown;
  currency: string;
  customer: string | null | undefined;
  metadata: Record<string, unknown> | null | undefined;
  methodType: string | null | undefined;
  status: 'succeeded' | 'failed';
  failureReason?: string | null;
}

async function recordReceived(trx: Trx, ctx: ActorContext, event: StripeEvent, r: Received): Promise<StripeOutcome> {
  const amount = fromStripeAmount(r.amount, r.currency);
  if (amount.amount === 0n) return ignored('zero amount');
  // A payment already known (the PaymentIntent event before its charge event) keeps its
  // customer: the second object may lack the metadata the first one carried.
  const known = await findStripePayment(trx, r.externalId, null);
  const named = metadataText(r.metadata, 'invoiceops_invoice_id', 'invoice_id');
  const who = known ? { customer: { id: known.customerId, entityId: known.entityId }, invoiceIds: named ? [named] : undefined } : await payer(trx, r.metadata, r.customer);
  if (!who) return ignored('not an invoiceops payment: no invoice or customer in metadata and no Stripe customer');
  await assertCurrency(trx, amount.currency);
  const { paymentId, created } = await postPayment(trx, ctx, {
    customer: who.customer,
    currency: amount.currency,
    amountMinor: amount.amount,
    receivedOn: utcDate(event.created),
    method: methodOf(r.methodType),
    source: 'stripe',
    externalId: r.externalId,
    chargeId: r.chargeId,
    invoiceIds: r.status === 'succeeded' ? who.invoiceIds : undefined,
    status: r.status,
    failureReason: r.failureReason ?? null,
    auditReason: `stripe event ${event.id}`,
  });
  return processed(created ? `payment ${r.status === 'failed' ? 'failure ' : ''}recorded` : 'payment already recorded', paymentId);
}

/** Applies one Stripe event of a handled type inside the caller's transaction. */
export async function applyStripeEvent(trx: Trx, ctx: ActorContext, event: StripeEvent): Promise<StripeOutcome> {
  const on = utcDate(event.created);
  switch (event.type) {
    case 'payment_intent.succeeded': {
      const pi = parseObject(stripePaymentIntentSchema, event);
      const types = pi.payment_method_types ?? [];
      return recordReceived(trx, ctx, event, {
        externalId: pi.id,
        chargeId: pi.latest_charge ?? null,
        amount: pi.amount_received ?? pi.amount,
        currency: pi.currency,
        customer: pi.customer,
        metadata: pi.metadata,
        methodType: types.length === 1 ? types[0] : null,
        status: 'succeeded',
      });
    }
    case 'charge.succeeded': {
      const ch = parseObject(stripeChargeSchema, event);
      if (ch.captured === false) return ignored('authorized, not captured: recorded when the PaymentIntent succeeds');
      return recordReceived(trx, ctx, event, {
        externalId: ch.payment_intent ?? ch.id,
        chargeId: ch.id,
        amount: ch.amount_captured || ch.amount,
        currency: ch.currency,
        customer: ch.customer,
        metadata: ch.metadata,
        methodType: ch.payment_method_details?.type,
        status: 'succeeded',
      });
    }
    case 'payment_intent.payment_failed': {
      const pi = parseObject(stripePaymentIntentSchema, event);
      const reason = pi.last_payment_error?.message ?? pi.last_payment_error?.code ?? 'payment failed at Stripe';
      const existing = await findStripePayment(trx, pi.id, null);
      if (existing?.status === 'failed') return processed('failure already recorded', existing.id);
      if (existing) return processed('payment taken back as failed', (await recordPaymentFailure(trx, ctx, existing.id, { reason, failedOn: on }, ALL_ENTITIES)).id);
      const types = pi.payment_method_types ?? [];
      return recordReceived(trx, ctx, event, {
        externalId: pi.id,
        chargeId: null,
        amount: pi.amount,
        currency: pi.currency,
        customer: pi.customer,
        metadata: pi.metadata,
        methodType: types.length === 1 ? types[0] : null,
        status: 'failed',
        failureReason: reason,
      });
    }
    case 'charge.refunded': {
      const ch = parseObject(stripeChargeSchema, event);
      const payment = await findStripePayment(trx, ch.payment_intent, ch.id);
      if (!payment) return ignored(`no payment recorded for charge ${ch.id}`);
      const total = fromStripeAmount(ch.amount_refunded ?? 0, ch.currency, '/data/object/amount_refunded');
      if (total.currency !== payment.currency) throw AppError.invalid('/data/object/currency', `the refund is in ${total.currency}, the payment in ${payment.currency}`, 'currency_mismatch');
      const delta = total.amount - payment.refundedMinor;
      if (delta <= 0n) return processed('refund already recorded', payment.id);
      await refundPayment(trx, ctx, payment.id, { amountMinor: delta, refundedOn: on, reason: `stripe event ${event.id}` }, ALL_ENTITIES);
      return processed('refund recorded', payment.id);
    }
    case 'charge.dispute.created':
    case 'charge.dispute.closed': {
      const dp = parseObject(stripeDisputeSchema, event);
      if (dp.status.startsWith('warning_')) return ignored(`inquiry (${dp.status}): no money was withdrawn`);
      const payment = await findStripePayment(trx, dp.payment_intent, dp.charge);
      if (!payment) return ignored(`no payment recorded for charge ${dp.charge}`);
      const amount = fromStripeAmount(dp.amount, dp.currency);
      if (amount.currency !== payment.currency) throw AppError.invalid('/data/object/currency', `the dispute is in ${amount.currency}, the payment in ${payment.currency}`, 'currency_mismatch');
      const open = () => openPaymentDispute(trx, ctx, payment.id, { disputeId: dp.id, amountMinor: amount.amount, openedOn: on, reason: dp.reason ?? null }, ALL_ENTITIES);
      if (event.type === 'charge.dispute.created') {
        await open();
        return processed('dispute opened: payment taken back from its invoices', payment.id);
      }
      if (dp.status !== 'won' && dp.status !== 'lost') return ignored(`dispute status ${dp.status} is not final`);
      if (payment.disputeStatus !== 'open' && payment.disputeStatus !== dp.status) {
        // The created event was missed: a lost dispute still takes the money back.
        if (dp.status === 'won') return processed('dispute won; nothing had been taken back', payment.id);
        await open();
      }
      await closePaymentDispute(trx, ctx, payment.id, { outcome: dp.status, closedOn: on }, ALL_ENTITIES);
      return processed(`dispute ${dp.status}`, payment.id);
    }
    default:
      return ignored(`event type ${event.type} is not handled`);
  }
}

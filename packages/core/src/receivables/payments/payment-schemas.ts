import { z } from 'zod';
import { currencyCode, idOf, isoDate, pageQuery, text } from '../../shared/schemas.ts';

export const PAYMENT_METHODS = ['card', 'bank_transfer', 'direct_debit', 'other'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const PAYMENT_STATUSES = ['succeeded', 'failed', 'refunded', 'partially_refunded', 'disputed'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const APPLICATION_REASONS = ['payment', 'credit_balance', 'refund', 'dispute', 'dispute_won', 'payment_failed'] as const;

/** A positive amount in major units, as text ("1250.00"); checked against the currency's digits. */
const positiveAmount = z
  .string()
  .max(40)
  .regex(/^\d+(\.\d+)?$/, 'must be a positive decimal amount written as a string, such as "1250.00"');

/** `POST /v1/payments`: money received from a customer, outside a gateway webhook. */
export const recordPaymentSchema = z.strictObject({
  customerId: idOf('cus'),
  currency: currencyCode,
  amount: positiveAmount.describe('Major units of `currency`, e.g. "1250.00" (EUR), "5000" (JPY), "12.345" (KWD)'),
  receivedOn: isoDate.describe('The day the money arrived (value date)'),
  method: z.enum(PAYMENT_METHODS),
  invoiceIds: z
    .array(idOf('inv'))
    .min(1)
    .max(100)
    .optional()
    .describe('Invoices to pay, in this order; what is left goes to the credit balance. Omitted: the oldest open invoices of the customer in this currency, by due date'),
  externalId: text(255).min(1).optional().describe('The payment in the paying system (bank reference, remittance id); unique'),
  reference: text(500).optional().describe('Free text shown with the payment'),
});
export type RecordPaymentInput = z.output<typeof recordPaymentSchema>;

/** `POST /v1/payments/:id/refunds`: records money returned to the customer. */
export const refundPaymentSchema = z.strictObject({
  amount: positiveAmount.optional().describe('Major units; omitted: everything not yet refunded'),
  refundedOn: isoDate.optional().describe('Defaults to today (UTC)'),
  reason: text(500).optional(),
});
export type RefundPaymentInput = z.output<typeof refundPaymentSchema>;

export const listPaymentsQuery = pageQuery.extend({
  customerId: idOf('cus').optional(),
  status: z.enum(PAYMENT_STATUSES).optional(),
  currency: currencyCode.optional(),
});

export const paymentApplicationSchema = z.object({
  id: z.string(),
  invoiceId: z.string(),
  invoiceNumber: z.string().nullable(),
  amount: z.string().describe('Positive: applied to the invoice; negative: taken back (refund, dispute, failure)'),
  reason: z.enum(APPLICATION_REASONS),
  effectiveOn: z.string().describe('Business date of the movement (payment value date, refund date)'),
  appliedAt: z.string(),
});

export const paymentSchema = z.object({
  id: z.string(),
  entityId: z.string(),
  customerId: z.string(),
  currency: z.string(),
  amount: z.string().describe('What the customer paid, major units of `currency`'),
  applied: z.string().describe('Now on invoices'),
  unapplied: z.string().describe("Now in the customer's credit balance"),
  refunded: z.string(),
  disputed: z.string().describe('Held by an open or lost dispute'),
  receivedOn: z.string(),
  method: z.enum(PAYMENT_METHODS),
  source: z.enum(['api', 'stripe']),
  externalId: z.string().nullable(),
  chargeId: z.string().nullable(),
  reference: z.string().nullable(),
  status: z.enum(PAYMENT_STATUSES),
  disputeStatus: z.enum(['open', 'won', 'lost']).nullable(),
  failureReason: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const paymentWithApplicationsSchema = paymentSchema.extend({ applications: z.array(paymentApplicationSchema) });

export type Payment = z.output<typeof paymentSchema>;
export type PaymentApplication = z.output<typeof paymentApplicationSchema>;
export type PaymentWithApplications = z.output<typeof paymentWithApplicationsSchema>;

export const creditBalanceSchema = z.object({
  customerId: z.string(),
  entityId: z.string(),
  currency: z.string(),
  balance: z.string(),
  updatedAt: z.string(),
});
export type CreditBalance = z.output<typeof creditBalanceSchema>;

/** `GET /v1/invoices/{id}/payments`: one movement of payment money on the invoice, with the payment it came from. */
export const invoicePaymentSchema = z.object({
  applicationId: z.string(),
  paymentId: z.string(),
  currency: z.string(),
  amount: z.string().describe('Major units of `currency`. Positive: applied to the invoice; negative: taken back (refund, dispute, failure)'),
  reason: z.enum(APPLICATION_REASONS),
  effectiveOn: z.string().describe('Business date of the movement (payment value date, refund date)'),
  appliedAt: z.string(),
  method: z.enum(PAYMENT_METHODS),
  source: z.enum(['api', 'stripe']),
  reference: z.string().nullable(),
  externalId: z.string().nullable(),
  paymentStatus: z.enum(PAYMENT_STATUSES),
});
export type InvoicePayment = z.output<typeof invoicePaymentSchema>;

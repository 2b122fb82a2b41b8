import { z } from 'zod';
import type { PaymentMethod } from '../payment-schemas.ts';

/**
 * The parts of Stripe's event and objects that invoiceops reads. Loose objects: Stripe
 * adds fields in every API version and they must not break the webhook.
 */
export const stripeEventSchema = z.looseObject({
  id: z.string().min(1).max(255),
  type: z.string().min(1).max(200),
  created: z.number().int().nonnegative(),
  data: z.looseObject({ object: z.record(z.string(), z.unknown()) }),
});
export type StripeEvent = z.output<typeof stripeEventSchema>;

const id = z.string().min(1).max(255);
const amount = z.number().int().nonnegative();
const metadata = z.record(z.string(), z.unknown()).nullish();
/** A reference to another object: an id in events; an expanded object is accepted too. */
const ref = z.union([id, z.looseObject({ id })]).transform((c) => (typeof c === 'string' ? c : c.id));

export const stripePaymentIntentSchema = z.looseObject({
  id,
  amount,
  amount_received: amount.optional(),
  currency: z.string(),
  customer: ref.nullish(),
  metadata,
  latest_charge: ref.nullish(),
  payment_method_types: z.array(z.string()).optional(),
  last_payment_error: z.looseObject({ message: z.string().nullish(), code: z.string().nullish() }).nullish(),
});

export const stripeChargeSchema = z.looseObject({
  id,
  amount,
  amount_captured: amount.optional(),
  amount_refunded: amount.optional(),
  captured: z.boolean().optional(),
  currency: z.string(),
  customer: ref.nullish(),
  metadata,
  payment_intent: ref.nullish(),
  payment_method_details: z.looseObject({ type: z.string() }).nullish(),
});

export const stripeDisputeSchema = z.looseObject({
  id,
  amount,
  currency: z.string(),
  charge: ref,
  payment_intent: ref.nullish(),
  status: z.string(),
  reason: z.string().nullish(),
});

const CARD = new Set(['card', 'card_present', 'interac_present', 'link']);
const DIRECT_DEBIT = new Set(['sepa_debit', 'bacs_debit', 'au_becs_debit', 'acss_debit', 'us_bank_account', 'nz_bank_account']);
const TRANSFER = new Set(['customer_balance', 'bank_transfer']);

/** Our payment method for a Stripe payment method type. */
export function methodOf(type: string | null | undefined): PaymentMethod {
  if (!type) return 'other';
  if (CARD.has(type)) return 'card';
  if (DIRECT_DEBIT.has(type)) return 'direct_debit';
  if (TRANSFER.has(type)) return 'bank_transfer';
  return 'other';
}

/** A metadata value as text, or null. */
export function metadataText(meta: Record<string, unknown> | null | undefined, ...keys: string[]): string | null {
  for (const key of keys) {
    const value = meta?.[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return null;
}

/** YYYY-MM-DD (UTC) of a Unix timestamp. */
export function utcDate(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().slice(0, 10);
}

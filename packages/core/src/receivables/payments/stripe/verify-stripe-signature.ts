import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../../errors/app-error.ts';

/** Stripe's default tolerance between the signed timestamp and our clock. */
export const STRIPE_SIGNATURE_TOLERANCE_SECONDS = 300;

/** The `v1` signature Stripe computes: hex HMAC-SHA256 of `<t>.<raw body>` with the endpoint secret. */
export function stripeSignature(secret: string, timestamp: number, payload: Buffer | string): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(payload).digest('hex');
}

const HEX_SHA256 = /^[0-9a-f]{64}$/;

/**
 * Checks a `Stripe-Signature` header (`t=<unix seconds>,v1=<hex>[,v1=<hex>…]`) against the
 * raw request body: the timestamp must be within the tolerance of `nowSeconds` (either
 * side, so a replayed old delivery is refused), and one of the `v1` values must equal our
 * HMAC, compared in constant time. Several `v1` values are allowed (Stripe sends one per
 * active secret while a secret is being rolled). Other schemes (`v0`) are ignored.
 * Throws `bad_request` (HTTP 400) with the reason; returns the signed timestamp.
 */
export function verifyStripeSignature(
  payload: Buffer | string,
  header: string | undefined,
  secret: string,
  nowSeconds: number,
  toleranceSeconds = STRIPE_SIGNATURE_TOLERANCE_SECONDS,
): number {
  if (!header) throw new AppError('bad_request', 'the Stripe-Signature header is missing');
  let timestamp: number | undefined;
  const candidates: string[] = [];
  for (const part of header.split(',')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    const key = part.slice(0, at).trim();
    const value = part.slice(at + 1).trim();
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    if (key === 'v1') candidates.push(value.toLowerCase());
  }
  if (timestamp === undefined) throw new AppError('bad_request', 'the Stripe-Signature header has no timestamp (t=…)');
  if (candidates.length === 0) throw new AppError('bad_request', 'the Stripe-Signature header has no v1 signature');
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) {
    throw new AppError('bad_request', `the Stripe-Signature timestamp is more than ${toleranceSeconds} seconds away from the server time; the event may be replayed`, {
      extensions: { reason: 'stale_timestamp' },
    });
  }
  const expected = Buffer.from(stripeSignature(secret, timestamp, payload), 'hex');
  const matches = candidates.some((candidate) => HEX_SHA256.test(candidate) && timingSafeEqual(Buffer.from(candidate, 'hex'), expected));
  if (!matches) throw new AppError('bad_request', 'no v1 signature in the Stripe-Signature header matches the body and the endpoint secret', { extensions: { reason: 'bad_signature' } });
  return timestamp;
}

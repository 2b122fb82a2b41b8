import { Webhook } from 'standardwebhooks';
import type { InboundRejectionReason } from '@invoiceops/core';

/** The Standard Webhooks headers of a request, as strings ('' when missing). */
export interface StandardWebhookHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/** The signature holds, or why it does not. */
export type SignatureCheck = { ok: true } | { ok: false; reason: InboundRejectionReason; detail: string };

const TOLERANCE_SECONDS = 5 * 60;

/**
 * Verifies a Standard Webhooks signature over the raw body with `standardwebhooks`,
 * naming what is wrong in words a sender's developer can act on: which header is missing,
 * a timestamp outside five minutes, or no signature matching the body and the secret.
 */
export function checkStandardWebhookSignature(secret: string, raw: string, headers: StandardWebhookHeaders, nowSeconds = Math.floor(Date.now() / 1000)): SignatureCheck {
  for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const) {
    if (!headers[name]) return { ok: false, reason: 'missing_signature', detail: `the ${name} header is missing` };
  }
  if (!/^\d{1,12}$/.test(headers['webhook-timestamp'])) return { ok: false, reason: 'malformed_signature', detail: 'the webhook-timestamp header is not a Unix time in seconds' };
  if (Math.abs(nowSeconds - Number(headers['webhook-timestamp'])) > TOLERANCE_SECONDS) {
    return { ok: false, reason: 'stale_timestamp', detail: `the webhook-timestamp is more than ${TOLERANCE_SECONDS} seconds away from the server time; the message may be replayed` };
  }
  if (!headers['webhook-signature'].split(' ').some((s) => s.startsWith('v1,'))) {
    return { ok: false, reason: 'malformed_signature', detail: 'the webhook-signature header has no v1 signature (expected "v1,<base64>")' };
  }
  try {
    new Webhook(secret).verify(raw, { ...headers }, { jsonParse: false });
    return { ok: true };
  } catch {
    return { ok: false, reason: 'bad_signature', detail: 'no signature in the webhook-signature header matches the body and the secret' };
  }
}

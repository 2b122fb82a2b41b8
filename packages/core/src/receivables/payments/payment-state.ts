import { AppError } from '../../errors/app-error.ts';
import type { PaymentStatus } from './payment-schemas.ts';

/** What can happen to a recorded payment. */
export type PaymentEvent = 'refund' | 'dispute_opened' | 'dispute_won' | 'dispute_lost' | 'fail' | 'retry_succeeded';

/** Event → the statuses it may happen in. The one place payment transitions are decided. */
const ALLOWED_FROM: Record<PaymentEvent, readonly PaymentStatus[]> = {
  refund: ['succeeded', 'partially_refunded'],
  dispute_opened: ['succeeded', 'partially_refunded'],
  dispute_won: ['disputed'],
  dispute_lost: ['disputed'],
  // A returned direct debit or a bounced transfer: money we counted never arrived.
  fail: ['succeeded', 'partially_refunded'],
  // A gateway payment that failed and then succeeded on a retry (same PaymentIntent).
  retry_succeeded: ['failed'],
};

/**
 * The status after `event`, or an `illegal_transition` error naming both. `refunded`
 * tells refund-like outcomes apart: with nothing left to refund the payment is `refunded`,
 * otherwise `partially_refunded` (or `succeeded` when nothing was ever refunded).
 */
export function nextPaymentStatus(from: PaymentStatus, event: PaymentEvent, amounts: { amountMinor: bigint; refundedMinor: bigint }): PaymentStatus {
  if (!ALLOWED_FROM[event].includes(from)) {
    throw new AppError('illegal_transition', `a ${from} payment cannot be ${describe(event)}`, { extensions: { from, event } });
  }
  switch (event) {
    case 'dispute_opened':
    case 'dispute_lost':
      return 'disputed';
    case 'fail':
      return 'failed';
    case 'retry_succeeded':
      return 'succeeded';
    case 'refund':
    case 'dispute_won':
      if (amounts.refundedMinor === 0n) return 'succeeded';
      return amounts.refundedMinor >= amounts.amountMinor ? 'refunded' : 'partially_refunded';
  }
}

function describe(event: PaymentEvent): string {
  switch (event) {
    case 'refund':
      return 'refunded';
    case 'dispute_opened':
      return 'disputed';
    case 'dispute_won':
    case 'dispute_lost':
      return 'closed as a dispute (it is not disputed)';
    case 'fail':
      return 'marked failed';
    case 'retry_succeeded':
      return 'recorded as succeeded again';
  }
}

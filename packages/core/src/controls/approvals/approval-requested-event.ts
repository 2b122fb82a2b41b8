import type { WebhookEventInput } from '../../integration/webhooks/emit-webhook-events.ts';
import { formatMoney } from '../../money/parse-format.ts';
import type { RoutingFacts } from './routing-facts.ts';

/** The `approval.requested` event of a request just opened: which document, how much, which route. */
export function approvalRequestedEvent(requestId: string, facts: RoutingFacts, routeId: string, submission: number): WebhookEventInput {
  const amountMinor = facts.functionalAmountMinor < 0n ? -facts.functionalAmountMinor : facts.functionalAmountMinor;
  return {
    type: 'approval.requested',
    data: {
      id: requestId,
      documentType: facts.documentType,
      documentId: facts.documentId,
      entityId: facts.entityId,
      routeId,
      submission,
      currency: facts.functionalCurrency,
      amount: formatMoney({ amount: amountMinor, currency: facts.functionalCurrency }),
      amountMinor: Number(amountMinor),
    },
  };
}

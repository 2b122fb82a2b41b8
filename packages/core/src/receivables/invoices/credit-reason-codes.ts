// No imports: the web app takes this table from here (its bundle must not pull in core's
// database code), as it takes the role table from access/roles.ts.

/** Why a credit memo was issued; `billing_error` and `duplicate` count against billing accuracy. */
export const CREDIT_REASON_CODES = ['billing_error', 'price_adjustment', 'service_credit', 'cancellation', 'duplicate', 'goodwill', 'other'] as const;

export type CreditReasonCode = (typeof CREDIT_REASON_CODES)[number];

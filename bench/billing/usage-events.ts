import { DEMO_BILLING_MONTH } from '@invoiceops/core';

/** Events per request: the API's batch limit. */
export const BATCH = 1_000;
export const METRIC = 'api.calls';
const monthStart = Date.parse(`${DEMO_BILLING_MONTH.first}T00:00:00Z`);

export interface BenchEvent {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  subject: string;
  time: string;
  data: { quantity: number };
}

/**
 * The month's events, `perCustomer` for each customer, interleaved (each batch of 1,000
 * names up to 1,000 customers, as a gateway's traffic would), made as they are needed.
 */
export function* usageEvents(customerIds: readonly string[], perCustomer: number, source: string): Generator<BenchEvent> {
  let n = 0;
  for (let i = 0; i < perCustomer; i += 1) {
    for (const subject of customerIds) {
      n += 1;
      // spread over days 2–27 of the month, away from period edges in any time zone
      const time = new Date(monthStart + 86_400_000 + (n % (25 * 86_400)) * 1000).toISOString();
      yield { specversion: '1.0', id: `b${n}`, source, type: METRIC, subject, time, data: { quantity: (n % 97) + 1 } };
    }
  }
}

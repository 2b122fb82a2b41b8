import type { Trx } from '../../db/transaction.ts';
import { formatMoney } from '../../money/parse-format.ts';
import { findWebhookSubscribers, writeWebhookEvents, type WebhookEventInput } from './emit-webhook-events.ts';
import type { WebhookEventType } from './webhook-event-types.ts';

/** The `data` of an invoice or credit memo event: who, how much, which entity. */
export interface InvoiceEventData {
  [key: string]: unknown;
  id: string;
  kind: 'invoice' | 'credit_memo';
  number: string | null;
  customerId: string;
  entityId: string;
  currency: string;
  /** The total as an exact decimal string in major units ("1234.50"). */
  amount: string;
  /** The total in minor units (an integer). */
  amountMinor: number;
  /** What is still owed, as a decimal string. */
  amountDue: string;
  issueDate: string | null;
  dueDate: string | null;
  lifecycle: string;
}

/**
 * Emits one event of `type` per document, inside the caller's transaction. The documents
 * are read only when someone subscribes to `type`, so a bill run finalizing thousands of
 * invoices pays one cheap query when nobody listens.
 */
export async function emitInvoiceEvents(trx: Trx, type: WebhookEventType, documentIds: readonly string[], now: Date = new Date()): Promise<number> {
  if (documentIds.length === 0) return 0;
  const subscribers = await findWebhookSubscribers(trx, [type]);
  if (subscribers.length === 0) return 0;
  const events: WebhookEventInput[] = [];
  const ids = [...new Set(documentIds)];
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await trx
      .selectFrom('invoices')
      .select(['id', 'kind', 'number', 'customerId', 'entityId', 'currency', 'totalMinor', 'paidMinor', 'creditedMinor', 'issueDate', 'dueDate', 'lifecycle'])
      .where('id', 'in', ids.slice(i, i + 1000))
      .orderBy('id')
      .execute();
    for (const r of rows) {
      const data: InvoiceEventData = {
        id: r.id,
        kind: r.kind,
        number: r.number,
        customerId: r.customerId,
        entityId: r.entityId,
        currency: r.currency,
        amount: formatMoney({ amount: r.totalMinor, currency: r.currency }),
        amountMinor: Number(r.totalMinor),
        amountDue: formatMoney({ amount: r.kind === 'invoice' ? r.totalMinor - r.paidMinor - r.creditedMinor : 0n, currency: r.currency }),
        issueDate: r.issueDate,
        dueDate: r.dueDate,
        lifecycle: r.lifecycle,
      };
      events.push({ type, data });
    }
  }
  return writeWebhookEvents(trx, events, subscribers, now);
}

import { sql } from 'kysely';
import type { Trx } from '../../db/transaction.ts';
import type { ActorContext } from '../../shared/context.ts';
import { canTransition, type LifecycleState } from './document-lifecycle.ts';
import { transitionDocuments, type LifecycleChange } from './transition-documents.ts';
import { emitInvoiceEvents } from '../../integration/webhooks/emit-invoice-events.ts';

/** States an issued invoice can be settled from. */
const OPEN_ISSUED: readonly LifecycleState[] = ['approved', 'posted', 'sent'];

/**
 * Keeps the lifecycle of issued invoices in step with their money, inside the transaction
 * that moved it: an invoice whose payments and credits now cover its total becomes `paid`;
 * a `paid` invoice that is no longer covered (a payment reversed, refunded or charged
 * back, a credit memo voided) goes back to the state it was paid from. Documents whose
 * lifecycle the controls do not track yet (drafts, void) are left alone. Each invoice that
 * becomes paid emits an `invoice.paid` webhook in the same transaction.
 */
export async function syncSettlementLifecycle(trx: Trx, ctx: ActorContext, invoiceIds: readonly string[], now: Date = new Date()): Promise<void> {
  if (invoiceIds.length === 0) return;
  // The table, not `document_trail`: batched transitions never go into `paid`.
  const rows = await sql<{ id: string; lifecycle: LifecycleState; settled: boolean; paidFrom: LifecycleState | null }>`
    SELECT i.id, i.lifecycle, (i.paid_minor + i.credited_minor >= i.total_minor) AS settled,
      (SELECT t.from_state FROM document_transitions t WHERE t.document_id = i.id AND t.to_state = 'paid' ORDER BY t.at DESC, t.id DESC LIMIT 1) AS "paidFrom"
    FROM invoices i
    WHERE i.id = ANY(${[...new Set(invoiceIds)]}::text[]) AND i.kind = 'invoice' AND i.status = 'finalized'`.execute(trx);
  const changes: LifecycleChange[] = [];
  for (const r of rows.rows) {
    if (r.settled && OPEN_ISSUED.includes(r.lifecycle)) {
      changes.push({ documentType: 'invoice', documentId: r.id, to: 'paid', reason: 'payments and credits cover the total' });
    } else if (!r.settled && r.lifecycle === 'paid') {
      const back = r.paidFrom !== null && canTransition('invoice', 'paid', r.paidFrom) ? r.paidFrom : 'approved';
      changes.push({ documentType: 'invoice', documentId: r.id, to: back, reason: 'no longer fully paid: a payment or credit was reversed' });
    }
  }
  await transitionDocuments(trx, ctx, changes, now);
  await emitInvoiceEvents(trx, 'invoice.paid', changes.filter((c) => c.to === 'paid').map((c) => c.documentId), now);
}

/**
 * Records that an issued document was delivered to the customer: `approved` or `posted`
 * → `sent`. A document already further along (sent, paid) or not tracked is left alone.
 */
export async function markDocumentSent(trx: Trx, ctx: ActorContext, document: { documentType: 'invoice' | 'credit_memo'; documentId: string }, now: Date = new Date()): Promise<void> {
  const row = await trx.selectFrom('invoices').select('lifecycle').where('id', '=', document.documentId).forUpdate().executeTakeFirst();
  if (!row || (row.lifecycle !== 'approved' && row.lifecycle !== 'posted')) return;
  await transitionDocuments(trx, ctx, [{ ...document, to: 'sent', reason: 'emailed to the customer' }], now);
}

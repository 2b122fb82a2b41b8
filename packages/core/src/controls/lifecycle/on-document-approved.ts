import type { Trx } from '../../db/transaction.ts';
import { issueDocument } from '../../receivables/invoices/finalize-invoice.ts';
import { issueInvoices } from '../../receivables/invoices/finalize-invoices.ts';
import type { ActorContext } from '../../shared/context.ts';
import { enqueuePostings } from '../../integration/enqueue-postings.ts';
import type { LifecycleDocumentType } from './document-lifecycle.ts';

/**
 * What approval means for the document, inside the approving transaction: receivables
 * documents are issued — invoices in bulk (one number range per entity), credit memos one
 * by one (each credits its invoice) — and their posting to the ERP is queued. The
 * lifecycle is already `approved`.
 */
export async function onDocumentApproved(
  trx: Trx,
  ctx: ActorContext,
  documents: readonly { documentType: LifecycleDocumentType; documentId: string }[],
  now: Date,
): Promise<void> {
  const invoices = documents.filter((d) => d.documentType === 'invoice').map((d) => d.documentId);
  if (invoices.length > 0) await issueInvoices(trx, ctx, invoices, now);
  for (const memo of documents.filter((d) => d.documentType === 'credit_memo')) await issueDocument(trx, ctx, memo.documentId, now);
  // Outbox: each issued document is posted to the ERP by a worker once this commits.
  await enqueuePostings(trx, documents.map((d) => d.documentId));
}

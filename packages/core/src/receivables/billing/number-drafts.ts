import type { Trx } from '../../db/transaction.ts';
import type { ActorContext } from '../../shared/context.ts';
import { enqueuePostings } from '../../integration/enqueue-postings.ts';
import { allocateInvoiceNumbers, completeFinalization, type FinalizingDraft, type InvoiceNumbering } from '../invoices/finalize-invoices.ts';
import type { DraftWithInputs } from './draft-controls-rows.ts';

/** Drafts numbered by {@link numberDrafts}: what `completeFinalization` needs. */
export interface NumberedDrafts {
  readonly drafts: FinalizingDraft[];
  readonly numbers: InvoiceNumbering[];
}

/**
 * Numbers drafts a run writes issued, before they are inserted: gapless numbers in id
 * order per entity, and each invoice row set `finalized` with its number, issue and due
 * dates; its audit row says it was finalized with that number. Returns what
 * `completeFinalization` needs.
 */
export async function numberDrafts(trx: Trx, drafts: readonly DraftWithInputs[], now: Date): Promise<NumberedDrafts> {
  if (drafts.length === 0) return { drafts: [], numbers: [] };
  const finalizing: FinalizingDraft[] = drafts
    .map(({ draft: { invoice }, inputs }) => ({ id: invoice.id, entityId: invoice.entityId, customerId: invoice.customerId, currency: invoice.currency, paymentTermsDays: invoice.paymentTermsDays!, timeZone: inputs.entity.timeZone, version: 1 }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const numbers = await allocateInvoiceNumbers(trx, finalizing, now);
  const numbered = new Map(numbers.map((n) => [n.id, n]));
  for (const { draft } of drafts) {
    const n = numbered.get(draft.invoice.id)!;
    Object.assign(draft.invoice, { status: 'finalized', number: n.number, series: n.series, issueDate: n.issueDate, dueDate: n.dueDate, version: n.version, finalizedAt: now, lifecycle: 'approved', lifecycleChangedAt: now });
    draft.audit = { ...draft.audit, action: 'invoice.finalized', diff: { ...draft.audit.diff, before: { status: null, number: null }, after: { status: 'finalized', number: n.number, issueDate: n.issueDate, dueDate: n.dueDate } } };
  }
  return { drafts: finalizing, numbers };
}

/**
 * What issuing does once the numbered invoices are written: credit balances applied, the
 * emails and webhooks queued (their audit rows are the run's own), and the postings queued.
 */
export async function completeNumberedDrafts(trx: Trx, ctx: ActorContext, numbered: NumberedDrafts): Promise<void> {
  await completeFinalization(trx, ctx, numbered.drafts, numbered.numbers, { audit: false });
  await enqueuePostings(trx, numbered.drafts.map((d) => d.id));
}

import { assertInScope, type EntityScope } from '../../access/principal.ts';
import type { Db } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import { getInvoice } from '../../receivables/invoices/invoice-repository.ts';
import type { Invoice } from '../../receivables/invoices/invoice-schemas.ts';
import type { ActorContext } from '../../shared/context.ts';
import type { ControlsOutcome } from './decide-controls.ts';
import { submitDocuments } from './submit-documents.ts';

/** A submitted document as it is now, with what the controls decided. */
export interface SubmittedDocument {
  readonly document: Invoice;
  readonly outcome: ControlsOutcome;
  readonly reasons: string[];
}

/**
 * Submits one draft invoice or credit memo to the controls, or re-validates one on hold
 * after its data was corrected (`POST /v1/invoices/{id}/submit`). A document in any other
 * state is refused with `illegal_transition` naming its state.
 */
export async function submitDocument(db: Db, ctx: ActorContext, documentId: string, scope: EntityScope, now: Date = new Date()): Promise<SubmittedDocument> {
  const row = await db.selectFrom('invoices').select(['entityId', 'kind', 'lifecycle', 'status']).where('id', '=', documentId).executeTakeFirst();
  if (!row) throw AppError.notFound('invoice', documentId);
  assertInScope(scope, [row.entityId], 'invoices');
  const [result] = await submitDocuments(db, ctx, [documentId], { now });
  const { outcome, reasons, lifecycle } = result!;
  if (outcome === 'skipped') {
    const label = row.kind.replace('_', ' ');
    throw new AppError('illegal_transition', `${label} ${documentId} is ${lifecycle}; only a draft or a document on hold can be submitted to the controls`, {
      extensions: { lifecycle },
    });
  }
  return { document: await getInvoice(db, documentId), outcome, reasons: [...reasons] };
}

import type { Trx } from '../db/transaction.ts';
import { AppError } from '../errors/app-error.ts';
import { postingExternalId, type CanonicalPosting } from './posting-connector.ts';

/**
 * The canonical posting of an issued invoice or credit memo: its GL distribution (written
 * when it was drafted) as debit and credit lines, zero lines left out, dated on the issue date.
 */
export async function loadCanonicalPosting(trx: Trx, documentId: string): Promise<CanonicalPosting> {
  const doc = await trx
    .selectFrom('invoices')
    .select(['id', 'kind', 'number', 'entityId', 'customerId', 'currency', 'totalMinor', 'issueDate', 'status'])
    .where('id', '=', documentId)
    .executeTakeFirst();
  if (!doc) throw AppError.notFound('invoice', documentId);
  if (doc.status !== 'finalized' || doc.issueDate === null) {
    throw new AppError('illegal_transition', `${doc.kind.replace('_', ' ')} ${documentId} is ${doc.status}; only issued documents are posted`);
  }
  const gl = await trx.selectFrom('invoiceGlEntries').selectAll().where('invoiceId', '=', documentId).orderBy('id').execute();
  return {
    documentType: doc.kind,
    documentId: doc.id,
    documentNumber: doc.number,
    entityId: doc.entityId,
    partyId: doc.customerId,
    currency: doc.currency,
    totalMinor: doc.totalMinor,
    postingDate: doc.issueDate,
    externalId: postingExternalId(doc.kind, doc.id),
    memo: `${doc.kind === 'invoice' ? 'Invoice' : 'Credit memo'} ${doc.number ?? doc.id}`,
    lines: gl
      .filter((g) => g.debitMinor !== 0n || g.creditMinor !== 0n)
      .map((g) => ({ accountCode: g.accountCode, debitMinor: g.debitMinor, creditMinor: g.creditMinor, dimensions: g.dimensions, memo: g.memo })),
  };
}

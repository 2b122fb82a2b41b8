import type { Db } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import type { ErpPostingSource } from './erp-posting-source.ts';

/**
 * Reads what the ERP posting of an issued document needs, in four queries whatever the
 * number of lines (one per table: the document, its lines, its GL entries, and the
 * `external_ids` of its customer and products in system `erp:<connectionName>`). NotFound
 * for an unknown document; `illegal_transition` unless it is finalized (issued).
 */
export async function loadErpPostingSource(db: Db, documentId: string, connectionName: string): Promise<ErpPostingSource> {
  const doc = await db
    .selectFrom('invoices')
    .select(['id', 'kind', 'status', 'number', 'entityId', 'customerId', 'currency', 'issueDate', 'dueDate', 'poNumber', 'subtotalMinor', 'taxMinor', 'totalMinor'])
    .where('id', '=', documentId)
    .executeTakeFirst();
  if (!doc) throw AppError.notFound('invoice', documentId);
  if (doc.status !== 'finalized' || doc.issueDate === null) {
    throw new AppError('illegal_transition', `${doc.kind.replace('_', ' ')} ${documentId} is ${doc.status}; only issued documents are posted to an ERP`, {
      extensions: { status: doc.status },
    });
  }
  const [lines, gl, externalIds] = await Promise.all([
    db
      .selectFrom('invoiceLines')
      .select(['id', 'lineNo', 'description', 'productId', 'quantity', 'unitPrice', 'amountMinor', 'taxCode', 'taxMinor', 'revenueAccountCode', 'dimensions'])
      .where('invoiceId', '=', documentId)
      .orderBy('lineNo')
      .execute(),
    db
      .selectFrom('invoiceGlEntries')
      .select(['invoiceLineId', 'accountCode', 'debitMinor', 'creditMinor', 'dimensions', 'memo'])
      .where('invoiceId', '=', documentId)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('externalIds')
      .select(['objectType', 'objectId', 'externalId'])
      .where('system', '=', `erp:${connectionName}`)
      .where((eb) =>
        eb.or([
          eb.and([eb('objectType', '=', 'customer'), eb('objectId', '=', doc.customerId)]),
          eb.and([
            eb('objectType', '=', 'product'),
            eb('objectId', 'in', eb.selectFrom('invoiceLines').select('productId').where('invoiceId', '=', documentId).where('productId', 'is not', null).$narrowType<{ productId: string }>()),
          ]),
        ]),
      )
      .execute(),
  ]);
  const idsOf = (type: string) => new Map(externalIds.filter((x) => x.objectType === type).map((x) => [x.objectId, x.externalId]));
  return {
    document: { ...doc, issueDate: doc.issueDate },
    lines,
    gl,
    externalIds: { customers: idsOf('customer'), products: idsOf('product') },
  };
}

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
  const sources = await loadErpPostingSources(db, [documentId], connectionName);
  const source = sources.get(documentId);
  if (source instanceof AppError) throw source;
  if (source === undefined) throw AppError.notFound('invoice', documentId);
  return source;
}

/**
 * {@link loadErpPostingSource} for many documents in the same four queries (a worker posts
 * a batch at a time). Each id maps to its source, or to the AppError it would have thrown.
 */
export async function loadErpPostingSources(db: Db, documentIds: readonly string[], connectionName: string): Promise<Map<string, ErpPostingSource | AppError>> {
  const out = new Map<string, ErpPostingSource | AppError>();
  if (documentIds.length === 0) return out;
  const ids = [...new Set(documentIds)];
  const docs = await db
    .selectFrom('invoices')
    .select(['id', 'kind', 'status', 'number', 'entityId', 'customerId', 'currency', 'issueDate', 'dueDate', 'poNumber', 'subtotalMinor', 'taxMinor', 'totalMinor'])
    .where('id', 'in', ids)
    .execute();
  const issued = docs.filter((doc) => doc.status === 'finalized' && doc.issueDate !== null);
  for (const id of ids) {
    const doc = docs.find((d) => d.id === id);
    if (!doc) out.set(id, AppError.notFound('invoice', id));
    else if (doc.status !== 'finalized' || doc.issueDate === null) {
      out.set(id, new AppError('illegal_transition', `${doc.kind.replace('_', ' ')} ${id} is ${doc.status}; only issued documents are posted to an ERP`, { extensions: { status: doc.status } }));
    }
  }
  if (issued.length === 0) return out;
  const issuedIds = issued.map((d) => d.id);
  const customerIds = [...new Set(issued.map((d) => d.customerId))];
  const lines = await db
    .selectFrom('invoiceLines')
    .select(['invoiceId', 'id', 'lineNo', 'description', 'productId', 'quantity', 'unitPrice', 'amountMinor', 'taxCode', 'taxMinor', 'revenueAccountCode', 'dimensions'])
    .where('invoiceId', 'in', issuedIds)
    .orderBy('invoiceId')
    .orderBy('lineNo')
    .execute();
  const productIds = [...new Set(lines.flatMap((l) => (l.productId === null ? [] : [l.productId])))];
  const system = `erp:${connectionName}`;
  const [gl, externalIds] = await Promise.all([
    db
      .selectFrom('invoiceGlEntries')
      .select(['invoiceId', 'invoiceLineId', 'accountCode', 'debitMinor', 'creditMinor', 'dimensions', 'memo'])
      .where('invoiceId', 'in', issuedIds)
      .orderBy('invoiceId')
      .orderBy('id')
      .execute(),
    // Two look-ups by (system, object_type, object_id), each an index range.
    db
      .selectFrom('externalIds')
      .select(['objectType', 'objectId', 'externalId'])
      .where('system', '=', system).where('objectType', '=', 'customer').where('objectId', 'in', customerIds)
      .$if(productIds.length > 0, (q) => q.unionAll((eb) => eb.selectFrom('externalIds').select(['objectType', 'objectId', 'externalId'])
        .where('system', '=', system).where('objectType', '=', 'product').where('objectId', 'in', productIds)))
      .execute(),
  ]);
  const linesOf = groupBy(lines, (l) => l.invoiceId);
  const glOf = groupBy(gl, (g) => g.invoiceId);
  const customers = new Map(externalIds.filter((x) => x.objectType === 'customer').map((x) => [x.objectId, x.externalId]));
  const allProducts = new Map(externalIds.filter((x) => x.objectType === 'product').map((x) => [x.objectId, x.externalId]));
  for (const doc of issued) {
    const docLines = (linesOf.get(doc.id) ?? []).map(({ invoiceId: _invoiceId, ...line }) => line);
    const products = new Map(docLines.filter((l) => l.productId !== null && allProducts.has(l.productId)).map((l) => [l.productId!, allProducts.get(l.productId!)!]));
    const ownCustomer = customers.get(doc.customerId);
    out.set(doc.id, {
      document: { ...doc, issueDate: doc.issueDate! },
      lines: docLines,
      gl: (glOf.get(doc.id) ?? []).map(({ invoiceId: _invoiceId, ...entry }) => entry),
      externalIds: { customers: new Map(ownCustomer === undefined ? [] : [[doc.customerId, ownCustomer]]), products },
    });
  }
  return out;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

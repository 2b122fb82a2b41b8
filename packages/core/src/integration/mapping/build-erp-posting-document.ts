import type { Db } from '../../db/transaction.ts';
import type { ErpPostingDocument } from '../erp-connector.ts';
import type { ErpConnectionMapping } from './erp-mapping-schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { loadErpPostingSource, loadErpPostingSources } from './load-erp-posting-source.ts';
import { loadMappingLabels } from './load-mapping-labels.ts';
import { describeMissingMapping, type MissingMapping } from './missing-mapping.ts';
import { translateErpPosting } from './translate-erp-posting.ts';

/** The document ready for the template, or every mapping it lacks (in words, with the fix). */
export type BuildErpPostingDocumentResult =
  | { readonly ok: true; readonly document: ErpPostingDocument }
  | { readonly ok: false; readonly missing: readonly MissingMapping[] };

/** How messages name the ERP. */
export interface BuildErpPostingDocumentOptions {
  /** The ERP as people call it ("NetSuite", "Business Central"); default "ERP". */
  readonly erpName?: string;
}

/**
 * Builds the {@link ErpPostingDocument} of an issued invoice or credit memo for one ERP
 * connection, through `mapping` — the connection's tables in force (`loadErpMapping`), or
 * null when none is published. Reads the document, its lines, its GL distribution and the
 * external ids of its customer and products in one query per table (it runs once per
 * posting, at hundreds of postings a second), then translates it (`translateErpPosting`).
 *
 * When anything has no ERP counterpart the result lists every missing mapping at once, each
 * named the way a finance user knows it ("GL account 4000 (Subscription revenue) has no
 * NetSuite account in the erp_mapping for connection netsuite") with its fix: the caller
 * raises one `master_data` exception and calls nothing. Without a mapping the one missing
 * item says there is no published `erp_mapping` for the connection.
 *
 * Throws NotFound for an unknown document and `illegal_transition` for one not finalized.
 */
export async function buildErpPostingDocument(
  db: Db,
  documentId: string,
  connectionName: string,
  mapping: ErpConnectionMapping | null,
  options: BuildErpPostingDocumentOptions = {},
): Promise<BuildErpPostingDocumentResult> {
  const erpName = options.erpName ?? 'ERP';
  const source = await loadErpPostingSource(db, documentId, connectionName);
  if (mapping === null) {
    return { ok: false, missing: [describeMissingMapping({ kind: 'mapping', ourValue: connectionName }, connectionName, erpName)] };
  }
  const translation = translateErpPosting(source, mapping);
  if (translation.ok) return translation;
  const labels = await loadMappingLabels(db, translation.missing);
  return { ok: false, missing: translation.missing.map((ref) => describeMissingMapping(ref, connectionName, erpName, labels)) };
}

/**
 * {@link buildErpPostingDocument} for a batch of documents, reading all of them in the same
 * four queries. Each id maps to its result, or to the AppError it would have thrown.
 */
export async function buildErpPostingDocuments(
  db: Db,
  documentIds: readonly string[],
  connectionName: string,
  mapping: ErpConnectionMapping | null,
  options: BuildErpPostingDocumentOptions = {},
): Promise<Map<string, BuildErpPostingDocumentResult | AppError>> {
  const erpName = options.erpName ?? 'ERP';
  const sources = await loadErpPostingSources(db, documentIds, connectionName);
  const out = new Map<string, BuildErpPostingDocumentResult | AppError>();
  for (const [id, source] of sources) {
    if (source instanceof AppError) out.set(id, source);
    else if (mapping === null) out.set(id, { ok: false, missing: [describeMissingMapping({ kind: 'mapping', ourValue: connectionName }, connectionName, erpName)] });
    else {
      const translation = translateErpPosting(source, mapping);
      out.set(id, translation.ok ? translation : { ok: false, missing: [] });
      if (!translation.ok) {
        const labels = await loadMappingLabels(db, translation.missing);
        out.set(id, { ok: false, missing: translation.missing.map((ref) => describeMissingMapping(ref, connectionName, erpName, labels)) });
      }
    }
  }
  return out;
}

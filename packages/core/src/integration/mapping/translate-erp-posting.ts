import { getCurrency } from '../../money/iso-currencies.ts';
import { formatMoney } from '../../money/parse-format.ts';
import { DEFAULT_GL_ACCOUNTS } from '../../receivables/billing/gl-distribution.ts';
import { trimDecimal } from '../../shared/decimal-text.ts';
import { erpExternalId, type ErpDocumentLine, type ErpGlLine, type ErpPostingDocument, type ErpTaxLine } from '../erp-connector.ts';
import type { ErpPostingSource } from './erp-posting-source.ts';
import { lookupMapping, type ErpConnectionMapping } from './erp-mapping-schema.ts';
import { mappingRefKey, type MissingMappingRef } from './missing-mapping.ts';

/** The document in the ERP's ids, or every translation that is missing (all of them, not the first). */
export type ErpTranslation = { readonly ok: true; readonly document: ErpPostingDocument } | { readonly ok: false; readonly missing: readonly MissingMappingRef[] };

/** A decimal text with at least `digits` decimals (`30` → `30.00` in EUR); more precise unit prices keep theirs. */
function padDecimal(text: string, digits: number): string {
  if (digits === 0) return text;
  const [whole, fraction = ''] = text.split('.');
  return `${whole}.${fraction.padEnd(digits, '0')}`;
}

/**
 * The receivable account: the line without an invoice line on the receivable side, whose
 * signed amount is the total (debit for an invoice, credit for a credit memo — see
 * `distributeInvoice`); the chart's default receivable account when the distribution has
 * no such line (billing always writes one).
 */
export function findReceivableAccountCode(source: Pick<ErpPostingSource, 'document' | 'gl'>): string {
  const { kind, totalMinor } = source.document;
  const signed = kind === 'invoice' ? totalMinor : -totalMinor;
  const headerLines = source.gl.filter((g) => g.invoiceLineId === null);
  return (headerLines.find((g) => g.debitMinor - g.creditMinor === signed) ?? headerLines[0])?.accountCode ?? DEFAULT_GL_ACCOUNTS.receivable;
}

/**
 * Translates an issued document into the {@link ErpPostingDocument} a connector posts:
 * every id through the connection's mapping tables (products and customers falling back to
 * external ids, accounts and tax codes to the explicit defaults), dimensions to ERP
 * segments, and every amount as a decimal string in major units by the currency's exponent
 * (`119.00` EUR, `5000` JPY). Credit memos keep positive amounts; `documentType` says they
 * are credits, while their GL lines are on the sides the distribution put them.
 *
 * A line priced otherwise than quantity × unit price (no unit price: percentage fees,
 * partial credits) is sent as quantity 1 at its amount, so quantity × unit price is the
 * amount the ERP books. Each line's account is the one its net amount is credited to in the
 * GL distribution (deferred revenue for a deferred line), so the ERP books what our ledger
 * does. Pure.
 */
export function translateErpPosting(source: ErpPostingSource, mapping: ErpConnectionMapping): ErpTranslation {
  const { document: doc } = source;
  const missing = new Map<string, MissingMappingRef>();
  const need = (ref: MissingMappingRef): string => {
    missing.set(mappingRefKey(ref), ref);
    return '';
  };
  const { minorUnits } = getCurrency(doc.currency);
  const amount = (minor: bigint): string => formatMoney({ amount: minor, currency: doc.currency });
  const account = (code: string): string => lookupMapping(mapping.accounts, code) ?? mapping.defaults?.account ?? need({ kind: 'account', ourValue: code });
  const taxCode = (code: string): string => lookupMapping(mapping.taxCodes, code) ?? mapping.defaults?.taxCode ?? need({ kind: 'taxCode', ourValue: code });
  const product = (id: string): string =>
    lookupMapping(mapping.products, id) ?? source.externalIds.products.get(id) ?? need({ kind: 'product', ourValue: id });
  const segments = (dimensions: Readonly<Record<string, string>>): Record<string, string> => {
    const out: [string, string][] = [];
    for (const [dimension, value] of Object.entries(dimensions)) {
      const target = lookupMapping(mapping.dimensions, dimension);
      if (target === undefined) {
        need({ kind: 'dimension', ourValue: dimension });
        continue;
      }
      const translated = target.values === undefined ? value : lookupMapping(target.values, value);
      out.push([target.segment, translated ?? need({ kind: 'dimension', dimension, ourValue: value })]);
    }
    return Object.fromEntries(out);
  };

  const company = lookupMapping(mapping.entities, doc.entityId) ?? need({ kind: 'entity', ourValue: doc.entityId });
  const party = lookupMapping(mapping.customers, doc.customerId) ?? source.externalIds.customers.get(doc.customerId) ?? need({ kind: 'customer', ourValue: doc.customerId });

  const creditedTo = new Map(source.gl.flatMap((g) => (g.invoiceLineId === null ? [] : [[g.invoiceLineId, g.accountCode] as const])));
  const taxes = new Map<string, { base: bigint; amount: bigint }>();
  const lines: ErpDocumentLine[] = source.lines.map((line) => {
    const erpTaxCode = taxCode(line.taxCode);
    const total = taxes.get(erpTaxCode) ?? { base: 0n, amount: 0n };
    taxes.set(erpTaxCode, { base: total.base + line.amountMinor, amount: total.amount + line.taxMinor });
    const priced = line.unitPrice !== null;
    return {
      lineNo: line.lineNo,
      description: line.description,
      item: line.productId === null ? null : product(line.productId),
      quantity: priced ? trimDecimal(line.quantity) : '1',
      unitPrice: priced ? padDecimal(trimDecimal(line.unitPrice), minorUnits) : amount(line.amountMinor),
      amount: amount(line.amountMinor),
      taxCode: erpTaxCode,
      taxAmount: amount(line.taxMinor),
      account: account(creditedTo.get(line.id) ?? line.revenueAccountCode),
      segments: segments(line.dimensions),
    };
  });

  const gl: ErpGlLine[] = source.gl
    .filter((g) => g.debitMinor !== 0n || g.creditMinor !== 0n)
    .map((g) => ({
      account: account(g.accountCode),
      debit: amount(g.debitMinor),
      credit: amount(g.creditMinor),
      signedAmount: amount(g.debitMinor - g.creditMinor),
      segments: segments(g.dimensions),
      memo: g.memo,
    }));
  const receivableAccount = account(findReceivableAccountCode(source));

  if (missing.size > 0) return { ok: false, missing: [...missing.values()] };
  const taxLines: ErpTaxLine[] = [...taxes].map(([code, t]) => ({ taxCode: code, base: amount(t.base), amount: amount(t.amount) }));
  return {
    ok: true,
    document: {
      documentType: doc.kind,
      documentId: doc.id,
      externalId: erpExternalId(doc.kind, doc.id),
      documentNumber: doc.number ?? doc.id,
      postingDate: doc.issueDate,
      dueDate: doc.dueDate,
      currency: doc.currency,
      total: amount(doc.totalMinor),
      netTotal: amount(doc.subtotalMinor),
      taxTotal: amount(doc.taxMinor),
      memo: `${doc.kind === 'invoice' ? 'Invoice' : 'Credit memo'} ${doc.number ?? doc.id}`,
      poNumber: doc.poNumber,
      company,
      party,
      lines,
      gl,
      taxes: taxLines,
      receivableAccount,
    },
  };
}

import { describe, expect, it } from 'vitest';
import { distributeInvoice } from '../../receivables/billing/gl-distribution.ts';
import type { ErpConnectionMapping } from './erp-mapping-schema.ts';
import type { ErpPostingSource } from './erp-posting-source.ts';
import { findReceivableAccountCode, translateErpPosting } from './translate-erp-posting.ts';

type SourceLine = ErpPostingSource['lines'][number];

const line = (lineNo: number, changes: Partial<SourceLine> = {}): SourceLine => ({
  id: `inl_${lineNo}`,
  lineNo,
  description: `Line ${lineNo}`,
  productId: 'prd_seat',
  quantity: '10.000000000000',
  unitPrice: '30.000000000000',
  amountMinor: 30000n,
  taxCode: 'DE-VAT-19',
  taxMinor: 5700n,
  revenueAccountCode: '4000',
  dimensions: {},
  ...changes,
});

/** A finalized document whose GL distribution is written by billing's own `distributeInvoice`. */
function source(kind: 'invoice' | 'credit_memo', lines: SourceLine[], changes: Partial<ErpPostingSource['document']> = {}, deferred: readonly string[] = []): ErpPostingSource {
  const subtotal = lines.reduce((s, l) => s + l.amountMinor, 0n);
  const tax = lines.reduce((s, l) => s + l.taxMinor, 0n);
  const gl = distributeInvoice(kind, lines.map((l) => ({ id: l.id, amountMinor: l.amountMinor, taxMinor: l.taxMinor, revenueAccountCode: l.revenueAccountCode, deferred: deferred.includes(l.id), dimensions: { ...l.dimensions } })));
  return {
    document: {
      id: kind === 'invoice' ? 'inv_1' : 'crn_1',
      kind,
      number: kind === 'invoice' ? 'INV-DE-2026-000042' : 'CRN-DE-2026-000007',
      entityId: 'ent_de',
      customerId: 'cus_acme',
      currency: 'EUR',
      issueDate: '2026-02-01',
      dueDate: '2026-03-03',
      poNumber: 'PO-77',
      subtotalMinor: subtotal,
      taxMinor: tax,
      totalMinor: subtotal + tax,
      ...changes,
    },
    lines,
    gl,
    externalIds: { customers: new Map([['cus_acme', '1042']]), products: new Map([['prd_seat', '1200']]) },
  };
}

const mapping: ErpConnectionMapping = {
  entities: { ent_de: '3' },
  accounts: { '4000': '401', '1100': '120', '2200': '225', '2300': '260' },
  taxCodes: { 'DE-VAT-19': 'VAT_DE:S-DE' },
  templates: { invoice: '$', credit_memo: '$' },
};

const translated = (s: ErpPostingSource, m: ErpConnectionMapping = mapping) => {
  const result = translateErpPosting(s, m);
  if (!result.ok) throw new Error(`missing: ${JSON.stringify(result.missing)}`);
  return result.document;
};

describe('translateErpPosting', () => {
  it('translates an invoice: ids through the tables and external ids, amounts as major-unit strings', () => {
    const doc = translated(source('invoice', [line(1), line(2, { productId: null, quantity: '250.000000000000', unitPrice: null, amountMinor: 1234n, taxMinor: 234n, description: 'Transaction fee' })]));
    expect(doc).toMatchObject({
      documentType: 'invoice',
      documentId: 'inv_1',
      externalId: 'invoiceops-invoice-inv_1',
      documentNumber: 'INV-DE-2026-000042',
      postingDate: '2026-02-01',
      dueDate: '2026-03-03',
      currency: 'EUR',
      total: '371.68',
      netTotal: '312.34',
      taxTotal: '59.34',
      memo: 'Invoice INV-DE-2026-000042',
      poNumber: 'PO-77',
      company: '3',
      party: '1042',
      receivableAccount: '120',
    });
    expect(doc.lines).toEqual([
      { lineNo: 1, description: 'Line 1', item: '1200', quantity: '10', unitPrice: '30.00', amount: '300.00', taxCode: 'VAT_DE:S-DE', taxAmount: '57.00', account: '401', segments: {} },
      // No unit price: quantity 1 at the amount, so quantity × unit price is what the ERP books.
      { lineNo: 2, description: 'Transaction fee', item: null, quantity: '1', unitPrice: '12.34', amount: '12.34', taxCode: 'VAT_DE:S-DE', taxAmount: '2.34', account: '401', segments: {} },
    ]);
    expect(doc.taxes).toEqual([{ taxCode: 'VAT_DE:S-DE', base: '312.34', amount: '59.34' }]);
    expect(doc.gl.map((g) => [g.account, g.debit, g.credit, g.signedAmount, g.memo])).toEqual([
      ['120', '371.68', '0.00', '371.68', 'Accounts receivable'],
      ['401', '0.00', '300.00', '-300.00', 'Revenue'],
      ['401', '0.00', '12.34', '-12.34', 'Revenue'],
      ['225', '0.00', '59.34', '-59.34', 'Tax payable'],
    ]);
  });

  it('writes JPY amounts without decimals and keeps a sub-yen unit price exact', () => {
    const doc = translated(source('invoice', [line(1, { quantity: '3.000000000000', unitPrice: '1500.500000000000', amountMinor: 4502n, taxMinor: 450n })], { currency: 'JPY' }));
    expect([doc.total, doc.netTotal, doc.taxTotal]).toEqual(['4952', '4502', '450']);
    expect(doc.lines[0]).toMatchObject({ quantity: '3', unitPrice: '1500.5', amount: '4502', taxAmount: '450' });
    expect(doc.gl[0]).toMatchObject({ debit: '4952', credit: '0', signedAmount: '4952' });
  });

  it('keeps a credit memo positive; its receivable is the credit line and GL sides are mirrored', () => {
    const doc = translated(source('credit_memo', [line(1, { amountMinor: 10000n, taxMinor: 1900n, quantity: '1', unitPrice: null })], { dueDate: null, poNumber: null }));
    expect(doc).toMatchObject({ documentType: 'credit_memo', externalId: 'invoiceops-credit_memo-crn_1', total: '119.00', netTotal: '100.00', taxTotal: '19.00', memo: 'Credit memo CRN-DE-2026-000007', receivableAccount: '120', dueDate: null });
    expect(doc.lines[0]).toMatchObject({ amount: '100.00', taxAmount: '19.00', unitPrice: '100.00', quantity: '1' });
    expect(doc.gl.map((g) => [g.account, g.debit, g.credit, g.signedAmount])).toEqual([
      ['120', '0.00', '119.00', '-119.00'],
      ['401', '100.00', '0.00', '100.00'],
      ['225', '19.00', '0.00', '19.00'],
    ]);
  });

  it('maps dimensions to segments, translating values where a values list is given and passing them through otherwise', () => {
    const withSegments: ErpConnectionMapping = { ...mapping, dimensions: { department: { segment: 'department', values: { SALES: '12' } }, cost_center: { segment: 'class' } } };
    const doc = translated(source('invoice', [line(1, { dimensions: { department: 'SALES', cost_center: 'CC-7' } })]), withSegments);
    expect(doc.lines[0]!.segments).toEqual({ department: '12', class: 'CC-7' });
    expect(doc.gl.map((g) => g.segments)).toEqual([{}, { department: '12', class: 'CC-7' }, {}]);
  });

  it('books a deferred line to the account the distribution credits, and groups taxes by the ERP tax code', () => {
    const m: ErpConnectionMapping = { ...mapping, taxCodes: { 'DE-VAT-19': 'S', 'DE-VAT-19-OLD': 'S', 'DE-RC': 'RC' } };
    const doc = translated(source('invoice', [line(1), line(2, { id: 'inl_2', taxCode: 'DE-VAT-19-OLD' }), line(3, { id: 'inl_3', taxCode: 'DE-RC', taxMinor: 0n })], {}, ['inl_3']), m);
    expect(doc.lines.map((l) => l.account)).toEqual(['401', '401', '260']);
    expect(doc.taxes).toEqual([{ taxCode: 'S', base: '600.00', amount: '114.00' }, { taxCode: 'RC', base: '300.00', amount: '0.00' }]);
  });

  it('prefers the mapping tables to external ids and falls back to explicit defaults', () => {
    const m: ErpConnectionMapping = { ...mapping, accounts: {}, taxCodes: {}, products: { prd_seat: 'SEAT-ITEM' }, customers: { cus_acme: 'ACME-NS' }, defaults: { account: '999', taxCode: 'NT' } };
    const doc = translated(source('invoice', [line(1)]), m);
    expect([doc.party, doc.lines[0]!.item, doc.lines[0]!.account, doc.lines[0]!.taxCode, doc.receivableAccount]).toEqual(['ACME-NS', 'SEAT-ITEM', '999', 'NT', '999']);
  });

  it('lists every missing translation at once, each once, and never reads inherited properties as mappings', () => {
    const s = source('invoice', [
      line(1, { productId: 'prd_new', dimensions: { region: 'EMEA', department: 'OPS' } }),
      line(2, { productId: 'prd_new', revenueAccountCode: 'constructor', taxCode: 'toString', dimensions: { department: 'OPS' } }),
    ], { entityId: 'ent_us', customerId: 'cus_new' });
    const m: ErpConnectionMapping = { ...mapping, dimensions: { department: { segment: 'dept', values: { SALES: '12' } } } };
    const result = translateErpPosting(s, m);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.missing).toEqual([
      { kind: 'entity', ourValue: 'ent_us' },
      { kind: 'customer', ourValue: 'cus_new' },
      { kind: 'product', ourValue: 'prd_new' },
      { kind: 'dimension', ourValue: 'region' },
      { kind: 'dimension', dimension: 'department', ourValue: 'OPS' },
      { kind: 'taxCode', ourValue: 'toString' },
      { kind: 'account', ourValue: 'constructor' },
    ]);
  });

  it('finds the receivable account by the side and amount of the total', () => {
    const invoice = source('invoice', [line(1)]);
    expect(findReceivableAccountCode(invoice)).toBe('1100');
    expect(findReceivableAccountCode({ ...invoice, gl: invoice.gl.map((g) => (g.invoiceLineId === null && g.memo === 'Accounts receivable' ? { ...g, accountCode: '1150' } : g)) })).toBe('1150');
    expect(findReceivableAccountCode(source('credit_memo', [line(1)]))).toBe('1100');
    expect(findReceivableAccountCode({ ...invoice, gl: [] })).toBe('1100');
  });
});

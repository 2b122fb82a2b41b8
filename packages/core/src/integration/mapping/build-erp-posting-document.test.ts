import type { KyselyPlugin } from 'kysely';
import { describe, expect, it } from 'vitest';
import { ALL_ENTITIES, ID_PREFIX, SYSTEM_CONTEXT, createCreditMemo, createCreditMemoSchema, finalizeInvoice, newId, type Db, type Row } from '@invoiceops/core';
import {
  appErrorOf, createBillingFixture, createCustomer, createExternalId, createGlAccount, createLegalEntity, createProduct, createTestContract, invoicesFor, runBillAt,
  testDatabaseKinds, unique, useTestDatabase, withRollback,
} from '@invoiceops/testing';
import { distributeInvoice } from '../../receivables/billing/gl-distribution.ts';
import { erpExternalId, type ErpPostingDocument } from '../erp-connector.ts';
import { buildErpPostingDocument } from './build-erp-posting-document.ts';
import type { ErpConnectionMapping } from './erp-mapping-schema.ts';
import { renderErpBody } from './render-erp-body.ts';

const NOW = new Date('2026-02-02T08:00:00Z');
const germanCustomer = { billingAddress: { line1: 'Unter den Linden 5', city: 'Berlin', postalCode: '10117', country: 'DE' }, taxId: 'DE136695976', timeZone: 'Europe/Berlin' };
const TEMPLATES = { invoice: '$', credit_memo: '$' };

/** An issued January invoice (10 seats at 30.00, German VAT) with a PO number, through a real bill run. */
async function issuedInvoice(db: Db) {
  const f = await createBillingFixture(db, germanCustomer);
  await createTestContract(db, f, { startDate: '2026-01-01', poNumber: 'PO-4711' });
  await runBillAt(db, { period: '2026-01', customerId: f.customer.id }, NOW);
  const [draft] = await invoicesFor(db, f.customer.id, '2026-01');
  const invoice = await finalizeInvoice(db, SYSTEM_CONTEXT, draft!.id, ALL_ENTITIES, NOW);
  return { f, invoice, draftId: draft!.id };
}

/** The ERP ids of the fixture's customer and products, as NetSuite's external ids. */
async function mapInExternalIds(db: Db, objects: { customer: Row; products: Row[] }): Promise<void> {
  await createExternalId(db, 'customer', objects.customer.id as string, { system: 'erp:netsuite', externalId: '1042' });
  for (const [index, product] of objects.products.entries()) {
    await createExternalId(db, 'product', product.id as string, { system: 'erp:netsuite', externalId: String(1200 + index) });
  }
}

const built = async (db: Db, documentId: string, mapping: ErpConnectionMapping | null): Promise<ErpPostingDocument> => {
  const result = await buildErpPostingDocument(db, documentId, 'netsuite', mapping, { erpName: 'NetSuite' });
  if (!result.ok) throw new Error(result.missing.map((m) => m.message).join('\n'));
  return result.document;
};

interface DirectLine { productId: string | null; quantity: string; unitPrice: string | null; amountMinor: bigint; taxCode: string; taxMinor: bigint; account: string; dimensions: Record<string, string> }

/** A finalized document written row by row (any currency, dimensions on lines), its GL by billing's own distribution. */
async function insertIssued(db: Db, input: { entityId: string; customerId: string; currency: string; lines: DirectLine[] }): Promise<string> {
  const id = newId(ID_PREFIX.invoice);
  const lines = input.lines.map((l, i) => ({ ...l, id: newId(ID_PREFIX.invoiceLine), lineNo: i + 1 }));
  const subtotal = lines.reduce((s, l) => s + l.amountMinor, 0n);
  const tax = lines.reduce((s, l) => s + l.taxMinor, 0n);
  const party = { name: 'Tokyo Data KK', address: { line1: '1-1 Marunouchi', city: 'Tokyo', postalCode: '100-0005', country: 'JP' }, taxId: null, taxIdType: null };
  await db.insertInto('invoices').values({
    id, kind: 'invoice', entityId: input.entityId, customerId: input.customerId, currency: input.currency, status: 'finalized', number: unique('INV-JP-'), series: 'INV',
    issueDate: '2026-02-01', dueDate: '2026-03-03', subtotalMinor: subtotal, taxMinor: tax, totalMinor: subtotal + tax,
    seller: JSON.stringify(party), buyer: JSON.stringify(party), paymentTermsDays: 30, finalizedAt: NOW,
  }).execute();
  await db.insertInto('invoiceLines').values(lines.map((l) => ({
    id: l.id, invoiceId: id, customerId: input.customerId, lineNo: l.lineNo, kind: 'one_time', description: `Line ${l.lineNo}`, productId: l.productId,
    quantity: l.quantity, unitPrice: l.unitPrice, amountMinor: l.amountMinor, taxCode: l.taxCode, vatCategory: 'S', taxRate: '10', taxMinor: l.taxMinor,
    taxRule: 'test', taxTableVersion: 'test', revenueAccountCode: l.account, dimensions: JSON.stringify(l.dimensions),
  }))).execute();
  const gl = distributeInvoice('invoice', lines.map((l) => ({ id: l.id, amountMinor: l.amountMinor, taxMinor: l.taxMinor, revenueAccountCode: l.account, deferred: false, dimensions: l.dimensions })));
  await db.insertInto('invoiceGlEntries').values(gl.map((g) => ({
    id: newId(ID_PREFIX.glEntry), invoiceId: id, customerId: input.customerId, invoiceLineId: g.invoiceLineId, accountCode: g.accountCode,
    debitMinor: g.debitMinor, creditMinor: g.creditMinor, dimensions: JSON.stringify(g.dimensions), memo: g.memo,
  }))).execute();
  return id;
}

/** Counts the statements run through a handle. */
function counting(db: Db): { db: Db; count: () => number } {
  let statements = 0;
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      statements += 1;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  return { db: db.withPlugin(plugin), count: () => statements };
}

describe.each(testDatabaseKinds())('buildErpPostingDocument on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('builds a real issued invoice with exact amounts, ERP ids from the tables and external ids, and renders it', async () => {
    await withRollback(t.db, async (db) => {
      const { f, invoice } = await issuedInvoice(db);
      await mapInExternalIds(db, { customer: f.customer, products: [f.seatProduct, f.usageProduct] });
      const revenue = f.seatProduct.revenueAccountCode as string;
      const taxCode = invoice.lines[0]!.tax.code;
      const mapping: ErpConnectionMapping = { entities: { [f.entity.id as string]: '3' }, accounts: { [revenue]: '401', '1100': '120', '2200': '225' }, taxCodes: { [taxCode]: 'VAT_DE:S-DE' }, templates: TEMPLATES };

      const doc = await built(db, invoice.id, mapping);
      expect(doc).toMatchObject({
        documentType: 'invoice',
        documentId: invoice.id,
        externalId: erpExternalId('invoice', invoice.id),
        documentNumber: invoice.number,
        postingDate: invoice.issueDate,
        dueDate: invoice.dueDate,
        currency: 'EUR',
        total: '357.00',
        netTotal: '300.00',
        taxTotal: '57.00',
        memo: `Invoice ${invoice.number}`,
        poNumber: 'PO-4711',
        company: '3',
        party: '1042',
        receivableAccount: '120',
        taxes: [{ taxCode: 'VAT_DE:S-DE', base: '300.00', amount: '57.00' }],
      });
      expect(doc.lines).toEqual([{ lineNo: 1, description: invoice.lines[0]!.description, item: '1200', quantity: '10', unitPrice: '30.00', amount: '300.00', taxCode: 'VAT_DE:S-DE', taxAmount: '57.00', account: '401', segments: {} }]);
      expect(doc.gl.map((g) => [g.account, g.debit, g.credit, g.signedAmount])).toEqual([
        ['120', '357.00', '0.00', '357.00'],
        ['401', '0.00', '300.00', '-300.00'],
        ['225', '0.00', '57.00', '-57.00'],
      ]);
      expect(await renderErpBody('{ "tranId": documentNumber, "entity": { "id": party }, "total": $number(total), "items": [lines.{ "item": item, "amount": amount }] }', doc, { connectionName: 'netsuite' }))
        .toEqual({ tranId: invoice.number, entity: { id: '1042' }, total: 357, items: [{ item: '1200', amount: '300.00' }] });
    });
  });

  it('builds a credit memo with positive amounts, the receivable on the credit side', async () => {
    await withRollback(t.db, async (db) => {
      const { f, invoice } = await issuedInvoice(db);
      await mapInExternalIds(db, { customer: f.customer, products: [f.seatProduct] });
      const draft = await createCreditMemo(db, SYSTEM_CONTEXT, createCreditMemoSchema.parse({ invoiceId: invoice.id, reasonCode: 'cancellation', reason: 'customer left' }), ALL_ENTITIES);
      const memo = await finalizeInvoice(db, SYSTEM_CONTEXT, draft.id, ALL_ENTITIES, NOW);
      const mapping: ErpConnectionMapping = { entities: { [f.entity.id as string]: '3' }, accounts: {}, taxCodes: {}, defaults: { account: '999', taxCode: 'S' }, templates: TEMPLATES };

      const doc = await built(db, memo.id, mapping);
      expect(doc).toMatchObject({ documentType: 'credit_memo', externalId: erpExternalId('credit_memo', memo.id), documentNumber: memo.number, total: '357.00', netTotal: '300.00', taxTotal: '57.00', party: '1042', memo: `Credit memo ${memo.number}` });
      // A credited line has no unit price of its own: quantity 1 at its amount.
      expect(doc.lines.map((l) => [l.item, l.quantity, l.unitPrice, l.amount, l.taxAmount, l.account, l.taxCode])).toEqual([['1200', '1', '300.00', '300.00', '57.00', '999', 'S']]);
      expect(doc.gl.map((g) => [g.debit, g.credit, g.signedAmount, g.memo])).toEqual([
        ['0.00', '357.00', '-357.00', 'Credit memo: receivable reduced'],
        ['300.00', '0.00', '300.00', 'Revenue'],
        ['57.00', '0.00', '57.00', 'Tax payable'],
      ]);
    });
  });

  it('writes JPY without decimals and maps dimensions to segments, in four queries however many lines', async () => {
    await withRollback(t.db, async (db) => {
      const entity = await createLegalEntity(db);
      const customer = await createCustomer(db, entity.id as string);
      const account = await createGlAccount(db, { type: 'revenue', name: 'Subscription revenue' });
      const [mapped, external] = [await createProduct(db, account.code as string), await createProduct(db, account.code as string)];
      await mapInExternalIds(db, { customer, products: [external] });
      const seats: DirectLine = { productId: mapped.id as string, quantity: '3', unitPrice: '1500', amountMinor: 4500n, taxCode: 'JP-10', taxMinor: 450n, account: account.code as string, dimensions: { department: 'SALES', cost_center: 'CC-7' } };
      const fee: DirectLine = { productId: external.id as string, quantity: '1', unitPrice: null, amountMinor: 1234n, taxCode: 'JP-10', taxMinor: 123n, account: account.code as string, dimensions: { department: 'OPS' } };
      const id = await insertIssued(db, { entityId: entity.id as string, customerId: customer.id as string, currency: 'JPY', lines: [seats, fee] });
      const mapping: ErpConnectionMapping = {
        entities: { [entity.id as string]: '7' },
        accounts: { [account.code as string]: '4010', '1100': '1200', '2200': '2250' },
        taxCodes: { 'JP-10': 'JP_S10' },
        products: { [mapped.id as string]: 'SEAT-JP' },
        dimensions: { department: { segment: 'department', values: { SALES: '12', OPS: '14' } }, cost_center: { segment: 'class' } },
        templates: TEMPLATES,
      };

      const probe = counting(db);
      const doc = await built(probe.db, id, mapping);
      expect(probe.count()).toBe(4);
      expect([doc.total, doc.netTotal, doc.taxTotal, doc.company, doc.party]).toEqual(['6307', '5734', '573', '7', '1042']);
      expect(doc.lines.map((l) => [l.item, l.quantity, l.unitPrice, l.amount, l.taxAmount, l.segments])).toEqual([
        ['SEAT-JP', '3', '1500', '4500', '450', { department: '12', class: 'CC-7' }],
        ['1200', '1', '1234', '1234', '123', { department: '14' }],
      ]);
      expect(doc.gl.map((g) => [g.account, g.debit, g.credit, g.segments])).toEqual([
        ['1200', '6307', '0', {}],
        ['4010', '0', '4500', { department: '12', class: 'CC-7' }],
        ['4010', '0', '1234', { department: '14' }],
        ['2250', '0', '573', {}],
      ]);

      // Forty more lines cost no more queries: every lookup is one query per table.
      const many = await insertIssued(db, { entityId: entity.id as string, customerId: customer.id as string, currency: 'JPY', lines: Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? seats : fee)) });
      const again = counting(db);
      expect((await built(again.db, many, mapping)).lines).toHaveLength(40);
      expect(again.count()).toBe(4);
    });
  });

  it('lists every missing mapping at once, named as finance knows them, with the fix', async () => {
    await withRollback(t.db, async (db) => {
      const { f, invoice } = await issuedInvoice(db);
      const revenue = f.seatProduct.revenueAccountCode as string;
      const taxCode = invoice.lines[0]!.tax.code;
      const result = await buildErpPostingDocument(db, invoice.id, 'netsuite', { entities: {}, accounts: { '2200': '225' }, taxCodes: {}, templates: TEMPLATES }, { erpName: 'NetSuite' });
      expect(result.ok).toBe(false);
      const missing = result.ok ? [] : result.missing;
      expect(missing.map((m) => [m.kind, m.ourValue, m.pointer])).toEqual([
        ['entity', f.entity.id, `/connections/netsuite/entities/${String(f.entity.id)}`],
        ['customer', f.customer.id, `/connections/netsuite/customers/${String(f.customer.id)}`],
        ['taxCode', taxCode, `/connections/netsuite/taxCodes/${taxCode}`],
        ['product', f.seatProduct.id, `/connections/netsuite/products/${String(f.seatProduct.id)}`],
        ['account', revenue, `/connections/netsuite/accounts/${revenue}`],
        ['account', '1100', '/connections/netsuite/accounts/1100'],
      ]);
      expect(missing[0]!.message).toBe(`legal entity ${String(f.entity.code)} (Invoiceops Test GmbH) has no NetSuite company (subsidiary, company code, business unit or tenant) in the erp_mapping for connection netsuite`);
      expect(missing[1]!.message).toBe(`customer ${String(f.customer.number)} (${String(f.customer.name)}) has no NetSuite customer in the erp_mapping for connection netsuite`);
      expect(missing[1]!.fix).toMatch(/^add "cus_\w+" under customers, or record the NetSuite customer id in external ids \(system erp:netsuite, type customer\)/);
      expect(missing[3]!.message).toBe(`product ${String(f.seatProduct.sku)} (${String(f.seatProduct.name)}) has no NetSuite item in the erp_mapping for connection netsuite`);
      expect(missing[4]!.message).toBe(`GL account ${revenue} (Software subscriptions) has no NetSuite account in the erp_mapping for connection netsuite`);
      expect(missing[4]!.fix).toBe(`add "${revenue}" under accounts (or set defaults.account): draft a new erp_mapping version (/v1/controls/releases/erp_mapping) and have a second controller publish it`);
    });
  });

  it('says there is no published erp_mapping when the connection has none, and builds only issued documents', async () => {
    await withRollback(t.db, async (db) => {
      const { invoice } = await issuedInvoice(db);
      const result = await buildErpPostingDocument(db, invoice.id, 'netsuite', null, { erpName: 'NetSuite' });
      expect(result).toEqual({ ok: false, missing: [expect.objectContaining({ kind: 'mapping', ourValue: 'netsuite', pointer: '/connections/netsuite', message: 'there is no published erp_mapping for connection netsuite, so nothing can be translated for NetSuite' })] });

      const f = await createBillingFixture(db, germanCustomer);
      await createTestContract(db, f, { startDate: '2026-01-01' });
      await runBillAt(db, { period: '2026-01', customerId: f.customer.id }, NOW);
      const [draft] = await invoicesFor(db, f.customer.id, '2026-01');
      const refused = await appErrorOf(buildErpPostingDocument(db, draft!.id, 'netsuite', null));
      expect([refused.code, refused.message]).toEqual(['illegal_transition', `invoice ${draft!.id} is draft; only issued documents are posted to an ERP`]);
      expect((await appErrorOf(buildErpPostingDocument(db, 'inv_missing', 'netsuite', null))).code).toBe('not_found');
    });
  });
});

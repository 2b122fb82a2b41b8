import { describe, expect, it } from 'vitest';
import {
  ALL_ENTITIES,
  BUILTIN_RULES,
  ID_PREFIX,
  buildRuleContext,
  convertMoney,
  createCreditMemo,
  createCreditMemoSchema,
  evaluateRules,
  finalizeInvoice,
  lookupFxRate,
  newId,
  type Db,
  type Row,
} from '@invoiceops/core';
import {
  TEST_BIC,
  TEST_IBAN,
  appErrorOf,
  createCustomer,
  createExternalId,
  createFinalizedInvoice,
  createFxRate,
  createProduct,
  createScenarioFixture,
  createTaxCode,
  createTaxJurisdiction,
  createTestContract,
  runBillAt,
  seatLine,
  sendUsage,
  testDatabaseKinds,
  usageEvent,
  usageLine,
  useTestDatabase,
  withRollback,
  type ScenarioFixture,
} from '@invoiceops/testing';
import { loadControlsInputs, type ControlsInput } from '../src/controls/pipeline/load-controls-inputs.ts';

// A German entity (EUR, one EUR bank account) bills French, Spanish and US customers; the
// documents are seeded with the problems the built-in rules exist for, and loaded in one call.

const AS_OF = new Date('2026-02-10T12:00:00Z');
const BILLER = { actor: 'user:usr_billing' };
const FRENCH = {}; // the factory default: a French business with a valid VAT id
const SPANISH = {
  name: 'Iberia Datos SL', taxId: null, segment: 'smb', timeZone: 'Europe/Madrid',
  billingAddress: { line1: 'Gran Vía 1', city: 'Madrid', postalCode: '28013', country: 'ES' },
};
const AMERICAN = {
  name: 'Hudson Analytics LLC', billingCurrency: 'USD', taxId: null, timeZone: 'America/New_York',
  billingAddress: { line1: '1 Liberty Plaza', city: 'New York', region: 'NY', postalCode: '10006', country: 'US' },
};

interface LineSpec {
  productId: string;
  quantity: string;
  unitPrice: string | null;
  amountMinor: bigint;
  taxMinor?: bigint;
  taxCode?: string;
  vatCategory?: string;
  taxRate?: string;
  taxRule?: string;
  kind?: string;
  dimensions?: Record<string, string>;
}

interface DocumentSpec {
  kind?: 'invoice' | 'credit_memo';
  entityId: string;
  customerId: string;
  currency?: string;
  status: 'draft' | 'finalized' | 'void';
  issueDate?: string;
  creditedInvoiceId?: string;
  createdBy?: string;
  /** The revenue account of every line. */
  glAccount: string;
  lines: LineSpec[];
}

/** Inserts a document the way an import or a manual edit leaves it: header and lines, no checks. */
async function insertDocument(db: Db, spec: DocumentSpec): Promise<string> {
  const kind = spec.kind ?? 'invoice';
  const id = newId(kind === 'invoice' ? ID_PREFIX.invoice : ID_PREFIX.creditMemo);
  const subtotal = spec.lines.reduce((s, l) => s + l.amountMinor, 0n);
  const tax = spec.lines.reduce((s, l) => s + (l.taxMinor ?? 0n), 0n);
  const party = JSON.stringify({ name: 'x', address: { line1: 'x', city: 'x', country: 'DE' }, taxId: null, taxIdType: null });
  const issued = spec.issueDate !== undefined;
  await db.insertInto('invoices').values({
    id, kind, entityId: spec.entityId, customerId: spec.customerId, currency: spec.currency ?? 'EUR', status: spec.status,
    number: issued ? `${kind === 'invoice' ? 'INV' : 'CRN'}-${id.slice(-6)}` : null, issueDate: spec.issueDate ?? null,
    creditedInvoiceId: spec.creditedInvoiceId ?? null, subtotalMinor: subtotal, taxMinor: tax, totalMinor: subtotal + tax,
    seller: party, buyer: party, paymentTermsDays: 30, finalizedAt: issued ? new Date(`${spec.issueDate}T09:00:00Z`) : null,
    createdBy: spec.createdBy ?? null,
  }).execute();
  await db.insertInto('invoiceLines').values(spec.lines.map((l, index) => ({
    id: newId(ID_PREFIX.invoiceLine), invoiceId: id, customerId: spec.customerId, lineNo: index + 1, kind: l.kind ?? 'one_time',
    description: `Line ${index + 1}`, productId: l.productId, quantity: l.quantity, unitPrice: l.unitPrice, amountMinor: l.amountMinor,
    taxCode: l.taxCode ?? 'DE-RC', vatCategory: l.vatCategory ?? 'AE', taxRate: l.taxRate ?? '0', taxMinor: l.taxMinor ?? 0n,
    taxRule: l.taxRule ?? 'eu.reverse_charge.b2b', taxTableVersion: l.taxRule === '' ? '' : '2026.2', revenueAccountCode: spec.glAccount,
    dimensions: JSON.stringify(l.dimensions ?? {}),
  }))).execute();
  return id;
}

interface Dataset {
  f: ScenarioFixture;
  ids: Record<'acme' | 'iberia' | 'hudson' | 'dup1' | 'dup2' | 'dupVoid' | 'dupFebruary' | 'outlier' | 'draft' | 'memoOk' | 'memoOver', string>;
  customers: Record<'iberia' | 'hudson' | 'lumen' | 'orbit' | 'helix', Row>;
  unmappedProductId: string;
}

async function seedDataset(db: Db): Promise<Dataset> {
  const f = await createScenarioFixture(db, {
    entity: { bankAccounts: [{ currency: 'EUR', bankName: 'Testbank', accountName: 'Invoiceops Test GmbH', iban: TEST_IBAN, bic: TEST_BIC }] },
    customer: FRENCH,
  });
  const customers = {
    iberia: await createCustomer(db, f.entity.id, SPANISH),
    hudson: await createCustomer(db, f.entity.id, AMERICAN),
    lumen: await createCustomer(db, f.entity.id, { name: 'Lumen SAS' }),
    orbit: await createCustomer(db, f.entity.id, { name: 'Orbit SARL' }),
    helix: await createCustomer(db, f.entity.id, { name: 'Helix SA' }),
  };
  const unmapped = await createProduct(db, String(f.seatProduct.revenueAccountCode), { name: 'Onboarding' });
  await createTaxJurisdiction(db, { code: 'DE' });
  await createTaxJurisdiction(db, { code: 'ES', name: 'Spain', country: 'ES' });
  for (const [code, jurisdiction, rate, vatCategory] of [['DE-RC', 'DE', '0', 'AE'], ['DE-NS', 'DE', '0', 'O'], ['ES-STD', 'ES', '21', 'S']] as const) {
    const taxCode = await createTaxCode(db, jurisdiction, { code, rate, vatCategory, taxCategory: 'saas' });
    await createExternalId(db, 'tax_code', taxCode.id, { system: 'erp:netsuite' });
  }
  for (const c of [f.customer, ...Object.values(customers)]) await createExternalId(db, 'customer', c.id, { system: 'erp:netsuite' });
  for (const p of [f.seatProduct, f.usageProduct]) await createExternalId(db, 'product', p.id, { system: 'erp:netsuite' });
  await createFxRate(db, { baseCurrency: 'EUR', quoteCurrency: 'USD', rate: '1.0850', effectiveDate: '2026-01-02', source: 'ecb' });

  // Acme: 10 seats at 30.00 and API calls with 1,000 included, on PO-4711; 1,500 calls in January.
  await createTestContract(db, f, {
    startDate: '2026-01-01', alignment: 'calendar', poNumber: 'PO-4711',
    lines: [seatLine(f, '30.00', '10'), usageLine(f, { model: 'included_allowance', params: { includedQuantity: '1000', charge: { model: 'per_unit', params: { unitPrice: '0.01' } } } })],
  });
  await sendUsage(db, [usageEvent(f.customer.id, f.metricCode, 'jan-1', '2026-01-12T09:00:00Z', 1500)], '2026-01-31T10:00:00Z');
  // Iberia has no VAT id, and has required a PO on every invoice since after its contract (which has none) was signed.
  await createTestContract(db, { ...f, customer: customers.iberia }, { startDate: '2026-01-01', alignment: 'calendar', lines: [seatLine(f, '30.00', '10')] });
  await db.updateTable('customers').set({ poRequired: true }).where('id', '=', customers.iberia.id).execute();
  const run = await runBillAt(db, { period: '2026-01', entityId: f.entity.id }, new Date('2026-02-02T00:00:00Z'));
  expect(run.errors).toEqual([]);
  const drafted = await db.selectFrom('invoices').select(['id', 'customerId']).where('billRunId', '=', run.id).execute();
  const billed = (customerId: string) => drafted.find((d) => d.customerId === customerId)!.id;
  const acme = (await finalizeInvoice(db, BILLER, billed(f.customer.id), ALL_ENTITIES, new Date('2026-02-02T10:00:00Z'))).id;
  // the run's actor created it: the bill run was started by the billing clerk
  await db.updateTable('billRuns').set({ actor: BILLER.actor }).where('id', '=', run.id).execute();

  const seat = (amountMinor: bigint, extra: Partial<LineSpec> = {}): LineSpec => ({ productId: f.seatProduct.id, quantity: '1', unitPrice: null, amountMinor, ...extra });
  const entityId = f.entity.id;
  const glAccount = String(f.seatProduct.revenueAccountCode);
  const insert = (spec: Omit<DocumentSpec, 'glAccount'>) => insertDocument(db, { glAccount, ...spec });
  const hudson = await insert({ entityId, customerId: customers.hudson.id, currency: 'USD', status: 'draft', lines: [seat(35_700n, { taxCode: 'DE-NS', vatCategory: 'O', taxRule: 'eu.outside_eu.not_subject' })] });
  // Lumen: the same 500.00 twice in January (and once void, once in February).
  const lumen = customers.lumen.id;
  const dup1 = await insert({ entityId, customerId: lumen, status: 'finalized', issueDate: '2026-01-10', lines: [seat(50_000n)] });
  const dup2 = await insert({ entityId, customerId: lumen, status: 'finalized', issueDate: '2026-01-28', lines: [seat(50_000n)] });
  const dupVoid = await insert({ entityId, customerId: lumen, status: 'void', issueDate: '2026-01-15', lines: [seat(50_000n)] });
  const dupFebruary = await insert({ entityId, customerId: lumen, status: 'finalized', issueDate: '2026-02-03', lines: [seat(50_000n)] });
  // Orbit: four earlier invoices around 110.00, then 1,000.00.
  const orbit = customers.orbit.id;
  const earlier = (total: string, issueDate: string, extra: { currency?: string; status?: string } = {}) =>
    createFinalizedInvoice(db, { entityId, customerId: orbit, total, issueDate, dueDate: issueDate, ...extra });
  await earlier('100.00', '2025-09-05');
  await earlier('100.01', '2025-10-05');
  await earlier('120.00', '2025-11-05');
  await earlier('120.01', '2025-12-05');
  await earlier('1.00', '2025-02-09'); // more than 12 months before asOf
  await earlier('5000.00', '2025-12-20', { status: 'void' });
  await earlier('999.00', '2025-12-21', { currency: 'USD' });
  await earlier('130.00', '2026-01-20'); // after the outlier
  const outlier = await insert({ entityId, customerId: orbit, status: 'finalized', issueDate: '2026-01-15', lines: [seat(100_000n)] });
  // Helix: a clerk's draft with an unmapped product on a line without a tax decision.
  const draft = await insert({
    entityId, customerId: customers.helix.id, status: 'draft', createdBy: 'user:usr_alice',
    lines: [
      seat(20_000n, { quantity: '2', unitPrice: '100.00', dimensions: { department: 'sales' } }),
      { productId: unmapped.id, quantity: '1', unitPrice: '500.00', amountMinor: 50_000n, taxRule: '', dimensions: { cost_center: 'CC-200' } },
      seat(5_000n, { dimensions: { department: 'support', cost_center: 'CC-900' } }),
    ],
  });
  // Credit memos on Acme's 305.00: 100.00 issued, then an imported 250.00 (only 205.00 is left).
  const acmeSeats = await db.selectFrom('invoiceLines').select('id').where('invoiceId', '=', acme).where('kind', '=', 'recurring').executeTakeFirstOrThrow();
  const memo = await createCreditMemo(db, BILLER, createCreditMemoSchema.parse({ invoiceId: acme, reasonCode: 'price_adjustment', reason: 'agreed discount', lines: [{ invoiceLineId: acmeSeats.id, amount: '100.00' }] }), ALL_ENTITIES);
  const memoOk = (await finalizeInvoice(db, BILLER, memo.id, ALL_ENTITIES, new Date('2026-02-05T10:00:00Z'))).id;
  const memoOver = await insert({ kind: 'credit_memo', entityId, customerId: f.customer.id, status: 'draft', creditedInvoiceId: acme, lines: [seat(25_000n, { kind: 'credit' })] });
  return {
    f,
    customers,
    unmappedProductId: unmapped.id,
    ids: { acme, iberia: billed(customers.iberia.id), hudson, dup1, dup2, dupVoid, dupFebruary, outlier, draft, memoOk, memoOver },
  };
}

/** The rules a document fails (or errors on), by short id. */
function failedRules(input: ControlsInput): string[] {
  const { outcomes } = evaluateRules(BUILTIN_RULES, buildRuleContext(input.context));
  return outcomes.filter((o) => o.status === 'failed' || o.status === 'error').map((o) => `${o.ruleId.replace('builtin.', '')}${o.status === 'error' ? ' (error)' : ''}`);
}

describe.each(testDatabaseKinds())('loading controls inputs on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('loads a bill-run invoice field by field: contract, usage against the allowance, tax breakdown, routing facts', async () => {
    await withRollback(t.db, async (trx) => {
      const { f, ids } = await seedDataset(trx);
      await trx.updateTable('invoices').set({ lifecycle: 'validated' }).where('id', '=', ids.acme).execute();
      const [acme] = await loadControlsInputs(trx, [ids.acme], AS_OF);
      const lines = await trx.selectFrom('invoiceLines').select(['contractLineId', 'kind']).where('invoiceId', '=', ids.acme).orderBy('lineNo').execute();
      const contractLines = await trx.selectFrom('contractLines').select(['id', 'lineKey']).where('customerId', '=', f.customer.id).orderBy('lineKey').execute();
      const contract = await trx.selectFrom('contracts').select(['id', 'number']).where('customerId', '=', f.customer.id).executeTakeFirstOrThrow();
      const issued = await trx.selectFrom('invoices').select(['number', 'issueDate']).where('id', '=', ids.acme).executeTakeFirstOrThrow();
      expect(lines.map((l) => l.kind)).toEqual(['recurring', 'usage']);
      const mapped = { erpItemMapped: true, erpGlAccountMapped: true, erpTaxCodeMapped: true };
      const taxed = { glAccount: String(f.seatProduct.revenueAccountCode), taxCode: 'DE-RC', vatCategory: 'AE' };

      expect(acme).toEqual({
        documentType: 'invoice',
        documentId: ids.acme,
        entityId: f.entity.id,
        lifecycle: 'validated',
        context: {
          asOf: '2026-02-10',
          document: {
            id: ids.acme, type: 'invoice', number: issued.number, currency: 'EUR',
            subtotalMinor: 30_500n, taxTotalMinor: 0n, totalMinor: 30_500n,
            issueDate: issued.issueDate, poNumber: 'PO-4711', entityId: f.entity.id, partyId: f.customer.id,
            taxStatus: 'calculated', taxError: null,
            taxLines: [{ taxCode: 'DE-RC', vatCategory: 'AE', rate: '0', taxableMinor: 30_500n, taxMinor: 0n }],
            creditedDocumentId: null, creditableMinor: null,
          },
          lines: [
            { lineNo: 1, kind: 'recurring', description: expect.any(String), productId: f.seatProduct.id, quantity: '10', unitPrice: '30', amountMinor: 30_000n, ...taxed, contractLineId: lines[0]!.contractLineId, usageMetric: null, ...mapped },
            // 1,500 calls: 1,000 included, 500 × 0.01 = 5.00; no single unit price.
            { lineNo: 2, kind: 'usage', description: expect.any(String), productId: f.usageProduct.id, quantity: '1500', unitPrice: null, amountMinor: 500n, ...taxed, contractLineId: lines[1]!.contractLineId, usageMetric: f.metricCode, ...mapped },
          ],
          party: {
            id: f.customer.id, kind: 'customer', name: 'Acme Analytics SAS', country: 'FR', taxId: 'FR40303265045', taxIdType: 'eu_vat',
            // a German VAT-registered entity supplying a business in France: the reverse charge needs the VAT id
            taxIdRequired: true, poRequired: false, segment: 'mid_market', erpMapped: true,
          },
          contract: {
            id: contract.id, number: contract.number, poNumber: 'PO-4711',
            lines: [
              { id: contractLines[0]!.id, productId: f.usageProduct.id, unitPrice: null, priceSource: 'contract' }, // api: included allowance
              { id: contractLines[1]!.id, productId: f.seatProduct.id, unitPrice: '30', priceSource: 'contract' }, // seats
            ],
          },
          entity: { id: f.entity.id, country: 'DE', functionalCurrency: 'EUR', allowedCurrencies: ['EUR'] },
          history: { documentCount: 0, averageTotalMinor: 0n, minTotalMinor: 0n, maxTotalMinor: 0n, sameAmountCount: 0 },
          usage: [{ metric: f.metricCode, unit: 'call', quantity: '1500', entitlement: '1000' }],
        },
        routing: {
          documentType: 'invoice', documentId: ids.acme, entityId: f.entity.id,
          functionalAmountMinor: 30_500n, functionalCurrency: 'EUR',
          department: null, costCenter: null, segment: 'mid_market',
          createdBy: 'user:usr_billing', // the bill run's actor: bill-run invoices have no creator of their own
          contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        },
      });
      expect(contractLines.map((l) => l.lineKey)).toEqual(['api', 'seats']);
      expect(failedRules(acme!)).toEqual(['usage_above_entitlement']);
    });
  });

  it('gives every seeded problem the outcome a finance user expects, in one call, in the order asked', async () => {
    await withRollback(t.db, async (trx) => {
      const { ids } = await seedDataset(trx);
      const order = Object.values(ids);
      const inputs = await loadControlsInputs(trx, order, AS_OF);
      expect(inputs.map((i) => i.documentId)).toEqual(order);
      const byName = Object.fromEntries(Object.keys(ids).map((name, index) => [name, inputs[index]!]));
      const failed = Object.fromEntries(Object.entries(byName).map(([name, input]) => [name, failedRules(input)]));
      expect(failed).toEqual({
        acme: ['usage_above_entitlement'],
        iberia: ['tax_id_missing_or_invalid', 'po_missing'],
        hudson: ['currency_not_allowed'],
        dup1: ['duplicate_suspected'],
        dup2: ['duplicate_suspected'],
        dupVoid: ['duplicate_suspected'], // a void document still sees the live ones; they do not see it
        dupFebruary: [],
        outlier: ['total_outside_history'],
        draft: ['erp_mapping_missing', 'tax_calculation_failed'],
        memoOk: [],
        memoOver: ['credit_above_creditable'],
      });
    });
  });

  it('aggregates history over finalized documents of the same kind and currency, issued in the 12 months before and earlier than the document', async () => {
    await withRollback(t.db, async (trx) => {
      const { ids } = await seedDataset(trx);
      const [outlier, dup1, dup2, dupFebruary, memoOk, memoOver] = await loadControlsInputs(trx, [ids.outlier, ids.dup1, ids.dup2, ids.dupFebruary, ids.memoOk, ids.memoOver], AS_OF);
      // 100.00, 100.01, 120.00, 120.01: average 110.005 → 110.01 (half up). Not counted: the void one,
      // the one in USD, the one of 2025-02-09 (before 2025-02-10) and the one issued after the outlier.
      expect(outlier!.context.history).toEqual({ documentCount: 4, averageTotalMinor: 11_001n, minTotalMinor: 10_000n, maxTotalMinor: 12_001n, sameAmountCount: 0 });
      expect(dup1!.context.history).toMatchObject({ documentCount: 0, sameAmountCount: 1 });
      expect(dup2!.context.history).toMatchObject({ documentCount: 1, averageTotalMinor: 50_000n, sameAmountCount: 1 });
      expect(dupFebruary!.context.history).toMatchObject({ documentCount: 2, sameAmountCount: 0 });
      // Credit memos: what the invoice still had creditable before each (other finalized memos deducted).
      expect(memoOk!.context.document).toMatchObject({ type: 'credit_memo', creditedDocumentId: ids.acme, totalMinor: 10_000n, creditableMinor: 30_500n });
      expect(memoOver!.context.document).toMatchObject({ type: 'credit_memo', creditedDocumentId: ids.acme, totalMinor: 25_000n, creditableMinor: 20_500n });
      expect(memoOk!.context.history).toMatchObject({ documentCount: 0 });
    });
  });

  it('derives routing facts: FX to the functional currency, dimensions of the largest line, creator, content hash', async () => {
    await withRollback(t.db, async (trx) => {
      const { ids, customers } = await seedDataset(trx);
      const [hudson, draft] = await loadControlsInputs(trx, [ids.hudson, ids.draft], AS_OF);
      // USD → EUR has no direct rate: EUR/USD 1.0850 inverted (0.921658986175); 357.00 USD → 329.03 EUR.
      expect(hudson!.routing).toMatchObject({ functionalAmountMinor: 32_903n, functionalCurrency: 'EUR', createdBy: 'system', segment: 'mid_market' });
      const single = await lookupFxRate(trx, { base: 'USD', quote: 'EUR', date: '2026-02-10' });
      expect(convertMoney({ amount: 35_700n, currency: 'USD' }, single.rate, 'EUR', 'half_up').amount).toBe(32_903n);
      expect(hudson!.context.party).toMatchObject({ id: customers.hudson.id, country: 'US', taxId: null, taxIdRequired: false });

      // The largest line (500.00) has only a cost center; the department comes from the largest line that has one.
      expect(draft!.routing).toMatchObject({ functionalAmountMinor: 75_000n, department: 'sales', costCenter: 'CC-200', createdBy: 'user:usr_alice' });
      expect(draft!.context.document).toMatchObject({ taxStatus: 'not_calculated', number: null, issueDate: null });

      // The hash follows what an approver approved: amounts and lines, not descriptions.
      const line1 = trx.updateTable('invoiceLines').where('invoiceId', '=', ids.draft).where('lineNo', '=', 1);
      await line1.set({ description: 'Seats (renamed)' }).execute();
      const [renamed] = await loadControlsInputs(trx, [ids.draft], AS_OF);
      expect(renamed!.routing.contentHash).toBe(draft!.routing.contentHash);
      await line1.set({ quantity: '3' }).execute();
      const [changed] = await loadControlsInputs(trx, [ids.draft], AS_OF);
      expect(changed!.routing.contentHash).not.toBe(draft!.routing.contentHash);
    });
  });

  it('is deterministic, repeats duplicated ids, and refuses unknown ids and missing FX rates', async () => {
    await withRollback(t.db, async (trx) => {
      const { ids } = await seedDataset(trx);
      const all = Object.values(ids);
      const first = await loadControlsInputs(trx, all, AS_OF);
      expect(await loadControlsInputs(trx, [...all].reverse(), AS_OF)).toEqual([...first].reverse());
      const twice = await loadControlsInputs(trx, [ids.acme, ids.acme], AS_OF);
      expect(twice[1]).toEqual(twice[0]);
      expect(await loadControlsInputs(trx, [], AS_OF)).toEqual([]);

      const unknown = await appErrorOf(loadControlsInputs(trx, [ids.acme, 'inv_UNKNOWN'], AS_OF));
      expect(unknown).toMatchObject({ code: 'not_found', message: 'document inv_UNKNOWN was not found' });
      await trx.deleteFrom('fxRates').execute();
      const noRate = await appErrorOf(loadControlsInputs(trx, [ids.acme, ids.hudson], AS_OF));
      expect(noRate).toMatchObject({ code: 'not_found' });
      expect(noRate.message).toContain('USD/EUR on 2026-02-10');
    });
  });
});

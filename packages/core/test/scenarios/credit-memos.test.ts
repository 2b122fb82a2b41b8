import { describe, expect, it } from 'vitest';
import {
  ALL_ENTITIES,
  SYSTEM_CONTEXT,
  createBillRun,
  createCreditMemo,
  createCreditMemoSchema,
  executeBillRun,
  finalizeInvoice,
  getInvoice,
  listInvoices,
  voidInvoice,
  type Db,
  type Invoice,
} from '@invoiceops/core';
import { createTaxEngine } from '@invoiceops/connectors';
import { createBillingFixture, createTestContract, testDatabaseKinds, useTestDatabase, withRollback } from '@invoiceops/testing';

const german = { billingAddress: { line1: 'Unter den Linden 5', city: 'Berlin', postalCode: '10117', country: 'DE' }, taxId: 'DE136695976', timeZone: 'Europe/Berlin' };

async function issuedInvoice(db: Db): Promise<Invoice> {
  const f = await createBillingFixture(db, german);
  await createTestContract(db, f, {
    lines: [
      { key: 'seats', productId: f.seatProduct.id, kind: 'recurring', charge: { model: 'per_unit', kind: 'recurring', params: { unitPrice: '33.33' } }, quantity: '10' },
      { key: 'base', productId: f.seatProduct.id, kind: 'recurring', charge: { model: 'flat', name: 'Platform fee', params: { amount: '100.00' } } },
    ],
  });
  const run = await createBillRun(db, SYSTEM_CONTEXT, { period: '2026-01', customerId: f.customer.id, finalize: false }, ALL_ENTITIES, { enqueue: false });
  await executeBillRun(db, SYSTEM_CONTEXT, run.id, { taxEngine: createTaxEngine({ kind: 'builtin' }) });
  const [draft] = (await listInvoices(db, { limit: 5, billRunId: run.id }, ALL_ENTITIES)).data;
  return finalizeInvoice(db, SYSTEM_CONTEXT, draft!.id, ALL_ENTITIES);
}

const credit = (db: Db, body: Record<string, unknown>) => createCreditMemo(db, SYSTEM_CONTEXT, createCreditMemoSchema.parse(body), ALL_ENTITIES);
const errorOf = (p: Promise<unknown>) => p.then(() => undefined, (e: { code: string; issues: { path: string; message: string }[] }) => e);

describe.each(testDatabaseKinds())('credit memos on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('credits part of a line with proportional tax, then the rest, never more', async () => {
    await withRollback(t.db, async (trx) => {
      const invoice = await issuedInvoice(trx);
      // 10 × 33.33 = 333.30 at 19 % = 63.33 tax (63.327 rounded once); platform fee 100.00 + 19.00
      // lines come in contract line key order: base, seats
      expect(invoice.lines.map((l) => [l.amount, l.tax.amount, l.tax.rate])).toEqual([['100.00', '19.00', '19'], ['333.30', '63.33', '19']]);
      const seats = invoice.lines[1]!;
      const partial = await credit(trx, { invoiceId: invoice.id, reasonCode: 'price_adjustment', reason: 'agreed discount', lines: [{ invoiceLineId: seats.id, amount: '100.00' }] });
      // tax 63.33 × 100.00 / 333.30 = 19.0009… → 19.00
      expect(partial).toMatchObject({ kind: 'credit_memo', status: 'draft', subtotal: '100.00', taxTotal: '19.00', total: '119.00', creditedInvoiceId: invoice.id });
      const over = await errorOf(credit(trx, { invoiceId: invoice.id, reasonCode: 'billing_error', reason: 'too much', lines: [{ invoiceLineId: seats.id, amount: '233.31' }] }));
      expect(over?.issues[0]).toMatchObject({ path: '/lines/0/amount', message: 'at most 233.30 of line 2 can still be credited' });
      const rest = await credit(trx, { invoiceId: invoice.id, reasonCode: 'cancellation', reason: 'customer left' });
      // the rest of the seats line (233.30, tax 63.33 − 19.00 = 44.33) and the whole platform fee
      expect(rest.lines.map((l) => [l.amount, l.tax.amount])).toEqual([['100.00', '19.00'], ['233.30', '44.33']]);
      const nothing = await errorOf(credit(trx, { invoiceId: invoice.id, reasonCode: 'other', reason: 'again' }));
      expect(nothing?.code).toBe('conflict');
    });
  });

  it('numbers memos in their own series and reduces the amount due; voiding a memo restores it', async () => {
    await withRollback(t.db, async (trx) => {
      const invoice = await issuedInvoice(trx);
      const memo = await credit(trx, { invoiceId: invoice.id, reasonCode: 'service_credit', reason: 'outage on 2026-01-20', lines: [{ invoiceLineId: invoice.lines[0]!.id }] });
      const issued = await finalizeInvoice(trx, SYSTEM_CONTEXT, memo.id, ALL_ENTITIES);
      expect(issued.number).toMatch(/-CRN-000001$/);
      expect(await getInvoice(trx, invoice.id)).toMatchObject({ amountCredited: '119.00', amountDue: '396.63', paymentStatus: 'partially_paid' });
      const gl = await trx.selectFrom('invoiceGlEntries').select(['accountCode', 'debitMinor', 'creditMinor']).where('invoiceId', '=', memo.id).execute();
      expect(gl.find((e) => e.accountCode === '1100')).toMatchObject({ creditMinor: 11900n });
      await voidInvoice(trx, SYSTEM_CONTEXT, memo.id, 'issued by mistake', ALL_ENTITIES);
      expect(await getInvoice(trx, invoice.id)).toMatchObject({ amountCredited: '0.00', amountDue: '515.63' });
    });
  });

  it('refuses to credit a draft', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createBillingFixture(trx, german);
      await createTestContract(trx, f);
      const run = await createBillRun(trx, SYSTEM_CONTEXT, { period: '2026-01', customerId: f.customer.id, finalize: false }, ALL_ENTITIES, { enqueue: false });
      await executeBillRun(trx, SYSTEM_CONTEXT, run.id, { taxEngine: createTaxEngine({ kind: 'builtin' }) });
      const [draft] = (await listInvoices(trx, { limit: 5, billRunId: run.id }, ALL_ENTITIES)).data;
      const error = await errorOf(credit(trx, { invoiceId: draft!.id, reasonCode: 'other', reason: 'x' }));
      expect(error?.code).toBe('illegal_transition');
    });
  });
});

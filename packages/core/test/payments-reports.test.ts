import { describe, expect, it } from 'vitest';
import {
  ALL_ENTITIES,
  SYSTEM_CONTEXT,
  arAging,
  dso,
  dsoDays,
  listOpenInvoices,
  listOpenInvoicesQuery,
  recordPayment,
  recordPaymentSchema,
  refundPayment,
  type Db,
} from '@invoiceops/core';
import { createCustomer, createFinalizedInvoice, createLegalEntity, testDatabaseKinds, useTestDatabase, withRollback } from '@invoiceops/testing';

const pay = (db: Db, body: Record<string, unknown>) => recordPayment(db, SYSTEM_CONTEXT, recordPaymentSchema.parse({ method: 'bank_transfer', currency: 'EUR', ...body }), ALL_ENTITIES);

describe('DSO arithmetic', () => {
  it.each([
    [320000n, 300000n, 31, '33.1'], // 3,200.00 / 3,000.00 × 31 = 33.0666…
    [100n, 300n, 90, '30.0'],
    [1n, 8n, 1, '0.1'], // 0.125 rounds half up to one decimal: 0.1 (not a tie)
    [15n, 100n, 1, '0.2'], // 0.15 is a tie: half up gives 0.2
    [0n, 500n, 30, '0.0'],
    [500n, 0n, 30, null], // no sales: no ratio
  ])('%s / %s × %s days = %s', (ar, sales, days, expected) => {
    expect(dsoDays(ar, sales, days)).toBe(expected);
  });
});

describe.each(testDatabaseKinds())('receivables reports on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('ages open amounts on a fixed date into current, 1–30, 31–60, 61–90 and over 90 days', async () => {
    await withRollback(t.db, async (trx) => {
      const entity = await createLegalEntity(trx);
      const customer = await createCustomer(trx, entity.id, { name: 'Aging Test Kft' });
      const c = { entityId: entity.id, customerId: customer.id };
      // asOf 2026-06-30: due 10, 45 and 100 days before, and one due in two weeks.
      await createFinalizedInvoice(trx, { ...c, total: '100.00', issueDate: '2026-05-21', dueDate: '2026-06-20' });
      const due45 = await createFinalizedInvoice(trx, { ...c, total: '450.00', issueDate: '2026-04-16', dueDate: '2026-05-16' });
      await createFinalizedInvoice(trx, { ...c, total: '1000.00', issueDate: '2026-02-20', dueDate: '2026-03-22' });
      await createFinalizedInvoice(trx, { ...c, total: '70.00', issueDate: '2026-06-15', dueDate: '2026-07-15' });
      // Paid before asOf: counts. Paid after asOf: does not. Issued after asOf: not in the report.
      await pay(trx, { customerId: customer.id, amount: '50.00', receivedOn: '2026-06-01', invoiceIds: [due45.id] });
      await pay(trx, { customerId: customer.id, amount: '100.00', receivedOn: '2026-07-02', invoiceIds: [due45.id] });
      await createFinalizedInvoice(trx, { ...c, total: '999.00', issueDate: '2026-07-01', dueDate: '2026-07-31' });

      const report = await arAging(trx, { asOf: '2026-06-30', entityId: entity.id }, ALL_ENTITIES);
      const buckets = { current: '70.00', days1To30: '100.00', days31To60: '400.00', days61To90: '0.00', over90: '1000.00', total: '1570.00' };
      expect(report.rows).toEqual([{ customerId: customer.id, customerNumber: customer.number, customerName: 'Aging Test Kft', entityId: entity.id, currency: 'EUR', ...buckets }]);
      expect(report.totals).toEqual([{ currency: 'EUR', ...buckets }]);

      const scoped = await arAging(trx, { asOf: '2026-06-30' }, { all: false, entityIds: [] });
      expect(scoped.rows).toEqual([]);
    });
  });

  it('puts 30 days past due in 1–30, 31 in 31–60, and due on the day itself in current', async () => {
    await withRollback(t.db, async (trx) => {
      const entity = await createLegalEntity(trx);
      const customer = await createCustomer(trx, entity.id);
      const c = { entityId: entity.id, customerId: customer.id };
      await createFinalizedInvoice(trx, { ...c, total: '1.00', issueDate: '2026-05-01', dueDate: '2026-06-30' });
      await createFinalizedInvoice(trx, { ...c, total: '2.00', issueDate: '2026-05-01', dueDate: '2026-05-31' });
      await createFinalizedInvoice(trx, { ...c, total: '4.00', issueDate: '2026-04-01', dueDate: '2026-05-30' });
      await createFinalizedInvoice(trx, { ...c, total: '8.00', issueDate: '2026-03-01', dueDate: '2026-04-01' });
      await createFinalizedInvoice(trx, { ...c, total: '16.00', issueDate: '2026-03-01', dueDate: '2026-03-31' });
      const [row] = (await arAging(trx, { asOf: '2026-06-30', entityId: entity.id }, ALL_ENTITIES)).rows;
      expect(row).toMatchObject({ current: '1.00', days1To30: '2.00', days31To60: '4.00', days61To90: '8.00', over90: '16.00', total: '31.00' });
    });
  });

  it('computes DSO on a small hand-computed example, with receivables as they stood at the end of the period', async () => {
    await withRollback(t.db, async (trx) => {
      const entity = await createLegalEntity(trx);
      const customer = await createCustomer(trx, entity.id);
      const c = { entityId: entity.id, customerId: customer.id };
      // January 2026 (31 days). Sales: 2,000.00 + 1,000.00 = 3,000.00.
      const a = await createFinalizedInvoice(trx, { ...c, total: '2000.00', issueDate: '2026-01-05', dueDate: '2026-02-04' });
      const b = await createFinalizedInvoice(trx, { ...c, total: '1000.00', issueDate: '2026-01-20', dueDate: '2026-02-19' });
      // Issued in December: receivable at the end of January, but not January's sales.
      await createFinalizedInvoice(trx, { ...c, total: '700.00', issueDate: '2025-12-10', dueDate: '2026-01-09' });
      await pay(trx, { customerId: customer.id, amount: '500.00', receivedOn: '2026-01-20', invoiceIds: [a.id] });
      // Received in February: January's ending receivables still include it.
      await pay(trx, { customerId: customer.id, amount: '1000.00', receivedOn: '2026-02-03', invoiceIds: [b.id] });
      // Ending receivables: 1,500.00 + 1,000.00 + 700.00 = 3,200.00; DSO = 3,200 / 3,000 × 31 = 33.07 → 33.1.
      const report = await dso(trx, { from: '2026-01-01', to: '2026-01-31', entityId: entity.id }, ALL_ENTITIES);
      expect(report).toMatchObject({ days: 31, results: [{ currency: 'EUR', endingReceivables: '3200.00', creditSales: '3000.00', dso: '33.1' }] });
      expect(report.formula).toContain('endingReceivables / creditSales × days');

      // February: sales 0 → no DSO, receivables after the February payment 2,200.00.
      const february = await dso(trx, { from: '2026-02-01', to: '2026-02-28', entityId: entity.id }, ALL_ENTITIES);
      expect(february.results).toEqual([{ currency: 'EUR', endingReceivables: '2200.00', creditSales: '0.00', dso: null }]);
    });
  });

  it('lists open invoices with overdue marked against asOf, and a refund brings an invoice back', async () => {
    await withRollback(t.db, async (trx) => {
      const entity = await createLegalEntity(trx);
      const customer = await createCustomer(trx, entity.id);
      const c = { entityId: entity.id, customerId: customer.id };
      const late = await createFinalizedInvoice(trx, { ...c, total: '300.00', issueDate: '2026-05-01', dueDate: '2026-05-31' });
      const notYet = await createFinalizedInvoice(trx, { ...c, total: '200.00', issueDate: '2026-06-01', dueDate: '2026-07-01' });
      const paid = await createFinalizedInvoice(trx, { ...c, total: '50.00', issueDate: '2026-05-01', dueDate: '2026-05-31' });
      const payment = await pay(trx, { customerId: customer.id, amount: '150.00', receivedOn: '2026-06-05', invoiceIds: [paid.id, late.id] });
      const query = (extra: Record<string, unknown> = {}) => listOpenInvoicesQuery.parse({ customerId: customer.id, asOf: '2026-06-10', ...extra });
      const open = await listOpenInvoices(trx, query(), ALL_ENTITIES);
      expect(open.data.map((i) => [i.id, i.amountDue, i.paymentStatus, i.overdue, i.daysPastDue])).toEqual([
        [late.id, '200.00', 'partially_paid', true, 10],
        [notYet.id, '200.00', 'unpaid', false, 0],
      ]);
      expect((await listOpenInvoices(trx, query({ overdue: 'true' }), ALL_ENTITIES)).data.map((i) => i.id)).toEqual([late.id]);
      await refundPayment(trx, SYSTEM_CONTEXT, payment.id, { amount: '150.00' }, ALL_ENTITIES);
      expect((await listOpenInvoices(trx, query(), ALL_ENTITIES)).data.map((i) => i.id)).toEqual([late.id, notYet.id, paid.id]);
    });
  });
});

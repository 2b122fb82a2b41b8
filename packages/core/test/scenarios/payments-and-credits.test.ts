import { describe, expect, it } from 'vitest';
import {
  ALL_ENTITIES,
  SYSTEM_CONTEXT,
  createCreditMemo,
  finalizeInvoice,
  getInvoice,
  listCreditBalances,
  recordPayment,
  type Db,
} from '@invoiceops/core';
import {
  CUSTOMERS,
  billMonthExpectingInvoice,
  createScenarioFixture,
  createTestContract,
  seatLine,
  testDatabaseKinds,
  useTestDatabase,
  withRollback,
} from '@invoiceops/testing';

// Beyond the 13 scenarios (issue #3 "Correctness"): a partial credit memo, a partial
// payment, an overpayment, and the credit balance paying down the next invoice at
// finalization. German domestic customer (19 % VAT), 30 days' terms.

const pay = (db: Db, customerId: string, amount: string, receivedOn: string, invoiceIds?: string[]) =>
  recordPayment(db, SYSTEM_CONTEXT, { customerId, currency: 'EUR', amount, receivedOn, method: 'bank_transfer', ...(invoiceIds ? { invoiceIds } : {}) }, ALL_ENTITIES);

describe.each(testDatabaseKinds())('payments and credits after a bill run on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('credits part of an invoice, takes a partial payment and an overpayment, and applies the credit to the next invoice', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createScenarioFixture(trx, { customer: CUSTOMERS.germanDomestic });
      const customerId = f.customer.id;
      await createTestContract(trx, f, { startDate: '2026-01-01', alignment: 'calendar', lines: [seatLine(f, '30.00', '10')] });

      const draft = await billMonthExpectingInvoice(trx, '2026-01', customerId);
      const january = await finalizeInvoice(trx, SYSTEM_CONTEXT, draft.id, ALL_ENTITIES, new Date('2026-01-02T09:00:00Z'));
      // 300.00 + 19 % = 357.00, issued Jan 2, due 30 days later.
      expect(january).toMatchObject({ total: '357.00', issueDate: '2026-01-02', dueDate: '2026-02-01', amountDue: '357.00', paymentStatus: 'unpaid' });

      // Partial credit of 100.00 net: tax in proportion, 57.00 × 100/300 = 19.00 → memo 119.00.
      const memo = await createCreditMemo(trx, SYSTEM_CONTEXT, { invoiceId: january.id, reasonCode: 'service_credit', reason: 'outage on Jan 12', lines: [{ invoiceLineId: january.lines[0]!.id, amount: '100.00' }] }, ALL_ENTITIES);
      expect([memo.subtotal, memo.taxTotal, memo.total]).toEqual(['100.00', '19.00', '119.00']);
      await finalizeInvoice(trx, SYSTEM_CONTEXT, memo.id, ALL_ENTITIES, new Date('2026-01-13T09:00:00Z'));
      expect(await getInvoice(trx, january.id)).toMatchObject({ amountCredited: '119.00', amountDue: '238.00' });

      // Partial payment: 100.00 of 238.00.
      await pay(trx, customerId, '100.00', '2026-01-20', [january.id]);
      expect(await getInvoice(trx, january.id)).toMatchObject({ amountPaid: '100.00', amountDue: '138.00', paymentStatus: 'partially_paid' });

      // Overpayment: 200.00 against 138.00 due → invoice paid, 62.00 to the credit balance.
      const over = await pay(trx, customerId, '200.00', '2026-01-30');
      expect(over).toMatchObject({ applied: '138.00', unapplied: '62.00' });
      expect(await getInvoice(trx, january.id)).toMatchObject({ amountDue: '0.00', paymentStatus: 'paid' });
      expect(await listCreditBalances(trx, { customerId }, ALL_ENTITIES)).toMatchObject([{ currency: 'EUR', balance: '62.00' }]);

      // February (357.00) is paid down by the 62.00 credit when it is finalized.
      const februaryDraft = await billMonthExpectingInvoice(trx, '2026-02', customerId);
      const february = await finalizeInvoice(trx, SYSTEM_CONTEXT, februaryDraft.id, ALL_ENTITIES, new Date('2026-02-02T09:00:00Z'));
      expect(february).toMatchObject({ total: '357.00', amountPaid: '62.00', amountDue: '295.00', paymentStatus: 'partially_paid' });
      // No credit left (an empty balance is either listed at 0.00 or not at all).
      expect((await listCreditBalances(trx, { customerId }, ALL_ENTITIES)).filter((b) => b.balance !== '0.00')).toEqual([]);
    });
  });
});

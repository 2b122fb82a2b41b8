import { describe, expect, it } from 'vitest';
import {
  ALL_ENTITIES,
  SYSTEM_CONTEXT,
  applyCreditBalance,
  closePaymentDispute,
  getInvoice,
  listAuditForObject,
  listCreditBalances,
  openPaymentDispute,
  recordPayment,
  recordPaymentFailure,
  recordPaymentSchema,
  refundPayment,
  type Db,
  type Trx,
} from '@invoiceops/core';
import { appErrorOf, createCustomer, createFinalizedInvoice, createLegalEntity, testDatabaseKinds, useTestDatabase, withRollback } from '@invoiceops/testing';

/** A customer of a fresh entity, billing in `currency`. */
async function customerIn(db: Db, currency = 'EUR') {
  const entity = await createLegalEntity(db);
  const customer = await createCustomer(db, entity.id, { billingCurrency: currency });
  return { entityId: entity.id, customerId: customer.id };
}

const pay = (db: Db, body: Record<string, unknown>) => recordPayment(db, SYSTEM_CONTEXT, recordPaymentSchema.parse({ method: 'bank_transfer', receivedOn: '2026-03-10', ...body }), ALL_ENTITIES);

async function invoiceState(db: Db, id: string) {
  const invoice = await getInvoice(db, id);
  return { status: invoice.paymentStatus, paid: invoice.amountPaid, due: invoice.amountDue };
}

async function balanceOf(db: Db, customerId: string): Promise<string[]> {
  return (await listCreditBalances(db, { customerId }, ALL_ENTITIES)).map((b) => `${b.balance} ${b.currency}`);
}

describe.each(testDatabaseKinds())('payments on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('leaves an invoice partially paid with the right amount due, and a second payment settles it', async () => {
    await withRollback(t.db, async (trx) => {
      const c = await customerIn(trx);
      const invoice = await createFinalizedInvoice(trx, { ...c, total: '1190.00', issueDate: '2026-03-01', dueDate: '2026-03-31' });
      const first = await pay(trx, { customerId: c.customerId, currency: 'EUR', amount: '400.00' });
      expect(first).toMatchObject({ status: 'succeeded', applied: '400.00', unapplied: '0.00' });
      expect(first.applications.map((a) => [a.invoiceNumber, a.amount, a.reason])).toEqual([[invoice.number, '400.00', 'payment']]);
      expect(await invoiceState(trx, invoice.id)).toEqual({ status: 'partially_paid', paid: '400.00', due: '790.00' });

      await pay(trx, { customerId: c.customerId, currency: 'EUR', amount: '790.00', receivedOn: '2026-03-20' });
      expect(await invoiceState(trx, invoice.id)).toEqual({ status: 'paid', paid: '1190.00', due: '0.00' });
      expect(await balanceOf(trx, c.customerId)).toEqual([]);
      const audit = (await listAuditForObject(trx, 'invoice', invoice.id)).map((a) => a.action);
      expect(audit).toEqual(['invoice.payment_applied', 'invoice.payment_applied']);
    });
  });

  it('pays the oldest due invoice first and never more than an invoice is due', async () => {
    await withRollback(t.db, async (trx) => {
      const c = await customerIn(trx);
      const later = await createFinalizedInvoice(trx, { ...c, total: '300.00', issueDate: '2026-02-01', dueDate: '2026-03-15' });
      const older = await createFinalizedInvoice(trx, { ...c, total: '200.00', issueDate: '2026-01-01', dueDate: '2026-02-15' });
      const payment = await pay(trx, { customerId: c.customerId, currency: 'EUR', amount: '350.00' });
      expect(payment.applications.map((a) => [a.invoiceId, a.amount])).toEqual([
        [older.id, '200.00'],
        [later.id, '150.00'],
      ]);
      expect(await invoiceState(trx, older.id)).toMatchObject({ status: 'paid', due: '0.00' });
      expect(await invoiceState(trx, later.id)).toMatchObject({ status: 'partially_paid', due: '150.00' });
    });
  });

  it('puts an overpayment on the credit balance, which later pays down a new invoice', async () => {
    await withRollback(t.db, async (trx) => {
      const c = await customerIn(trx);
      const first = await createFinalizedInvoice(trx, { ...c, total: '100.00', issueDate: '2026-03-01', dueDate: '2026-03-31' });
      const payment = await pay(trx, { customerId: c.customerId, currency: 'EUR', amount: '250.00', invoiceIds: [first.id] });
      expect(payment).toMatchObject({ applied: '100.00', unapplied: '150.00' });
      expect(await invoiceState(trx, first.id)).toMatchObject({ status: 'paid' });
      expect(await balanceOf(trx, c.customerId)).toEqual(['150.00 EUR']);

      const next = await createFinalizedInvoice(trx, { ...c, total: '119.00', issueDate: '2026-04-01', dueDate: '2026-05-01' });
      const applied = await applyCreditBalance(trx as Trx, SYSTEM_CONTEXT, next.id, { on: '2026-04-01' });
      expect(applied).toEqual({ amount: 11900n, currency: 'EUR' });
      expect(await invoiceState(trx, next.id)).toEqual({ status: 'paid', paid: '119.00', due: '0.00' });
      expect(await balanceOf(trx, c.customerId)).toEqual(['31.00 EUR']);

      const third = await createFinalizedInvoice(trx, { ...c, total: '50.00', issueDate: '2026-05-01', dueDate: '2026-06-01' });
      expect((await applyCreditBalance(trx as Trx, SYSTEM_CONTEXT, third.id)).amount).toBe(3100n);
      expect(await invoiceState(trx, third.id)).toEqual({ status: 'partially_paid', paid: '31.00', due: '19.00' });
      expect(await balanceOf(trx, c.customerId)).toEqual([]);
    });
  });

  it('reopens an invoice when its payment is refunded, in part and then in full', async () => {
    await withRollback(t.db, async (trx) => {
      const c = await customerIn(trx);
      const invoice = await createFinalizedInvoice(trx, { ...c, total: '500.00', issueDate: '2026-03-01', dueDate: '2026-03-31' });
      const payment = await pay(trx, { customerId: c.customerId, currency: 'EUR', amount: '500.00' });
      expect(await invoiceState(trx, invoice.id)).toMatchObject({ status: 'paid' });

      const partly = await refundPayment(trx, SYSTEM_CONTEXT, payment.id, { amount: '120.00', refundedOn: '2026-03-15' }, ALL_ENTITIES);
      expect(partly).toMatchObject({ status: 'partially_refunded', refunded: '120.00', applied: '380.00' });
      expect(await invoiceState(trx, invoice.id)).toEqual({ status: 'partially_paid', paid: '380.00', due: '120.00' });

      const fully = await refundPayment(trx, SYSTEM_CONTEXT, payment.id, { refundedOn: '2026-03-16' }, ALL_ENTITIES);
      expect(fully).toMatchObject({ status: 'refunded', refunded: '500.00', applied: '0.00' });
      expect(fully.applications.map((a) => [a.amount, a.reason])).toEqual([
        ['500.00', 'payment'],
        ['-120.00', 'refund'],
        ['-380.00', 'refund'],
      ]);
      expect(await invoiceState(trx, invoice.id)).toEqual({ status: 'unpaid', paid: '0.00', due: '500.00' });

      const again = await appErrorOf(refundPayment(trx, SYSTEM_CONTEXT, payment.id, { amount: '1.00' }, ALL_ENTITIES));
      expect(again.code).toBe('illegal_transition');
      expect((await listAuditForObject(trx, 'payment', payment.id)).map((a) => a.action)).toEqual(['payment.recorded', 'payment.refunded', 'payment.refunded']);
    });
  });

  it('refunds the unapplied credit first and refuses more than the payment still holds', async () => {
    await withRollback(t.db, async (trx) => {
      const c = await customerIn(trx);
      const invoice = await createFinalizedInvoice(trx, { ...c, total: '80.00', issueDate: '2026-03-01', dueDate: '2026-03-31' });
      const payment = await pay(trx, { customerId: c.customerId, currency: 'EUR', amount: '100.00' });
      const refunded = await refundPayment(trx, SYSTEM_CONTEXT, payment.id, { amount: '20.00' }, ALL_ENTITIES);
      expect(refunded).toMatchObject({ unapplied: '0.00', applied: '80.00', status: 'partially_refunded' });
      expect(await invoiceState(trx, invoice.id)).toMatchObject({ status: 'paid' });
      expect(await balanceOf(trx, c.customerId)).toEqual([]);
      const tooMuch = await appErrorOf(refundPayment(trx, SYSTEM_CONTEXT, payment.id, { amount: '80.01' }, ALL_ENTITIES));
      expect(tooMuch.issues[0]).toMatchObject({ path: '/amount', code: 'exceeds_refundable' });
    });
  });

  it('takes a disputed payment off the invoice, and puts it back when the dispute is won', async () => {
    await withRollback(t.db, async (trx) => {
      const c = await customerIn(trx);
      const invoice = await createFinalizedInvoice(trx, { ...c, total: '640.00', issueDate: '2026-03-01', dueDate: '2026-03-31' });
      const payment = await pay(trx, { customerId: c.customerId, currency: 'EUR', amount: '640.00', method: 'card' });
      const disputed = await openPaymentDispute(trx, SYSTEM_CONTEXT, payment.id, { disputeId: 'dp_1', openedOn: '2026-04-02' }, ALL_ENTITIES);
      expect(disputed).toMatchObject({ status: 'disputed', disputeStatus: 'open', disputed: '640.00', applied: '0.00' });
      expect(await invoiceState(trx, invoice.id)).toEqual({ status: 'unpaid', paid: '0.00', due: '640.00' });

      const won = await closePaymentDispute(trx, SYSTEM_CONTEXT, payment.id, { outcome: 'won', closedOn: '2026-05-02' }, ALL_ENTITIES);
      expect(won).toMatchObject({ status: 'succeeded', disputeStatus: 'won', disputed: '0.00', applied: '640.00' });
      expect(await invoiceState(trx, invoice.id)).toEqual({ status: 'paid', paid: '640.00', due: '0.00' });
      expect(won.applications.map((a) => a.reason)).toEqual(['payment', 'dispute', 'dispute_won']);
    });
  });

  it('keeps the invoice open when a dispute is lost', async () => {
    await withRollback(t.db, async (trx) => {
      const c = await customerIn(trx);
      const invoice = await createFinalizedInvoice(trx, { ...c, total: '75.00', issueDate: '2026-03-01', dueDate: '2026-03-31' });
      const payment = await pay(trx, { customerId: c.customerId, currency: 'EUR', amount: '75.00' });
      await openPaymentDispute(trx, SYSTEM_CONTEXT, payment.id, {}, ALL_ENTITIES);
      const lost = await closePaymentDispute(trx, SYSTEM_CONTEXT, payment.id, { outcome: 'lost' }, ALL_ENTITIES);
      expect(lost).toMatchObject({ status: 'disputed', disputeStatus: 'lost', disputed: '75.00' });
      expect(await invoiceState(trx, invoice.id)).toMatchObject({ status: 'unpaid', due: '75.00' });
      expect((await appErrorOf(closePaymentDispute(trx, SYSTEM_CONTEXT, payment.id, { outcome: 'won' }, ALL_ENTITIES))).code).toBe('illegal_transition');
    });
  });

  it('reopens the invoice when a payment that was booked fails afterwards (returned direct debit)', async () => {
    await withRollback(t.db, async (trx) => {
      const c = await customerIn(trx);
      const invoice = await createFinalizedInvoice(trx, { ...c, total: '99.00', issueDate: '2026-03-01', dueDate: '2026-03-31' });
      const payment = await pay(trx, { customerId: c.customerId, currency: 'EUR', amount: '120.00', method: 'direct_debit' });
      const failed = await recordPaymentFailure(trx, SYSTEM_CONTEXT, payment.id, { reason: 'MD06 refund request by end customer', failedOn: '2026-03-20' }, ALL_ENTITIES);
      expect(failed).toMatchObject({ status: 'failed', applied: '0.00', unapplied: '0.00', failureReason: 'MD06 refund request by end customer' });
      expect(await invoiceState(trx, invoice.id)).toMatchObject({ status: 'unpaid', due: '99.00' });
      expect(await balanceOf(trx, c.customerId)).toEqual([]);
    });
  });

  it('keeps JPY and KWD amounts exact to the yen and the fils', async () => {
    await withRollback(t.db, async (trx) => {
      const yen = await customerIn(trx, 'JPY');
      const jpy = await createFinalizedInvoice(trx, { ...yen, currency: 'JPY', total: '123457', issueDate: '2026-03-01', dueDate: '2026-03-31' });
      const partial = await pay(trx, { customerId: yen.customerId, currency: 'JPY', amount: '100001' });
      expect(partial.applications[0]?.amount).toBe('100001');
      expect(await invoiceState(trx, jpy.id)).toEqual({ status: 'partially_paid', paid: '100001', due: '23456' });
      const decimals = await appErrorOf(pay(trx, { customerId: yen.customerId, currency: 'JPY', amount: '1.5' }));
      expect(decimals.issues[0]).toMatchObject({ path: '/amount', code: 'amount_precision' });

      const dinar = await customerIn(trx, 'KWD');
      const kwd = await createFinalizedInvoice(trx, { ...dinar, currency: 'KWD', total: '1234.567', issueDate: '2026-03-01', dueDate: '2026-03-31' });
      await pay(trx, { customerId: dinar.customerId, currency: 'KWD', amount: '1000.001' });
      expect(await invoiceState(trx, kwd.id)).toEqual({ status: 'partially_paid', paid: '1000.001', due: '234.566' });
      const rest = await pay(trx, { customerId: dinar.customerId, currency: 'KWD', amount: '234.567' });
      expect(rest).toMatchObject({ applied: '234.566', unapplied: '0.001' });
      expect(await invoiceState(trx, kwd.id)).toMatchObject({ status: 'paid', due: '0.000' });
      expect(await balanceOf(trx, dinar.customerId)).toEqual(['0.001 KWD']);
    });
  });

  it('refuses a payment in another currency than the invoice it names, naming the field, and writes nothing', async () => {
    await withRollback(t.db, async (trx) => {
      const c = await customerIn(trx);
      const invoice = await createFinalizedInvoice(trx, { ...c, total: '100.00', issueDate: '2026-03-01', dueDate: '2026-03-31' });
      const error = await appErrorOf(pay(trx, { customerId: c.customerId, currency: 'USD', amount: '100.00', invoiceIds: [invoice.id] }));
      expect(error.code).toBe('validation_failed');
      expect(error.issues[0]).toMatchObject({ path: '/currency', code: 'currency_mismatch' });
      expect(error.message).toMatch(/is in EUR/);
      expect(await trx.selectFrom('payments').select('id').where('customerId', '=', c.customerId).execute()).toEqual([]);
      expect(await invoiceState(trx, invoice.id)).toMatchObject({ status: 'unpaid' });
    });
  });

  it('refuses invoices of another customer, drafts, and the same invoice twice, naming the list position', async () => {
    await withRollback(t.db, async (trx) => {
      const c = await customerIn(trx);
      const other = await customerIn(trx);
      const mine = await createFinalizedInvoice(trx, { ...c, total: '10.00', issueDate: '2026-03-01', dueDate: '2026-03-31' });
      const theirs = await createFinalizedInvoice(trx, { ...other, total: '10.00', issueDate: '2026-03-01', dueDate: '2026-03-31' });
      const draft = await createFinalizedInvoice(trx, { ...c, total: '10.00', issueDate: '2026-03-01', dueDate: '2026-03-31', status: 'draft' });
      const body = { customerId: c.customerId, currency: 'EUR', amount: '10.00' };
      expect((await appErrorOf(pay(trx, { ...body, invoiceIds: [mine.id, theirs.id] }))).issues[0]?.path).toBe('/invoiceIds/1');
      expect((await appErrorOf(pay(trx, { ...body, invoiceIds: [draft.id] }))).issues[0]).toMatchObject({ path: '/invoiceIds/0', code: 'not_payable' });
      expect((await appErrorOf(pay(trx, { ...body, invoiceIds: [mine.id, mine.id] }))).issues[0]?.path).toBe('/invoiceIds/1');
      expect((await appErrorOf(pay(trx, { ...body, amount: '0.00' }))).issues[0]?.path).toBe('/amount');
    });
  });

  it('refuses a second payment with the same external id as a conflict', async () => {
    await withRollback(t.db, async (trx) => {
      const c = await customerIn(trx);
      const first = await pay(trx, { customerId: c.customerId, currency: 'EUR', amount: '10.00', externalId: 'BANK-2026-0001' });
      const error = await appErrorOf(pay(trx, { customerId: c.customerId, currency: 'EUR', amount: '10.00', externalId: 'BANK-2026-0001' }));
      expect(error.code).toBe('conflict');
      expect(error.extensions.paymentId).toBe(first.id);
    });
  });

  it('a refund of a payment whose credit paid a later invoice reopens that invoice too', async () => {
    await withRollback(t.db, async (trx) => {
      const c = await customerIn(trx);
      const payment = await pay(trx, { customerId: c.customerId, currency: 'EUR', amount: '60.00' });
      expect(payment.unapplied).toBe('60.00');
      const invoice = await createFinalizedInvoice(trx, { ...c, total: '60.00', issueDate: '2026-04-01', dueDate: '2026-05-01' });
      await applyCreditBalance(trx as Trx, SYSTEM_CONTEXT, invoice.id, { on: '2026-04-01' });
      expect(await invoiceState(trx, invoice.id)).toMatchObject({ status: 'paid' });
      const refunded = await refundPayment(trx, SYSTEM_CONTEXT, payment.id, {}, ALL_ENTITIES);
      expect(refunded.applications.map((a) => [a.amount, a.reason])).toEqual([
        ['60.00', 'credit_balance'],
        ['-60.00', 'refund'],
      ]);
      expect(await invoiceState(trx, invoice.id)).toMatchObject({ status: 'unpaid', due: '60.00' });
    });
  });
});

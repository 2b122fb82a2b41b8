import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@invoiceops/core';
import { apiKeyFor, bearer, createCustomer, createFinalizedInvoice, createLegalEntity, testDatabaseKinds, useTestDatabase } from '@invoiceops/testing';
import { buildTestApp } from './build-test-app.ts';

async function customerIn(db: Db, currency = 'EUR') {
  const entity = await createLegalEntity(db);
  const customer = await createCustomer(db, entity.id, { billingCurrency: currency });
  return { entityId: entity.id, customerId: customer.id };
}

describe.each(testDatabaseKinds())('payments API on %s', (kind) => {
  const t = useTestDatabase(kind);
  let app: FastifyInstance;
  let clerk: string;

  beforeAll(async () => {
    app = await buildTestApp(t.db);
    clerk = (await apiKeyFor(t.db, ['ar_clerk'])).token;
  });

  const post = (url: string, payload: unknown, token = clerk, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url, headers: { ...bearer(token), ...headers }, payload: payload as Record<string, unknown> });
  const get = (url: string, token = clerk) => app.inject({ method: 'GET', url, headers: bearer(token) });
  const openInvoices = async (customerId: string) =>
    (await get(`/v1/reports/open-invoices?customerId=${customerId}&asOf=2026-04-15`)).json().data.map((i: Record<string, unknown>) => [i.number, i.amountDue, i.paymentStatus, i.overdue]);

  it('records a partial payment, then a second one that settles the invoice, and shows both', async () => {
    const c = await customerIn(t.db);
    const invoice = await createFinalizedInvoice(t.db, { ...c, total: '1190.00', issueDate: '2026-03-01', dueDate: '2026-03-31' });
    const first = await post('/v1/payments', { customerId: c.customerId, currency: 'EUR', amount: '500.00', receivedOn: '2026-03-05', method: 'bank_transfer' });
    expect(first.statusCode).toBe(201);
    expect(first.headers.location).toBe(`/v1/payments/${first.json().id}`);
    expect(first.json()).toMatchObject({ amount: '500.00', applied: '500.00', unapplied: '0.00', status: 'succeeded', currency: 'EUR' });
    expect(await openInvoices(c.customerId)).toEqual([[invoice.number, '690.00', 'partially_paid', true]]);

    await post('/v1/payments', { customerId: c.customerId, currency: 'EUR', amount: '690.00', receivedOn: '2026-04-02', method: 'card', invoiceIds: [invoice.id] });
    expect(await openInvoices(c.customerId)).toEqual([]);
    const listed = await get(`/v1/payments?customerId=${c.customerId}`);
    expect(listed.json().data.map((p: { amount: string }) => p.amount)).toEqual(['500.00', '690.00']);
    const one = await get(`/v1/payments/${first.json().id}`);
    expect(one.json().applications).toEqual([expect.objectContaining({ invoiceId: invoice.id, invoiceNumber: invoice.number, amount: '500.00', reason: 'payment', effectiveOn: '2026-03-05' })]);
  });

  it("lists an invoice's payments with the money taken back, and keeps them to the reader's entities", async () => {
    const c = await customerIn(t.db);
    const invoice = await createFinalizedInvoice(t.db, { ...c, total: '300.00', issueDate: '2026-03-01', dueDate: '2026-03-31' });
    expect((await get(`/v1/invoices/${invoice.id}/payments`)).json()).toEqual({ data: [] });
    const payment = (await post('/v1/payments', { customerId: c.customerId, currency: 'EUR', amount: '120.00', receivedOn: '2026-03-05', method: 'bank_transfer', reference: 'BANK-77', invoiceIds: [invoice.id] })).json();
    await post(`/v1/payments/${payment.id}/refunds`, { amount: '20.00', refundedOn: '2026-03-09' });
    const listed = await get(`/v1/invoices/${invoice.id}/payments`);
    expect(listed.statusCode).toBe(200);
    expect(listed.json().data).toEqual([
      expect.objectContaining({ paymentId: payment.id, currency: 'EUR', amount: '120.00', reason: 'payment', effectiveOn: '2026-03-05', method: 'bank_transfer', reference: 'BANK-77', paymentStatus: 'partially_refunded' }),
      expect.objectContaining({ paymentId: payment.id, amount: '-20.00', reason: 'refund', effectiveOn: '2026-03-09' }),
    ]);
    expect((await get(`/v1/invoices/${invoice.id}`)).json()).toMatchObject({ amountPaid: '100.00', amountDue: '200.00', paymentStatus: 'partially_paid' });
    expect((await get('/v1/invoices/inv_00000000000000000000000000/payments')).statusCode).toBe(404);
    const elsewhere = (await apiKeyFor(t.db, ['ar_clerk'], [(await customerIn(t.db)).entityId])).token;
    expect((await get(`/v1/invoices/${invoice.id}/payments`, elsewhere)).statusCode).toBe(403);
  });

  it('shows an overpayment as credit balance', async () => {
    const c = await customerIn(t.db);
    await createFinalizedInvoice(t.db, { ...c, total: '100.00', issueDate: '2026-03-01', dueDate: '2026-03-31' });
    const paid = await post('/v1/payments', { customerId: c.customerId, currency: 'EUR', amount: '130.00', receivedOn: '2026-03-05', method: 'bank_transfer' });
    expect(paid.json()).toMatchObject({ applied: '100.00', unapplied: '30.00' });
    const balances = await get(`/v1/credit-balances?customerId=${c.customerId}`);
    expect(balances.json().data).toEqual([expect.objectContaining({ customerId: c.customerId, currency: 'EUR', balance: '30.00' })]);
  });

  it('refunds over HTTP: part, then the rest without a body, and the invoice is open again', async () => {
    const c = await customerIn(t.db);
    const invoice = await createFinalizedInvoice(t.db, { ...c, total: '200.00', issueDate: '2026-03-01', dueDate: '2026-04-30' });
    const payment = (await post('/v1/payments', { customerId: c.customerId, currency: 'EUR', amount: '200.00', receivedOn: '2026-03-05', method: 'card' })).json();
    const part = await post(`/v1/payments/${payment.id}/refunds`, { amount: '50.00', refundedOn: '2026-03-10', reason: 'goodwill' });
    expect(part.statusCode).toBe(200);
    expect(part.json()).toMatchObject({ status: 'partially_refunded', refunded: '50.00' });
    expect(await openInvoices(c.customerId)).toEqual([[invoice.number, '50.00', 'partially_paid', false]]);
    const rest = await app.inject({ method: 'POST', url: `/v1/payments/${payment.id}/refunds`, headers: bearer(clerk) });
    expect(rest.statusCode).toBe(200);
    expect(rest.json()).toMatchObject({ status: 'refunded', refunded: '200.00' });
    expect(await openInvoices(c.customerId)).toEqual([[invoice.number, '200.00', 'unpaid', false]]);
    const tooMuch = await post(`/v1/payments/${payment.id}/refunds`, { amount: '1.00' });
    expect(tooMuch.statusCode).toBe(409);
  });

  it('names the field of bad input: wrong currency for the invoice, a number amount, too many decimals', async () => {
    const c = await customerIn(t.db);
    const invoice = await createFinalizedInvoice(t.db, { ...c, total: '100.00', issueDate: '2026-03-01', dueDate: '2026-03-31' });
    const base = { customerId: c.customerId, receivedOn: '2026-03-05', method: 'bank_transfer' };
    const wrongCurrency = await post('/v1/payments', { ...base, currency: 'USD', amount: '100.00', invoiceIds: [invoice.id] });
    expect(wrongCurrency.statusCode).toBe(422);
    expect(wrongCurrency.json().errors[0]).toMatchObject({ path: '/currency', code: 'currency_mismatch' });
    const number = await post('/v1/payments', { ...base, currency: 'EUR', amount: 100 });
    expect(number.statusCode).toBe(422);
    expect(number.json().errors[0].path).toBe('/amount');
    const decimals = await post('/v1/payments', { ...base, currency: 'JPY', amount: '100.5' });
    expect(decimals.json().errors[0]).toMatchObject({ path: '/amount', code: 'amount_precision' });
    const noMethod = await post('/v1/payments', { ...base, method: 'cash', currency: 'EUR', amount: '1.00' });
    expect(noMethod.json().errors[0].path).toBe('/method');
    expect((await get(`/v1/payments?customerId=${c.customerId}`)).json().data).toEqual([]);
  });

  it('records a retried POST with the same Idempotency-Key once', async () => {
    const c = await customerIn(t.db);
    const body = { customerId: c.customerId, currency: 'EUR', amount: '10.00', receivedOn: '2026-03-05', method: 'bank_transfer' };
    const first = await post('/v1/payments', body, clerk, { 'idempotency-key': `pay-${c.customerId}` });
    const second = await post('/v1/payments', body, clerk, { 'idempotency-key': `pay-${c.customerId}` });
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json().id).toBe(first.json().id);
    expect((await get(`/v1/payments?customerId=${c.customerId}`)).json().data).toHaveLength(1);
  });

  it('keeps a clerk of one entity to that entity', async () => {
    const mine = await customerIn(t.db);
    const other = await customerIn(t.db);
    const scoped = (await apiKeyFor(t.db, ['ar_clerk'], [mine.entityId])).token;
    const refused = await post('/v1/payments', { customerId: other.customerId, currency: 'EUR', amount: '10.00', receivedOn: '2026-03-05', method: 'card' }, scoped);
    expect(refused.statusCode).toBe(403);
    const theirs = (await post('/v1/payments', { customerId: other.customerId, currency: 'EUR', amount: '10.00', receivedOn: '2026-03-05', method: 'card' })).json();
    expect((await get(`/v1/payments/${theirs.id}`, scoped)).statusCode).toBe(403);
    expect((await get(`/v1/payments?customerId=${other.customerId}`, scoped)).json().data).toEqual([]);
  });

  it('serves AR aging and DSO, and names a missing date', async () => {
    const c = await customerIn(t.db);
    await createFinalizedInvoice(t.db, { ...c, total: '300.00', issueDate: '2026-01-01', dueDate: '2026-01-31' });
    const aging = await get(`/v1/reports/ar-aging?asOf=2026-03-01&entityId=${c.entityId}`);
    expect(aging.statusCode).toBe(200);
    expect(aging.json().rows).toEqual([expect.objectContaining({ customerId: c.customerId, days1To30: '300.00', total: '300.00' })]);
    const dso = await get(`/v1/reports/dso?from=2026-01-01&to=2026-01-31&entityId=${c.entityId}`);
    expect(dso.json().results).toEqual([{ currency: 'EUR', endingReceivables: '300.00', creditSales: '300.00', dso: '31.0' }]);
    const missing = await get('/v1/reports/ar-aging');
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors[0].path).toBe('/querystring/asOf');
    const backwards = await get('/v1/reports/dso?from=2026-02-01&to=2026-01-01');
    expect(backwards.json().errors[0].path).toBe('/querystring/to');
  });
});

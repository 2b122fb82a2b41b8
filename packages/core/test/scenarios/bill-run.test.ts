import { describe, expect, it } from 'vitest';
import {
  ALL_ENTITIES,
  SYSTEM_CONTEXT,
  amendContract,
  amendContractSchema,
  billableMetricResource,
  createBillRun,
  executeBillRun,
  finalizeBillRun,
  finalizeInvoice,
  ingestUsageEvents,
  listInvoices,
  voidInvoice,
  type Db,
  type Invoice,
} from '@invoiceops/core';
import { createTaxEngine } from '@invoiceops/connectors';
import { createBillingFixture, createCustomer, createTestContract, createThrough, testDatabaseKinds, useTestDatabase, withRollback } from '@invoiceops/testing';

const taxEngine = createTaxEngine({ kind: 'builtin' });

async function billMonth(db: Db, period: string, customerId: string): Promise<Invoice[]> {
  const run = await createBillRun(db, SYSTEM_CONTEXT, { period, customerId, finalize: false }, ALL_ENTITIES);
  const done = await executeBillRun(db, SYSTEM_CONTEXT, run.id, { taxEngine });
  expect(done.errors).toEqual([]);
  return (await listInvoices(db, { limit: 100, customerId, billingPeriod: period }, ALL_ENTITIES)).data;
}

const usage = (subject: string, metric: string, id: string, time: string, quantity: number) => ({
  specversion: '1.0', id, source: '/test', type: metric, subject, time, data: { quantity },
});

describe.each(testDatabaseKinds())('bill run scenario on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('bills in advance, prorates a mid-period upgrade, bills usage in arrears and late usage once', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createBillingFixture(trx);
      const contract = await createTestContract(trx, f);
      const customerId = f.customer.id;

      const [january] = await billMonth(trx, '2026-01', customerId);
      expect(january!.lines.map((l) => [l.kind, l.amount, l.servicePeriod])).toEqual([['recurring', '300.00', { start: '2026-01-15', end: '2026-02-15' }]]);
      expect(january!.lines[0]!.tax).toMatchObject({ category: 'AE', amount: '0.00', rule: 'eu.reverse_charge.b2b' });
      expect(january!.taxNotes.join(' ')).toMatch(/Reverse charge/);

      await ingestUsageEvents(trx, SYSTEM_CONTEXT, {
        events: [usage(customerId, f.metricCode, 'u1', '2026-01-20T10:00:00Z', 1000), usage(customerId, f.metricCode, 'u2', '2026-02-10T10:00:00Z', 500)],
        scope: ALL_ENTITIES,
        now: new Date('2026-02-20T00:00:00Z'),
      });
      await amendContract(trx, SYSTEM_CONTEXT, contract.id, amendContractSchema.parse({ kind: 'change_quantity', effectiveDate: '2026-02-01', lineKey: 'seats', quantity: '15' }), ALL_ENTITIES);

      const [february] = await billMonth(trx, '2026-02', customerId);
      expect(february!.lines.map((l) => [l.kind, l.amount])).toEqual([
        ['proration_credit', '-135.48'], // 300.00 × 14/31 unused, rounded once
        ['proration_charge', '203.23'], // 450.00 × 14/31
        ['recurring', '450.00'], // 15 seats, 2026-02-15 to 2026-03-15, in advance
        ['usage', '2.25'], // 1,500 calls × 0.0015, period 2026-01-15 to 2026-02-15
      ]);
      expect(february!.total).toBe('520.00');
      expect(await billMonth(trx, '2026-02', customerId)).toHaveLength(1);

      await ingestUsageEvents(trx, SYSTEM_CONTEXT, { events: [usage(customerId, f.metricCode, 'late-1', '2026-01-25T10:00:00Z', 100)], scope: ALL_ENTITIES, now: new Date('2026-03-02T00:00:00Z') });
      const [march] = await billMonth(trx, '2026-03', customerId);
      const late = march!.lines.find((l) => l.kind === 'late_usage');
      expect(late).toMatchObject({ amount: '0.15', quantity: '100', description: expect.stringContaining('period 2026-01-15 to 2026-02-15') });
      // no usage in 2026-02-15 to 2026-03-15, so no usage line; the late calls are billed once, at 0.0015
      expect(march!.lines.map((l) => [l.kind, l.amount])).toEqual([['recurring', '450.00'], ['late_usage', '0.15']]);
      const [april] = await billMonth(trx, '2026-04', customerId);
      expect(april!.lines.some((l) => l.kind === 'late_usage')).toBe(false);
    });
  });

  it('finalizes with gapless numbers per entity and series, and voiding a draft releases its usage', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createBillingFixture(trx);
      await createTestContract(trx, f);
      const [january] = await billMonth(trx, '2026-01', f.customer.id);
      const finalized = await finalizeInvoice(trx, SYSTEM_CONTEXT, january!.id, ALL_ENTITIES, new Date('2026-01-16T09:00:00Z'));
      expect(finalized.number).toMatch(/-INV-000001$/);
      expect(finalized).toMatchObject({ status: 'finalized', issueDate: '2026-01-16', dueDate: '2026-02-15', paymentStatus: 'unpaid', amountDue: '300.00' });
      const again = await finalizeInvoice(trx, SYSTEM_CONTEXT, january!.id, ALL_ENTITIES).catch((e: { code: string }) => e);
      expect(again).toMatchObject({ code: 'illegal_transition' });

      await ingestUsageEvents(trx, SYSTEM_CONTEXT, { events: [usage(f.customer.id, f.metricCode, 'v1', '2026-01-20T10:00:00Z', 2000)], scope: ALL_ENTITIES, now: new Date('2026-02-20T00:00:00Z') });
      const [february] = await billMonth(trx, '2026-02', f.customer.id);
      expect(february!.lines.find((l) => l.kind === 'usage')?.amount).toBe('3.00');
      await voidInvoice(trx, SYSTEM_CONTEXT, february!.id, 'wrong usage feed', ALL_ENTITIES);
      const [rebilled] = (await billMonth(trx, '2026-02', f.customer.id)).filter((i) => i.status === 'draft');
      expect(rebilled!.lines.find((l) => l.kind === 'usage')?.amount).toBe('3.00');
      const second = await finalizeInvoice(trx, SYSTEM_CONTEXT, rebilled!.id, ALL_ENTITIES);
      expect(second.number).toMatch(/-INV-000002$/);
    });
  });
});

describe.each(testDatabaseKinds())('unique-count usage on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('bills the number of distinct users in the period', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createBillingFixture(trx);
      const users = `active.users.${f.metricCode}`;
      await createThrough(trx, billableMetricResource, { code: users, name: 'Active users', aggregation: 'unique_count', property: 'userId', unit: 'user' });
      await createTestContract(trx, f, {
        startDate: '2026-01-01',
        alignment: 'calendar',
        lines: [{ key: 'users', productId: f.usageProduct.id, kind: 'usage', metricCode: users, charge: { model: 'per_unit', params: { unitPrice: '5.00' } } }],
      });
      const event = (id: string, userId: string) => ({ specversion: '1.0', id, source: '/test', type: users, subject: f.customer.id, time: '2026-01-10T10:00:00Z', data: { userId } });
      await ingestUsageEvents(trx, SYSTEM_CONTEXT, { events: [event('a', 'u1'), event('b', 'u2'), event('c', 'u1'), event('d', 'u3')], scope: ALL_ENTITIES, now: new Date('2026-02-01T00:00:00Z') });
      const [january] = await billMonth(trx, '2026-01', f.customer.id);
      expect(january!.lines.map((l) => [l.kind, l.quantity, l.amount])).toEqual([['usage', '3', '15.00']]);
    });
  });
});

describe.each(testDatabaseKinds())('finalizing a bill run in bulk on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('numbers every draft gaplessly in id order, queues each email and audits each invoice', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createBillingFixture(trx);
      const others = [await createCustomer(trx, f.entity.id), await createCustomer(trx, f.entity.id)];
      await createTestContract(trx, f);
      for (const customer of others) await createTestContract(trx, { ...f, customer });
      const run = await createBillRun(trx, SYSTEM_CONTEXT, { period: '2026-01', entityId: f.entity.id, finalize: false }, ALL_ENTITIES, { enqueue: false });
      await executeBillRun(trx, SYSTEM_CONTEXT, run.id, { taxEngine });
      expect(await finalizeBillRun(trx, SYSTEM_CONTEXT, run.id, ALL_ENTITIES)).toBe(3);
      // The list is newest first; the numbers follow the drafts' id (creation) order.
      const invoices = (await listInvoices(trx, { limit: 10, billRunId: run.id }, ALL_ENTITIES)).data.sort((a, b) => (a.id < b.id ? -1 : 1));
      expect(invoices.map((i) => i.number!.slice(-6))).toEqual(['000001', '000002', '000003']);
      expect(invoices.every((i) => i.status === 'finalized' && i.dueDate !== null)).toBe(true);
      const jobs = await trx.selectFrom('jobs').select('dedupeKey').where('type', '=', 'invoice.send').execute();
      expect(jobs.filter((j) => invoices.some((i) => j.dedupeKey?.includes(i.id)))).toHaveLength(3);
      expect(await finalizeBillRun(trx, SYSTEM_CONTEXT, run.id, ALL_ENTITIES)).toBe(0);
    });
  });
});

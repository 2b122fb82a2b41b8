import { sql, type KyselyPlugin } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ALL_ENTITIES,
  DELIVER_WEBHOOK_JOB,
  SYSTEM_CONTEXT,
  approvalPolicySchema,
  createWebhookSubscription,
  emitWebhookEvent,
  emitWebhookEvents,
  finalizeInvoice,
  generateMasterKeyText,
  openApprovalRequests,
  parseMasterKey,
  raiseException,
  recordPayment,
  recordPaymentSchema,
  routeDocument,
  updateWebhookSubscription,
  type Db,
  type Trx,
} from '@invoiceops/core';
import {
  createBillingFixture,
  createCustomer,
  createFinalizedInvoice,
  createLegalEntity,
  createTestContract,
  invoicesFor,
  runBillAt,
  testDatabaseKinds,
  useTestDatabase,
  withRollback,
} from '@invoiceops/testing';

const key = parseMasterKey(generateMasterKeyText(), 'test key');
const NOW = new Date('2026-02-02T08:00:00Z');

async function subscribe(db: Db, eventTypes: string[], active = true) {
  return createWebhookSubscription(db, SYSTEM_CONTEXT, key, { url: 'https://hooks.example.com/invoiceops', eventTypes, active });
}

/** The payloads queued for a subscription, oldest first. */
async function payloadsFor(db: Db, subscriptionId: string): Promise<{ type: string; timestamp: string; data: Record<string, unknown> }[]> {
  const rows = await db
    .selectFrom('webhookDeliveries')
    .innerJoin('outboundEvents', 'outboundEvents.id', 'webhookDeliveries.eventId')
    .select('outboundEvents.payload')
    .where('webhookDeliveries.subscriptionId', '=', subscriptionId)
    .orderBy('webhookDeliveries.id')
    .execute();
  return rows.map((r) => JSON.parse(r.payload));
}

async function jobsFor(db: Db, subscriptionId: string): Promise<number> {
  const row = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM jobs j JOIN webhook_deliveries d ON d.id = j.payload->>'deliveryId'
    WHERE j.type = ${DELIVER_WEBHOOK_JOB} AND d.subscription_id = ${subscriptionId}`.execute(db);
  return row.rows[0]!.n;
}

/** Counts the statements a handle runs. */
function queryCounter(): { plugin: KyselyPlugin; count: () => number } {
  let n = 0;
  return {
    plugin: { transformQuery: (args) => { n += 1; return args.node; }, transformResult: async (args) => args.result },
    count: () => n,
  };
}

describe.each(testDatabaseKinds())('outbound webhook events on %s', (kind) => {
  const t = useTestDatabase(kind);

  // Subscriptions are global: each test leaves none behind for the next.
  afterEach(async () => {
    await t.db.deleteFrom('webhookSubscriptions').execute();
  });

  it('costs one query and writes nothing when nobody subscribes', async () => {
    await withRollback(t.db, async (trx) => {
      const counter = queryCounter();
      const events = Array.from({ length: 500 }, (_, i) => ({ type: 'invoice.finalized' as const, data: { id: `inv_${i}` } }));
      expect(await emitWebhookEvents(trx.withPlugin(counter.plugin) as Trx, events)).toBe(0);
      expect(counter.count()).toBe(1);
      expect(await trx.selectFrom('outboundEvents').select('id').execute()).toEqual([]);
    });
  });

  it('writes the event, a delivery and a job in the caller\'s transaction: a rolled-back transaction emits nothing', async () => {
    const subscription = await subscribe(t.db, ['*']);
    await expect(t.db.transaction().execute(async (trx) => {
      await emitWebhookEvent(trx, { type: 'invoice.paid', data: { id: 'inv_rolled_back' } });
      throw new Error('the business change failed');
    })).rejects.toThrow('the business change failed');
    expect(await payloadsFor(t.db, subscription.id)).toEqual([]);
    expect(await jobsFor(t.db, subscription.id)).toBe(0);

    await t.db.transaction().execute((trx) => emitWebhookEvent(trx, { type: 'invoice.paid', data: { id: 'inv_committed' } }, NOW));
    expect(await payloadsFor(t.db, subscription.id)).toEqual([{ type: 'invoice.paid', timestamp: NOW.toISOString(), data: { id: 'inv_committed' } }]);
    expect(await jobsFor(t.db, subscription.id)).toBe(1);
    const [delivery] = await t.db.selectFrom('webhookDeliveries').selectAll().where('subscriptionId', '=', subscription.id).execute();
    expect(delivery).toMatchObject({ state: 'pending', attemptCount: 0, attemptLimit: 8, eventType: 'invoice.paid' });
    expect(delivery!.id).toMatch(/^msg_/);
  });

  it('gives each subscriber only the event types it names; * takes all; a disabled one none', async () => {
    await withRollback(t.db, async (trx) => {
      const paidOnly = await subscribe(trx, ['invoice.paid']);
      const everything = await subscribe(trx, ['*']);
      const disabled = await subscribe(trx, ['*'], false);
      const exceptions = await subscribe(trx, ['exception.raised', 'approval.requested']);
      await updateWebhookSubscription(trx, SYSTEM_CONTEXT, exceptions.id, { active: false });
      const eventTypes = async () => (await trx.selectFrom('outboundEvents').select('type').orderBy('id').execute()).map((e) => e.type);
      const earlier = (await eventTypes()).length;
      const queued = await emitWebhookEvents(trx as Trx, [
        { type: 'invoice.finalized', data: { id: 'a' } },
        { type: 'invoice.paid', data: { id: 'b' } },
        { type: 'exception.raised', data: { id: 'c' } },
      ]);
      expect(queued).toBe(4);
      expect((await payloadsFor(trx, paidOnly.id)).map((p) => p.type)).toEqual(['invoice.paid']);
      expect((await payloadsFor(trx, everything.id)).map((p) => p.type)).toEqual(['invoice.finalized', 'invoice.paid', 'exception.raised']);
      expect(await payloadsFor(trx, disabled.id)).toEqual([]);
      expect(await payloadsFor(trx, exceptions.id)).toEqual([]);
      // One event row per event that someone takes, shared by its deliveries.
      expect((await eventTypes()).slice(earlier)).toEqual(['invoice.finalized', 'invoice.paid', 'exception.raised']);
    });
  });

  it('emits a bill run\'s worth of events in batches', async () => {
    await withRollback(t.db, async (trx) => {
      const subscription = await subscribe(trx, ['invoice.finalized']);
      const events = Array.from({ length: 2500 }, (_, i) => ({ type: 'invoice.finalized' as const, data: { id: `inv_${i}` } }));
      expect(await emitWebhookEvents(trx as Trx, events)).toBe(2500);
      expect(await jobsFor(trx, subscription.id)).toBe(2500);
      expect((await payloadsFor(trx, subscription.id)).at(-1)?.data).toEqual({ id: 'inv_2499' });
    });
  });

  it('emits invoice.finalized when an invoice is issued and by a finalizing bill run, and invoice.paid when a payment settles it', async () => {
    const subscription = await subscribe(t.db, ['invoice.finalized', 'invoice.paid']);
    const f = await createBillingFixture(t.db);
    await createTestContract(t.db, f, { startDate: '2026-01-01' });
    await runBillAt(t.db, { period: '2026-01', customerId: f.customer.id }, NOW);
    const [draft] = await invoicesFor(t.db, f.customer.id, '2026-01');
    const invoice = await finalizeInvoice(t.db, SYSTEM_CONTEXT, draft!.id, ALL_ENTITIES, NOW);
    await recordPayment(t.db, SYSTEM_CONTEXT, recordPaymentSchema.parse({ customerId: f.customer.id, currency: invoice.currency, amount: invoice.total, receivedOn: '2026-02-10', method: 'bank_transfer' }), ALL_ENTITIES);

    const data = {
      id: invoice.id, kind: 'invoice', number: invoice.number, customerId: f.customer.id, entityId: f.entity.id, currency: invoice.currency,
      amount: invoice.total, amountMinor: Math.round(Number(invoice.total) * 100), issueDate: invoice.issueDate, dueDate: invoice.dueDate,
    };
    const payloads = await payloadsFor(t.db, subscription.id);
    expect(payloads.map((p) => p.type)).toEqual(['invoice.finalized', 'invoice.paid']);
    expect(payloads[0]!.data).toMatchObject({ ...data, amountDue: invoice.total, lifecycle: 'approved' });
    expect(payloads[1]!.data).toMatchObject({ ...data, amountDue: '0.00', lifecycle: 'paid' });

    const g = await createBillingFixture(t.db);
    await createTestContract(t.db, g, { startDate: '2026-01-01' });
    await runBillAt(t.db, { period: '2026-01', customerId: g.customer.id, finalize: true }, NOW);
    const [billed] = await invoicesFor(t.db, g.customer.id, '2026-01');
    expect((await payloadsFor(t.db, subscription.id)).slice(2).map((p) => [p.type, p.data.id, p.data.number])).toEqual([['invoice.finalized', billed!.id, billed!.number]]);
  });

  it('emits exception.raised once per opened exception, and approval.requested per request', async () => {
    await withRollback(t.db, async (trx) => {
      const subscription = await subscribe(trx, ['exception.raised', 'approval.requested']);
      const entity = await createLegalEntity(trx);
      const customer = await createCustomer(trx, entity.id as string);
      const invoice = await createFinalizedInvoice(trx, { entityId: entity.id as string, customerId: customer.id as string, total: '10.00', issueDate: '2026-03-01', dueDate: '2026-03-31' });
      const report = { documentType: 'invoice', documentId: invoice.id, category: 'pricing', sourceSystem: 'erp.netsuite', severity: 'warn', title: 'Price differs from the price book' } as const;
      const raised = await raiseException(trx, SYSTEM_CONTEXT, report, ALL_ENTITIES);
      await raiseException(trx, SYSTEM_CONTEXT, report, ALL_ENTITIES);

      const policy = approvalPolicySchema.parse({ routes: [{ id: 'r', description: 'approvers', match: {}, steps: [{ name: 'Approver', mode: 'any', approvers: [{ role: 'approver' }], slaHours: 24 }] }] });
      const facts = {
        documentType: 'invoice' as const, documentId: invoice.id, entityId: entity.id as string, functionalAmountMinor: 1000n, functionalCurrency: 'EUR',
        department: null, costCenter: null, segment: null, createdBy: 'system', contentHash: 'h',
      };
      const [opened] = await openApprovalRequests(trx, SYSTEM_CONTEXT, [{ facts, route: routeDocument(policy, facts), policyVersion: 1 }]);

      const payloads = await payloadsFor(trx, subscription.id);
      expect(payloads.map((p) => p.type)).toEqual(['exception.raised', 'approval.requested']);
      expect(payloads[0]!.data).toEqual({
        id: raised.exception.id, entityId: entity.id, documentType: 'invoice', documentId: invoice.id, category: 'pricing', severity: 'warn',
        title: 'Price differs from the price book', ruleId: null, sourceSystem: 'erp.netsuite', assigneeTeam: null, dueAt: raised.exception.dueAt,
      });
      expect(payloads[1]!.data).toEqual({
        id: opened!.requestId, documentType: 'invoice', documentId: invoice.id, entityId: entity.id, routeId: 'r', submission: 1, currency: 'EUR', amount: '10.00', amountMinor: 1000,
      });
    });
  });
});

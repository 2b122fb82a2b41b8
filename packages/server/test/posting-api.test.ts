import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { ALL_ENTITIES, SYSTEM_CONTEXT, finalizeInvoice } from '@invoiceops/core';
import { apiKeyFor, bearer, createBillingFixture, createTestContract, invoicesFor, runBillAt, testDatabaseKinds, useTestDatabase } from '@invoiceops/testing';
import { buildTestApp } from './build-test-app.ts';

describe.each(testDatabaseKinds())('posting API on %s', (kind) => {
  const t = useTestDatabase(kind);
  let app: FastifyInstance;
  let controller: string;
  let clerk: string;
  let auditor: string;

  beforeAll(async () => {
    app = await buildTestApp(t.db);
    controller = (await apiKeyFor(t.db, ['controller'])).token;
    clerk = (await apiKeyFor(t.db, ['ar_clerk'])).token;
    auditor = (await apiKeyFor(t.db, ['auditor'])).token;
  });

  it('posts an issued invoice by hand, once; shows the attempt in the event log and the entry in the trial balance and exports', async () => {
    const f = await createBillingFixture(t.db);
    await createTestContract(t.db, f, { startDate: '2026-01-01' });
    await runBillAt(t.db, { period: '2026-01', customerId: f.customer.id }, new Date('2026-02-02T08:00:00Z'));
    const [draft] = await invoicesFor(t.db, f.customer.id, '2026-01');
    const invoice = await finalizeInvoice(t.db, SYSTEM_CONTEXT, draft!.id, ALL_ENTITIES);

    const forbidden = await app.inject({ method: 'POST', url: `/v1/invoices/${invoice.id}/post`, headers: bearer(clerk) });
    expect(forbidden.statusCode).toBe(403);

    const posted = await app.inject({ method: 'POST', url: `/v1/invoices/${invoice.id}/post`, headers: bearer(controller) });
    expect(posted.statusCode).toBe(200);
    expect(posted.json()).toMatchObject({ outcome: 'posted', lifecycle: 'posted' });
    const again = await app.inject({ method: 'POST', url: `/v1/invoices/${invoice.id}/post`, headers: bearer(controller) });
    expect(again.json()).toMatchObject({ outcome: 'skipped', lifecycle: 'posted', erpDocumentId: posted.json().erpDocumentId });

    const events = await app.inject({ method: 'GET', url: `/v1/integration-events?documentId=${invoice.id}`, headers: bearer(clerk) });
    expect(events.statusCode).toBe(200);
    expect(events.json().data.map((e: { outcome: string; attempt: number }) => [e.outcome, e.attempt])).toEqual([['posted', 1]]);

    const tb = await app.inject({ method: 'GET', url: `/v1/ledger/trial-balance?entityId=${f.entity.id}`, headers: bearer(auditor) });
    expect(tb.statusCode).toBe(200);
    expect(tb.json().balanced).toBe(true);
    expect((await app.inject({ method: 'GET', url: `/v1/ledger/trial-balance?entityId=${f.entity.id}`, headers: bearer(clerk) })).statusCode).toBe(403);

    const csv = await app.inject({ method: 'GET', url: `/v1/ledger/export?entityId=${f.entity.id}&format=csv`, headers: bearer(auditor) });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain(invoice.number!);
    const journal = await app.inject({ method: 'GET', url: `/v1/ledger/export?entityId=${f.entity.id}&format=hledger`, headers: bearer(auditor) });
    expect(journal.headers['content-disposition']).toContain('.journal');

    const bad = await app.inject({ method: 'GET', url: '/v1/ledger/trial-balance?entityId=nope', headers: bearer(auditor) });
    expect(bad.statusCode).toBe(422);
    expect(bad.headers['content-type']).toContain('application/problem+json');
  });
});

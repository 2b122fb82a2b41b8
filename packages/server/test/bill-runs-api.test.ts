import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { startWorker } from '@invoiceops/worker';
import { apiKeyFor, bearer, createBillingFixture, createTestContract, testDatabaseKinds, useTestDatabase, type BillingFixture } from '@invoiceops/testing';
import { buildTestApp } from './build-test-app.ts';

describe.each(testDatabaseKinds())('bill runs and invoices API on %s', (kind) => {
  const t = useTestDatabase(kind);
  let app: FastifyInstance;
  let clerk: string;
  let f: BillingFixture;

  beforeAll(async () => {
    app = await buildTestApp(t.db);
    clerk = (await apiKeyFor(t.db, ['ar_clerk'])).token;
    f = await createBillingFixture(t.db);
    await createTestContract(t.db, f);
  });

  it('queues a bill run that a worker executes and finalizes, with progress readable over HTTP', async () => {
    const started = await app.inject({ method: 'POST', url: '/v1/bill-runs', headers: bearer(clerk), payload: { period: '2026-01', customerId: f.customer.id, finalize: true } });
    expect(started.statusCode).toBe(202);
    expect(started.json()).toMatchObject({ status: 'running', customersDone: 0 });
    const worker = startWorker({ db: t.db, logger: pino({ level: 'silent' }) }, false);
    await worker.tick();
    const run = (await app.inject({ method: 'GET', url: started.headers.location as string, headers: bearer(clerk) })).json();
    expect(run).toMatchObject({ status: 'completed', customersTotal: 1, customersDone: 1, invoicesCreated: 1, errors: [] });
    const invoices = (await app.inject({ method: 'GET', url: `/v1/invoices?billRunId=${run.id}`, headers: bearer(clerk) })).json().data;
    expect(invoices).toHaveLength(1);
    expect(invoices[0]).toMatchObject({ status: 'finalized', total: '300.00', currency: 'EUR', number: expect.stringMatching(/-INV-\d{6}$/) });
  });

  it('refuses a malformed period and voids with a reason', async () => {
    const bad = await app.inject({ method: 'POST', url: '/v1/bill-runs', headers: bearer(clerk), payload: { period: '2026-13' } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].path).toBe('/period');
    const invoice = (await app.inject({ method: 'GET', url: `/v1/invoices?customerId=${f.customer.id}`, headers: bearer(clerk) })).json().data[0];
    const noReason = await app.inject({ method: 'POST', url: `/v1/invoices/${invoice.id}/void`, headers: bearer(clerk), payload: {} });
    expect(noReason.statusCode).toBe(422);
    const voided = await app.inject({ method: 'POST', url: `/v1/invoices/${invoice.id}/void`, headers: bearer(clerk), payload: { reason: 'sent to the wrong entity' } });
    expect(voided.json()).toMatchObject({ status: 'void', voidReason: 'sent to the wrong entity' });
  });
});

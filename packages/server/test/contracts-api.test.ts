import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiKeyFor, bearer, contractInput, createBillingFixture, testDatabaseKinds, useTestDatabase, type BillingFixture } from '@invoiceops/testing';
import { buildTestApp } from './build-test-app.ts';

describe.each(testDatabaseKinds())('contracts API on %s', (kind) => {
  const t = useTestDatabase(kind);
  let app: FastifyInstance;
  let clerk: string;
  let f: BillingFixture;

  beforeAll(async () => {
    app = await buildTestApp(t.db);
    clerk = (await apiKeyFor(t.db, ['ar_clerk'])).token;
    f = await createBillingFixture(t.db);
  });

  it('creates, amends, lists and renews a contract over HTTP', async () => {
    const created = await app.inject({ method: 'POST', url: '/v1/contracts', headers: bearer(clerk), payload: contractInput(f) });
    expect(created.statusCode).toBe(201);
    const contract = created.json();
    const amended = await app.inject({
      method: 'POST',
      url: `/v1/contracts/${contract.id}/amendments`,
      headers: bearer(clerk),
      payload: { kind: 'change_price', effectiveDate: '2026-02-15', lineKey: 'seats', charge: { model: 'per_unit', kind: 'recurring', params: { unitPrice: '25.00' } } },
    });
    expect(amended.statusCode).toBe(200);
    expect(amended.json().lines.filter((l: { key: string }) => l.key === 'seats')).toHaveLength(2);
    const listed = await app.inject({ method: 'GET', url: `/v1/contracts?customerId=${f.customer.id}`, headers: bearer(clerk) });
    expect(listed.json().data.map((c: { id: string }) => c.id)).toEqual([contract.id]);
    const renewed = await app.inject({ method: 'POST', url: `/v1/contracts/${contract.id}/renew`, headers: bearer(clerk) });
    expect(renewed.json()).toMatchObject({ startDate: '2027-01-15', renewedFromId: contract.id });
  });

  it('names the field of a bad amendment and of an unknown amendment kind', async () => {
    const body = contractInput(f, { startDate: '2028-03-01' });
    const contract = (await app.inject({ method: 'POST', url: '/v1/contracts', headers: bearer(clerk), payload: body })).json();
    const early = await app.inject({ method: 'POST', url: `/v1/contracts/${contract.id}/amendments`, headers: bearer(clerk), payload: { kind: 'remove_line', effectiveDate: '2028-02-01', lineKey: 'api' } });
    expect(early.statusCode).toBe(422);
    expect(early.json().errors[0].path).toBe('/effectiveDate');
    const unknown = await app.inject({ method: 'POST', url: `/v1/contracts/${contract.id}/amendments`, headers: bearer(clerk), payload: { kind: 'pause', effectiveDate: '2028-04-01' } });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().detail).toMatch(/kind must be/);
  });
});

import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  apiKeyFor,
  bearer,
  createCustomer,
  createLegalEntity,
  createScenarioFixture,
  createTestContract,
  sendUsage,
  seatLine,
  testDatabaseKinds,
  usageEvent,
  usageLine,
  useTestDatabase,
  type ScenarioFixture,
} from '@invoiceops/testing';
import { buildTestApp } from './build-test-app.ts';

const allowance = { model: 'included_allowance', params: { includedQuantity: '1000', charge: { model: 'per_unit', params: { unitPrice: '0.01' } } } };

describe.each(testDatabaseKinds())('contract schedule, amendments and usage summary API on %s', (kind) => {
  const t = useTestDatabase(kind);
  let app: FastifyInstance;
  let clerk: string;
  let f: ScenarioFixture;
  let contractId: string;

  beforeAll(async () => {
    app = await buildTestApp(t.db);
    clerk = (await apiKeyFor(t.db, ['ar_clerk'])).token;
    f = await createScenarioFixture(t.db);
    contractId = (await createTestContract(t.db, f, { startDate: '2026-01-01', alignment: 'calendar', lines: [seatLine(f, '30.00', '10'), usageLine(f, allowance)] })).id;
    await sendUsage(t.db, [usageEvent(f.customer.id, f.metricCode, 'a', '2026-01-05T09:00:00Z', 1500)], '2026-01-06T00:00:00Z');
  });

  it('answers the schedule per line and the amendments with who made them', async () => {
    const amended = await app.inject({
      method: 'POST',
      url: `/v1/contracts/${contractId}/amendments`,
      headers: bearer(clerk),
      payload: { kind: 'change_quantity', effectiveDate: '2026-06-01', lineKey: 'seats', quantity: '12', reason: 'two more seats' },
    });
    expect(amended.statusCode).toBe(200);
    const response = await app.inject({ method: 'GET', url: `/v1/contracts/${contractId}/schedule?periods=2`, headers: bearer(clerk) });
    expect(response.statusCode).toBe(200);
    const schedule = response.json();
    expect(schedule.lines.map((l: { key: string; basis: string }) => [l.key, l.basis])).toEqual([['api', 'per_usage'], ['seats', 'in_advance']]);
    const amendments = await app.inject({ method: 'GET', url: `/v1/contracts/${contractId}/amendments`, headers: bearer(clerk) });
    expect(amendments.json().data).toEqual([expect.objectContaining({ kind: 'change_quantity', effectiveDate: '2026-06-01', reason: 'two more seats', actorName: expect.stringContaining('API key') })]);
  });

  it('refuses a bad number of periods naming the field, and answers 404 for an unknown contract', async () => {
    const bad = await app.inject({ method: 'GET', url: `/v1/contracts/${contractId}/schedule?periods=0`, headers: bearer(clerk) });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].path).toBe('/querystring/periods');
    const missing = await app.inject({ method: 'GET', url: '/v1/contracts/ctr_00000000000000000000000000/schedule', headers: bearer(clerk) });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.json().detail).toBe('contract ctr_00000000000000000000000000 was not found');
  });

  it('summarises a month of usage against the entitlement', async () => {
    const response = await app.inject({ method: 'GET', url: `/v1/usage/summary?customerId=${f.customer.id}&period=2026-01`, headers: bearer(clerk) });
    expect(response.statusCode).toBe(200);
    expect(response.json().metrics).toEqual([expect.objectContaining({ metricCode: f.metricCode, quantity: '1500', included: '1000', overage: '500', entitlement: 'soft', contractId })]);
  });

  it('explains bad usage summary requests in problem+json: the field, the unknown customer, the entity', async () => {
    const badPeriod = await app.inject({ method: 'GET', url: `/v1/usage/summary?customerId=${f.customer.id}&period=2026-13`, headers: bearer(clerk) });
    expect(badPeriod.statusCode).toBe(422);
    expect(badPeriod.json()).toMatchObject({ code: 'validation_failed', errors: [{ path: '/querystring/period', message: 'must be a month written YYYY-MM, such as 2026-10' }] });
    const noCustomer = await app.inject({ method: 'GET', url: '/v1/usage/summary?period=2026-01', headers: bearer(clerk) });
    expect(noCustomer.json().errors[0].path).toBe('/querystring/customerId');
    const unknown = await app.inject({ method: 'GET', url: '/v1/usage/summary?customerId=cus_00000000000000000000000000&period=2026-01', headers: bearer(clerk) });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().detail).toBe('customer cus_00000000000000000000000000 was not found');
    const otherEntity = (await createLegalEntity(t.db)).id;
    const elsewhere = (await apiKeyFor(t.db, ['ar_clerk'], [otherEntity])).token;
    const forbidden = await app.inject({ method: 'GET', url: `/v1/usage/summary?customerId=${f.customer.id}&period=2026-01`, headers: bearer(elsewhere) });
    expect(forbidden.statusCode).toBe(403);
    const schedule = await app.inject({ method: 'GET', url: `/v1/contracts/${contractId}/schedule`, headers: bearer(elsewhere) });
    expect(schedule.statusCode).toBe(403);
  });

  it('lists customers by id, so a page of contracts can name its customers in one call', async () => {
    const other = await createCustomer(t.db, f.entity.id);
    const response = await app.inject({ method: 'GET', url: `/v1/customers?ids=${f.customer.id},${other.id}`, headers: bearer(clerk) });
    expect(response.json().data.map((c: { id: string }) => c.id).sort()).toEqual([f.customer.id, other.id].sort());
    const bad = await app.inject({ method: 'GET', url: '/v1/customers?ids=nope', headers: bearer(clerk) });
    expect(bad.json().errors[0].path).toBe('/querystring/ids');
  });

  it('documents the new routes in the OpenAPI document', async () => {
    const paths = (await app.inject({ method: 'GET', url: '/openapi.json' })).json().paths;
    expect(Object.keys(paths)).toEqual(expect.arrayContaining(['/v1/contracts/{id}/schedule', '/v1/contracts/{id}/amendments', '/v1/usage/summary']));
  });
});

import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiKeyFor, bearer, createLegalEntity, customerInput, testDatabaseKinds, useTestDatabase } from '@invoiceops/testing';
import { buildTestApp } from './build-test-app.ts';

describe.each(testDatabaseKinds())('customers API on %s', (kind) => {
  const t = useTestDatabase(kind);
  let app: FastifyInstance;
  let clerk: string;
  let entityId: string;

  beforeAll(async () => {
    app = await buildTestApp(t.db);
    clerk = (await apiKeyFor(t.db, ['ar_clerk'])).token;
    entityId = (await createLegalEntity(t.db)).id;
  });

  it('creates, reads, updates and lists a customer', async () => {
    const created = await app.inject({ method: 'POST', url: '/v1/customers', headers: bearer(clerk), payload: customerInput(entityId, { name: '<script>alert(1)</script> Ltd' }) });
    expect(created.statusCode).toBe(201);
    const customer = created.json();
    expect(customer.name).toBe('<script>alert(1)</script> Ltd');
    expect(created.headers.location).toBe(`/v1/customers/${customer.id}`);

    const read = await app.inject({ method: 'GET', url: created.headers.location as string, headers: bearer(clerk) });
    expect(read.json()).toEqual(customer);

    const patched = await app.inject({ method: 'PATCH', url: `/v1/customers/${customer.id}`, headers: { ...bearer(clerk), 'if-match': '"1"' }, payload: { poRequired: true } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ poRequired: true, version: 2 });

    const stale = await app.inject({ method: 'PATCH', url: `/v1/customers/${customer.id}`, headers: { ...bearer(clerk), 'if-match': '"1"' }, payload: { poRequired: false } });
    expect(stale.statusCode).toBe(409);

    const list = await app.inject({ method: 'GET', url: `/v1/customers?entityId=${entityId}&q=script`, headers: bearer(clerk) });
    expect(list.json().data.map((c: { id: string }) => c.id)).toEqual([customer.id]);
  });

  it('names the field of an invalid VAT id in a problem+json 422', async () => {
    const response = await app.inject({ method: 'POST', url: '/v1/customers', headers: bearer(clerk), payload: customerInput(entityId, { taxId: 'DE123456789' }) });
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status: 422, code: 'validation_failed', errors: [{ path: '/taxId' }] });
  });

  it('refuses unknown fields and names them', async () => {
    const response = await app.inject({ method: 'POST', url: '/v1/customers', headers: bearer(clerk), payload: { ...customerInput(entityId), creditLimit: 5 } });
    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toContainEqual(expect.objectContaining({ path: '/creditLimit' }));
  });

  it('answers 401 without credentials and 403 for a role without the permission', async () => {
    const anonymous = await app.inject({ method: 'GET', url: '/v1/customers' });
    expect(anonymous.statusCode).toBe(401);
    const approver = (await apiKeyFor(t.db, ['approver'])).token;
    const forbidden = await app.inject({ method: 'POST', url: '/v1/customers', headers: bearer(approver), payload: customerInput(entityId) });
    expect(forbidden.statusCode).toBe(403);
  });
});

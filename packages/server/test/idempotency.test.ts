import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiKeyFor, bearer, createLegalEntity, customerInput, testDatabaseKinds, useTestDatabase } from '@invoiceops/testing';
import { buildTestApp } from './build-test-app.ts';

describe.each(testDatabaseKinds())('Idempotency-Key on %s', (kind) => {
  const t = useTestDatabase(kind);
  let app: FastifyInstance;
  let token: string;
  let entityId: string;

  beforeAll(async () => {
    app = await buildTestApp(t.db);
    token = (await apiKeyFor(t.db, ['integration'])).token;
    entityId = (await createLegalEntity(t.db)).id;
  });

  const countCustomers = async (number: string) =>
    (await t.db.selectFrom('customers').select('id').where('number', '=', number).execute()).length;

  it('replays the stored response for the same key and body, creating one customer', async () => {
    const body = customerInput(entityId);
    const headers = { ...bearer(token), 'idempotency-key': 'create-acme-1' };
    const first = await app.inject({ method: 'POST', url: '/v1/customers', headers, payload: body });
    const second = await app.inject({ method: 'POST', url: '/v1/customers', headers, payload: body });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.headers.location).toBe(first.headers.location);
    expect(second.json()).toEqual(first.json());
    expect(await countCustomers(body.number as string)).toBe(1);
  });

  it('refuses the same key with a different body (422) and writes nothing', async () => {
    const headers = { ...bearer(token), 'idempotency-key': 'create-acme-2' };
    const first = customerInput(entityId);
    const changed = customerInput(entityId);
    expect((await app.inject({ method: 'POST', url: '/v1/customers', headers, payload: first })).statusCode).toBe(201);
    const reused = await app.inject({ method: 'POST', url: '/v1/customers', headers, payload: changed });
    expect(reused.statusCode).toBe(422);
    expect(reused.json().code).toBe('idempotency_key_reused');
    expect(await countCustomers(changed.number as string)).toBe(0);
  });

  it('scopes keys to the caller: another key holder may use the same key', async () => {
    const other = (await apiKeyFor(t.db, ['integration'])).token;
    const body = customerInput(entityId);
    const mine = await app.inject({ method: 'POST', url: '/v1/customers', headers: { ...bearer(token), 'idempotency-key': 'shared-key' }, payload: body });
    const theirs = await app.inject({ method: 'POST', url: '/v1/customers', headers: { ...bearer(other), 'idempotency-key': 'shared-key' }, payload: customerInput(entityId) });
    expect(mine.statusCode).toBe(201);
    expect(theirs.statusCode).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
  });

  it('answers 409 while the first request with the key is still running, and lets a retry take over a dead one', async () => {
    const body = customerInput(entityId);
    const headers = { ...bearer(token), 'idempotency-key': 'in-flight' };
    expect((await app.inject({ method: 'POST', url: '/v1/customers', headers, payload: body })).statusCode).toBe(201);
    // Put the key back into the state of a request that is still running.
    const inFlight = () =>
      t.db.updateTable('idempotencyKeys').set({ state: 'in_progress', lockedUntil: new Date(Date.now() + 60_000) }).where('key', '=', 'in-flight').execute();
    await inFlight();
    const busy = await app.inject({ method: 'POST', url: '/v1/customers', headers, payload: body });
    expect(busy.statusCode).toBe(409);
    expect(busy.json().code).toBe('idempotency_in_progress');
    // A holder whose lock expired is presumed dead: the retry runs (and the unique customer number stops a second row).
    await t.db.updateTable('idempotencyKeys').set({ lockedUntil: new Date(Date.now() - 1_000) }).where('key', '=', 'in-flight').execute();
    const retried = await app.inject({ method: 'POST', url: '/v1/customers', headers, payload: body });
    expect(retried.statusCode).toBe(409);
    expect(retried.json().code).toBe('conflict');
    expect(await countCustomers(body.number as string)).toBe(1);
  });

  it('replays a stored 4xx outcome too, and keeps keys for at least 24 hours', async () => {
    const headers = { ...bearer(token), 'idempotency-key': 'bad-vat' };
    const body = customerInput(entityId, { taxId: 'FR00000000001' });
    const first = await app.inject({ method: 'POST', url: '/v1/customers', headers, payload: body });
    const again = await app.inject({ method: 'POST', url: '/v1/customers', headers, payload: body });
    expect(first.statusCode).toBe(422);
    expect(again.statusCode).toBe(422);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const row = await t.db.selectFrom('idempotencyKeys').select(['createdAt', 'expiresAt']).where('key', '=', 'bad-vat').executeTakeFirstOrThrow();
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeGreaterThanOrEqual(24 * 60 * 60 * 1000 - 1000);
  });

  it('rejects a malformed key with 400', async () => {
    const response = await app.inject({ method: 'POST', url: '/v1/customers', headers: { ...bearer(token), 'idempotency-key': 'has spaces in it' }, payload: customerInput(entityId) });
    expect(response.statusCode).toBe(400);
  });
});

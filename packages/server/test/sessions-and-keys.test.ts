import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_CONTEXT, createUser } from '@invoiceops/core';
import { apiKeyFor, bearer, createLegalEntity, customerInput, testDatabaseKinds, unique, useTestDatabase } from '@invoiceops/testing';
import { buildTestApp } from './build-test-app.ts';

describe.each(testDatabaseKinds())('sign-in sessions and API keys on %s', (kind) => {
  const t = useTestDatabase(kind);
  let app: FastifyInstance;
  let admin: string;
  const password = 'correct horse battery';
  let email: string;

  beforeAll(async () => {
    app = await buildTestApp(t.db);
    admin = (await apiKeyFor(t.db, ['admin'])).token;
    email = `${unique('u')}@example.com`.toLowerCase();
    await createUser(t.db, SYSTEM_CONTEXT, { email, name: 'Clara Controller', kind: 'human', password, grants: [{ role: 'controller', entityId: null }], approvalLimits: [] });
  });

  it('signs in with a password into an httpOnly session cookie, and signs out', async () => {
    const signIn = await app.inject({ method: 'POST', url: '/v1/auth/sign-in', payload: { email: email.toUpperCase(), password } });
    expect(signIn.statusCode).toBe(200);
    const cookie = signIn.cookies.find((c) => c.name === 'invoiceops_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const me = await app.inject({ method: 'GET', url: '/v1/me', cookies: { invoiceops_session: cookie.value } });
    expect(me.json()).toMatchObject({ kind: 'user', name: 'Clara Controller', grants: [{ role: 'controller', entityId: null }] });
    await app.inject({ method: 'POST', url: '/v1/auth/sign-out', cookies: { invoiceops_session: cookie.value } });
    const after = await app.inject({ method: 'GET', url: '/v1/me', cookies: { invoiceops_session: cookie.value } });
    expect(after.statusCode).toBe(401);
  });

  it('gives the same 401 for a wrong password and an unknown email', async () => {
    const wrong = await app.inject({ method: 'POST', url: '/v1/auth/sign-in', payload: { email, password: 'not the password' } });
    const unknown = await app.inject({ method: 'POST', url: '/v1/auth/sign-in', payload: { email: 'nobody@example.com', password } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().detail).toBe(unknown.json().detail);
  });

  it('issues a key whose secret is shown once and stored hashed, records last use, and revokes it', async () => {
    const machine = await createUser(t.db, SYSTEM_CONTEXT, { email: `${unique('svc')}@example.com`.toLowerCase(), name: 'CRM sync', kind: 'machine', grants: [], approvalLimits: [] });
    const issued = await app.inject({ method: 'POST', url: '/v1/api-keys', headers: bearer(admin), payload: { userId: machine.id, name: 'crm sync', roles: ['integration'] } });
    expect(issued.statusCode).toBe(201);
    const { apiKey, secret } = issued.json();
    expect(secret).toMatch(/^iok_/);
    const stored = await t.db.selectFrom('apiKeys').select(['tokenHash', 'lastUsedAt']).where('id', '=', apiKey.id).executeTakeFirstOrThrow();
    expect(stored.tokenHash).not.toContain(secret);
    expect(stored.lastUsedAt).toBeNull();

    const listed = await app.inject({ method: 'GET', url: '/v1/api-keys', headers: bearer(admin) });
    expect(listed.body).not.toContain(secret);

    expect((await app.inject({ method: 'GET', url: '/v1/customers', headers: bearer(secret) })).statusCode).toBe(200);
    const used = await t.db.selectFrom('apiKeys').select('lastUsedAt').where('id', '=', apiKey.id).executeTakeFirstOrThrow();
    expect(used.lastUsedAt).toBeInstanceOf(Date);

    const revoked = await app.inject({ method: 'POST', url: `/v1/api-keys/${apiKey.id}/revoke`, headers: bearer(admin), payload: { reason: 'rotated' } });
    expect(revoked.json().revokedAt).not.toBeNull();
    const refused = await app.inject({ method: 'GET', url: '/v1/customers', headers: bearer(secret) });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().detail).toMatch(/revoked/);
  });

  it('limits an entity-scoped key to its entities (403 elsewhere, filtered lists)', async () => {
    const us = await createLegalEntity(t.db, { code: unique('US'), country: 'US', functionalCurrency: 'USD', taxRegistrations: [], timeZone: 'America/New_York', address: { line1: '1 Main St', city: 'Boston', country: 'US' } });
    const de = await createLegalEntity(t.db);
    const scoped = (await apiKeyFor(t.db, ['ar_clerk'], [us.id])).token;
    const inScope = await app.inject({ method: 'POST', url: '/v1/customers', headers: bearer(scoped), payload: customerInput(us.id, { billingCurrency: 'USD' }) });
    expect(inScope.statusCode).toBe(201);
    const outOfScope = await app.inject({ method: 'POST', url: '/v1/customers', headers: bearer(scoped), payload: customerInput(de.id) });
    expect(outOfScope.statusCode).toBe(403);
    const deCustomer = await app.inject({ method: 'POST', url: '/v1/customers', headers: bearer(admin), payload: customerInput(de.id) });
    expect((await app.inject({ method: 'GET', url: `/v1/customers/${deCustomer.json().id}`, headers: bearer(scoped) })).statusCode).toBe(403);
    const list = await app.inject({ method: 'GET', url: '/v1/customers?limit=500', headers: bearer(scoped) });
    expect(list.json().data.every((c: { entityId: string }) => c.entityId === us.id)).toBe(true);
  });

  it('reports segregation-of-duties conflicts on users holding conflicting roles', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/users',
      headers: bearer(admin),
      payload: { email: `${unique('sod')}@example.com`.toLowerCase(), name: 'Pat Both', password: 'long enough password', grants: [{ role: 'ap_clerk', entityId: null }, { role: 'approver', entityId: null }], approvalLimits: [{ currency: 'EUR', amount: '25000.00' }] },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().conflicts).toEqual([expect.stringContaining('ap_clerk + approver')]);
    expect(response.json().approvalLimits).toEqual([{ currency: 'EUR', amount: '25000.00' }]);
  });

  it('refuses an approval limit with more decimals than the currency has', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/users',
      headers: bearer(admin),
      payload: { email: `${unique('lim')}@example.com`.toLowerCase(), name: 'Yen Approver', password: 'long enough password', grants: [], approvalLimits: [{ currency: 'JPY', amount: '1000.5' }] },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().errors[0].path).toBe('/approvalLimits/0/amount');
  });
});

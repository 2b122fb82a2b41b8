import type { FastifyInstance } from 'fastify';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_CONTEXT, emitWebhookEvent, readSecret, webhookSecretName } from '@invoiceops/core';
import { apiKeyFor, bearer, testDatabaseKinds, useTestDatabase } from '@invoiceops/testing';
import { TEST_MASTER_KEY, buildTestApp } from './build-test-app.ts';

describe.each(testDatabaseKinds())('webhook subscriptions and deliveries API on %s', (kind) => {
  const t = useTestDatabase(kind);
  let app: FastifyInstance;
  let controller: string;
  let auditor: string;
  let clerk: string;

  beforeAll(async () => {
    app = await buildTestApp(t.db);
    controller = (await apiKeyFor(t.db, ['controller'])).token;
    auditor = (await apiKeyFor(t.db, ['auditor'])).token;
    clerk = (await apiKeyFor(t.db, ['ar_clerk'])).token;
  });
  afterEach(async () => {
    await t.db.deleteFrom('webhookSubscriptions').execute();
  });

  const create = (body: object, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: '/v1/webhooks/subscriptions', headers: { ...bearer(controller), ...headers }, payload: body });

  it('returns the signing secret once, at creation: never in reads, the audit trail or a replayed idempotent answer', async () => {
    const created = await create({ url: 'https://erp.example.com/hooks/invoiceops', eventTypes: ['invoice.paid', 'exception.raised'], description: 'AR team' }, { 'idempotency-key': 'create-sub-1' });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({ url: 'https://erp.example.com/hooks/invoiceops', eventTypes: ['invoice.paid', 'exception.raised'], active: true, secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/) });
    expect(created.headers.location).toBe(`/v1/webhooks/subscriptions/${body.id}`);
    const secret: string = body.secret;
    expect(await readSecret(t.db, SYSTEM_CONTEXT, TEST_MASTER_KEY, { name: webhookSecretName(body.id), purpose: 'test' })).toEqual({ secret });

    const replayed = await create({ url: 'https://erp.example.com/hooks/invoiceops', eventTypes: ['invoice.paid', 'exception.raised'], description: 'AR team' }, { 'idempotency-key': 'create-sub-1' });
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.json()).toMatchObject({ id: body.id, secret: null });

    const reads = [
      await app.inject({ method: 'GET', url: '/v1/webhooks/subscriptions', headers: bearer(auditor) }),
      await app.inject({ method: 'GET', url: `/v1/webhooks/subscriptions/${body.id}`, headers: bearer(clerk) }),
      await app.inject({ method: 'PATCH', url: `/v1/webhooks/subscriptions/${body.id}`, headers: bearer(controller), payload: { active: false } }),
      await app.inject({ method: 'GET', url: '/v1/integrations/secrets', headers: bearer(controller) }),
    ];
    expect(reads.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
    expect(reads[0]!.json().data).toEqual([expect.objectContaining({ id: body.id, active: true })]);
    expect(reads[2]!.json()).toMatchObject({ active: false, version: 2 });
    const stored = JSON.stringify({
      audit: await t.db.selectFrom('auditLog').select(['diff', 'reason']).execute(),
      idempotency: await t.db.selectFrom('idempotencyKeys').select('responseBody').execute(),
      vault: await t.db.selectFrom('vaultSecrets').selectAll().execute(),
    });
    for (const text of [...reads.map((r) => r.body), stored]) expect(text).not.toContain(secret.slice(6));
  });

  it('rotates the secret (the new one shown once), and refuses bad input and the wrong roles', async () => {
    const { id, secret } = (await create({ url: 'http://localhost:9999/hook', eventTypes: ['*'] })).json();
    const rotated = await app.inject({ method: 'POST', url: `/v1/webhooks/subscriptions/${id}/rotate-secret`, headers: bearer(controller) });
    expect(rotated.statusCode).toBe(200);
    expect(rotated.json().secret).toMatch(/^whsec_/);
    expect(rotated.json().secret).not.toBe(secret);
    expect(await readSecret(t.db, SYSTEM_CONTEXT, TEST_MASTER_KEY, { name: webhookSecretName(id), purpose: 'test' })).toEqual({ secret: rotated.json().secret });

    const bad = await create({ url: 'ftp://user:pw@example.com', eventTypes: ['invoice.exploded', '*'] });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(['/url', '/eventTypes/0']);
    expect((await create({ url: 'https://a.example', eventTypes: ['*', 'invoice.paid'] })).json().errors[0]).toMatchObject({ path: '/eventTypes' });
    const byClerk = await app.inject({ method: 'POST', url: '/v1/webhooks/subscriptions', headers: bearer(clerk), payload: { url: 'https://a.example', eventTypes: ['*'] } });
    expect(byClerk.statusCode).toBe(403);
    expect((await app.inject({ method: 'DELETE', url: `/v1/webhooks/subscriptions/${id}`, headers: bearer(auditor) })).statusCode).toBe(403);
    expect((await app.inject({ method: 'DELETE', url: `/v1/webhooks/subscriptions/${id}`, headers: bearer(controller) })).statusCode).toBe(204);
    expect(await t.db.selectFrom('vaultSecrets').select('name').where('name', '=', webhookSecretName(id)).execute()).toEqual([]);
  });

  it('lists deliveries by subscription, state and event type, and replays them one by one or every dead one', async () => {
    const { id } = (await create({ url: 'https://erp.example.com/hooks', eventTypes: ['*'] })).json();
    await t.db.transaction().execute(async (trx) => {
      await emitWebhookEvent(trx, { type: 'invoice.paid', data: { id: 'inv_1' } });
      await emitWebhookEvent(trx, { type: 'exception.raised', data: { id: 'exc_1' } });
    });
    const list = (query: string) => app.inject({ method: 'GET', url: `/v1/webhooks/deliveries?subscriptionId=${id}${query}`, headers: bearer(auditor) });
    const all = (await list('')).json().data;
    expect(all.map((d: { eventType: string; state: string; attemptCount: number }) => [d.eventType, d.state, d.attemptCount])).toEqual([['invoice.paid', 'pending', 0], ['exception.raised', 'pending', 0]]);
    expect((await list('&eventType=exception.raised')).json().data).toHaveLength(1);

    const [paid, raised] = all as { id: string }[];
    await t.db.updateTable('webhookDeliveries').set({ state: 'dead', attemptCount: 8, lastStatus: 500, lastError: 'HTTP 500', nextAttemptAt: null }).execute();
    expect((await list('&state=dead')).json().data).toHaveLength(2);

    const queuedAgain = await app.inject({ method: 'POST', url: `/v1/webhooks/deliveries/${paid!.id}/replay`, headers: bearer(controller) });
    expect(queuedAgain.statusCode).toBe(202);
    expect(queuedAgain.json()).toMatchObject({ id: paid!.id, state: 'pending', replayCount: 1, attemptCount: 8 });
    const twice = await app.inject({ method: 'POST', url: `/v1/webhooks/deliveries/${paid!.id}/replay`, headers: bearer(controller) });
    expect([twice.statusCode, twice.json().code]).toEqual([409, 'conflict']);
    expect((await app.inject({ method: 'POST', url: `/v1/webhooks/deliveries/${paid!.id}/replay`, headers: bearer(auditor) })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: '/v1/webhooks/deliveries/msg_01JAAAAAAAAAAAAAAAAAAAAAAA/replay', headers: bearer(controller) })).statusCode).toBe(404);

    const bulk = await app.inject({ method: 'POST', url: '/v1/webhooks/deliveries/replay', headers: bearer(controller), payload: { state: 'dead', subscriptionId: id } });
    expect(bulk.json()).toEqual({ replayed: [raised!.id], skipped: [], more: false });
    const byIds = await app.inject({ method: 'POST', url: '/v1/webhooks/deliveries/replay', headers: bearer(controller), payload: { ids: [paid!.id] } });
    expect(byIds.json()).toEqual({ replayed: [], skipped: [{ id: paid!.id, reason: 'already queued (pending)' }], more: false });
    expect((await list('&state=pending')).json().data).toHaveLength(2);
    const jobs = await t.db.selectFrom('jobs').select('payload').where('type', '=', 'deliver_webhook').execute();
    expect(jobs.filter((j) => j.payload.deliveryId === paid!.id)).toHaveLength(2);

    // A delivery whose job died of something else than the receiver (say, a database outage) is stranded, not queued: it may be replayed.
    await t.db.deleteFrom('jobs').where('type', '=', 'deliver_webhook').execute();
    const stranded = await app.inject({ method: 'POST', url: `/v1/webhooks/deliveries/${paid!.id}/replay`, headers: bearer(controller) });
    expect([stranded.statusCode, stranded.json().replayCount]).toEqual([202, 2]);
  });
});

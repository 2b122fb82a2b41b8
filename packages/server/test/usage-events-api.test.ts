import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiKeyFor, bearer, createBillingFixture, createCustomer, createLegalEntity, createTestContract, testDatabaseKinds, unique, useTestDatabase } from '@invoiceops/testing';
import { buildTestApp } from './build-test-app.ts';

const BATCH = { 'content-type': 'application/cloudevents-batch+json' };

describe.each(testDatabaseKinds())('usage events API on %s', (kind) => {
  const t = useTestDatabase(kind);
  let app: FastifyInstance;
  let token: string;
  let customerId: string;
  let entityId: string;
  let crmId: string;
  const metric = unique('api.calls.').toLowerCase();
  const seats = unique('active.users.').toLowerCase();

  const event = (id: string, overrides: Record<string, unknown> = {}) => ({
    specversion: '1.0',
    id,
    source: '/gateway/eu-1',
    type: metric,
    subject: crmId,
    time: '2026-10-14T09:30:00Z',
    data: { quantity: 10 },
    ...overrides,
  });

  beforeAll(async () => {
    app = await buildTestApp(t.db);
    token = (await apiKeyFor(t.db, ['integration', 'controller'])).token;
    const fixture = await createBillingFixture(t.db);
    entityId = fixture.entity.id;
    customerId = fixture.customer.id;
    crmId = unique('crm-');
    const post = (url: string, payload: object) => app.inject({ method: 'POST', url, headers: bearer(token), payload });
    expect((await post('/v1/external-ids', { system: 'crm', objectType: 'customer', externalId: crmId, objectId: customerId })).statusCode).toBe(201);
    expect((await post('/v1/billable-metrics', { code: metric, name: 'API calls', aggregation: 'sum', unit: 'call' })).statusCode).toBe(201);
    expect((await post('/v1/billable-metrics', { code: seats, name: 'Active users', aggregation: 'unique_count', property: 'userId', unit: 'user' })).statusCode).toBe(201);
    // a contract that prices both metrics, so their usage is accepted (not flagged for review)
    await createTestContract(t.db, fixture, {
      startDate: '2026-01-01',
      lines: [metric, seats].map((code, i) => ({ key: `u${i}`, productId: fixture.usageProduct.id, kind: 'usage', metricCode: code, charge: { model: 'per_unit', params: { unitPrice: '0.01' } } })),
    });
  });

  const storedCount = async () =>
    Number((await t.db.selectFrom('usageEvents').select((eb) => eb.fn.countAll<string>().as('n')).where('customerId', '=', customerId).executeTakeFirstOrThrow()).n);

  it('lands the valid events of a batch, rejects the rest with reasons, and counts repeats once', async () => {
    const before = await storedCount();
    const batch = [
      event('e1'),
      event('e2', { subject: customerId, data: { quantity: '2.5' } }),
      event('e1'),
      event('e3', { subject: 'nobody-knows-me' }),
      event('e4', { type: 'no.such.metric' }),
      event('e5', { time: '2026-10-14 09:30' }),
      event('e6', { data: { quantity: -4 } }),
      event('e7', { type: seats, data: { userId: 'u-42' } }),
      'not an event',
    ];
    const response = await app.inject({ method: 'POST', url: '/v1/usage-events', headers: { ...bearer(token), ...BATCH }, payload: JSON.stringify(batch) });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ accepted: 3, duplicates: 1, rejected: 5, flagged: 0 });
    expect(body.results.map((r: { status: string }) => r.status)).toEqual([
      'accepted', 'accepted', 'duplicate', 'rejected', 'rejected', 'rejected', 'rejected', 'accepted', 'rejected',
    ]);
    expect(body.results[3].reason).toMatch(/unknown customer/);
    expect(body.results[4].reason).toMatch(/unknown metric "no.such.metric"/);
    expect(body.results[5].reason).toMatch(/RFC 3339/);
    expect(body.results[6].reason).toMatch(/negative/);
    expect(await storedCount()).toBe(before + 3);

    const resent = await app.inject({ method: 'POST', url: '/v1/usage-events', headers: { ...bearer(token), ...BATCH }, payload: JSON.stringify(batch.slice(0, 2)) });
    expect(resent.json()).toMatchObject({ accepted: 0, duplicates: 2 });
    expect(await storedCount()).toBe(before + 3);
  });

  it('tells a repeat by source and id alone, as CloudEvents defines them, even when its subject differs', async () => {
    const other = await createCustomer(t.db, entityId);
    const first = await app.inject({ method: 'POST', url: '/v1/usage-events', headers: bearer(token), payload: event('same-id-1') });
    expect(first.json()).toMatchObject({ accepted: 1 });
    const again = await app.inject({ method: 'POST', url: '/v1/usage-events', headers: { ...bearer(token), ...BATCH }, payload: JSON.stringify([event('same-id-1', { subject: other.id }), event('same-id-1', { source: '/gateway/us-1' })]) });
    expect(again.json().results.map((r: { status: string }) => r.status)).toEqual(['duplicate', 'accepted']);
    const stored = await t.db.selectFrom('usageEvents').select(['customerId', 'source']).where('eventId', '=', 'same-id-1').orderBy('source').execute();
    expect(stored).toEqual([{ customerId, source: '/gateway/eu-1' }, { customerId, source: '/gateway/us-1' }]);
  });

  it('stores quantities exactly and lists them', async () => {
    await app.inject({ method: 'POST', url: '/v1/usage-events', headers: { ...bearer(token), 'content-type': 'application/cloudevents+json' }, payload: JSON.stringify(event('exact-1', { data: { quantity: '0.000000000001' } })) });
    const list = await app.inject({ method: 'GET', url: `/v1/usage-events?customerId=${customerId}&metric=${metric}`, headers: bearer(token) });
    const quantities = list.json().data.map((e: { quantity: string }) => e.quantity);
    expect(quantities).toContain('0.000000000001');
    expect(quantities).toContain('2.5');
  });

  it('answers a single rejected event with a problem+json 422 naming the reason', async () => {
    const response = await app.inject({ method: 'POST', url: '/v1/usage-events', headers: bearer(token), payload: event('bad-1', { data: { quantity: 1e17 } }) });
    expect(response.statusCode).toBe(422);
    expect(response.json().detail).toMatch(/absurdly large/);
  });

  it('flags usage of an inactive customer for review instead of dropping it', async () => {
    const inactive = await createCustomer(t.db, entityId, { active: false });
    const response = await app.inject({ method: 'POST', url: '/v1/usage-events', headers: bearer(token), payload: event('inactive-1', { subject: inactive.id }) });
    expect(response.json()).toMatchObject({ flagged: 1, results: [{ status: 'flagged', reason: 'customer is inactive' }] });
    const queue = await app.inject({ method: 'GET', url: '/v1/usage-events?status=flagged', headers: bearer(token) });
    expect(queue.json().data.map((e: { customerId: string }) => e.customerId)).toContain(inactive.id);
  });

  it('releases or rejects held events with a reason, answers per event, and refuses bad requests with problem+json', async () => {
    const inactive = await createCustomer(t.db, entityId, { active: false });
    await app.inject({ method: 'POST', url: '/v1/usage-events', headers: { ...bearer(token), ...BATCH }, payload: JSON.stringify([event('held-1', { subject: inactive.id }), event('held-2', { subject: inactive.id })]) });
    const queue = (await app.inject({ method: 'GET', url: `/v1/usage-events?status=flagged&customerId=${inactive.id}`, headers: bearer(token) })).json().data as { id: string; eventId: string }[];
    const held = Object.fromEntries(queue.map((e) => [e.eventId, e.id]));
    const review = (payload: object, key = token) => app.inject({ method: 'POST', url: '/v1/usage-events/review', headers: bearer(key), payload });

    // An inactive customer's usage cannot be released (it would not be billed); it can be rejected.
    const release = await review({ events: [{ customerId: inactive.id, id: held['held-1'] }], decision: 'release', reason: 'looks right' });
    expect(release.statusCode).toBe(200);
    expect(release.json()).toMatchObject({ released: 0, refused: 1, results: [{ outcome: 'refused', reason: expect.stringMatching(/inactive/) }] });
    const reject = await review({ events: [{ customerId: inactive.id, id: held['held-1'] }, { customerId: inactive.id, id: held['held-2'] }], decision: 'reject', reason: 'test traffic from a closed account' });
    expect(reject.json()).toMatchObject({ rejected: 2, refused: 0 });
    const rejected = (await app.inject({ method: 'GET', url: `/v1/usage-events?status=rejected&customerId=${inactive.id}`, headers: bearer(token) })).json().data;
    expect(rejected).toHaveLength(2);
    expect(rejected[0]).toMatchObject({ billing: 'rejected', review: { reason: 'test traffic from a closed account', by: expect.stringMatching(/^apikey:/) } });

    const noReason = await review({ events: [{ customerId: inactive.id, id: held['held-1'] }], decision: 'reject', reason: '' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(JSON.stringify(noReason.json())).toMatch(/reason/);
    const badDecision = await review({ events: [{ customerId: inactive.id, id: held['held-1'] }], decision: 'approve', reason: 'x' });
    expect(badDecision.statusCode).toBe(422);
    // Reviewing needs usage:write: an auditor may read the queue, not decide it.
    const auditor = (await apiKeyFor(t.db, ['auditor'])).token;
    expect((await review({ events: [{ customerId: inactive.id, id: held['held-1'] }], decision: 'reject', reason: 'x' }, auditor)).statusCode).toBe(403);
  });

  it('rejects usage for customers outside an entity-scoped key', async () => {
    const otherEntity = await createLegalEntity(t.db);
    const scoped = (await apiKeyFor(t.db, ['integration'], [otherEntity.id])).token;
    const response = await app.inject({ method: 'POST', url: '/v1/usage-events', headers: { ...bearer(scoped), ...BATCH }, payload: JSON.stringify([event('scoped-1')]) });
    expect(response.json()).toMatchObject({ rejected: 1, results: [{ status: 'rejected', reason: expect.stringMatching(/legal entity/) }] });
  });

  it('refuses a batch over 1,000 events as a whole', async () => {
    const batch = Array.from({ length: 1001 }, (_, i) => event(`big-${i}`));
    const response = await app.inject({ method: 'POST', url: '/v1/usage-events', headers: { ...bearer(token), ...BATCH }, payload: JSON.stringify(batch) });
    expect(response.statusCode).toBe(422);
  });
});

import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { ID_PREFIX, newId, type Db } from '@invoiceops/core';
import { apiKeyFor, bearer, createCustomer, createFinalizedInvoice, createLegalEntity, testDatabaseKinds, useTestDatabase } from '@invoiceops/testing';
import { buildTestApp } from './build-test-app.ts';

const DAY_MS = 86_400_000;

/** A document of the entity with its trail: [from, to, actor] steps, all `at`. */
async function documentWithTrail(db: Db, entityId: string, customerId: string, at: Date, steps: [string, string, string][]): Promise<string> {
  const day = at.toISOString().slice(0, 10);
  const { id } = await createFinalizedInvoice(db, { entityId, customerId, total: '100.00', issueDate: day, dueDate: day });
  await db.updateTable('invoices').set({ createdAt: new Date(at.getTime() - 3_600_000) }).where('id', '=', id).execute();
  for (const [fromState, toState, actor] of steps) {
    await db.insertInto('documentTransitions').values({ id: newId(ID_PREFIX.documentTransition), documentType: 'invoice', documentId: id, entityId, fromState, toState, actor, reason: null, decisionId: null, at }).execute();
  }
  return id;
}

describe.each(testDatabaseKinds())('metrics API on %s', (kind) => {
  const t = useTestDatabase(kind);
  let app: FastifyInstance;
  let entityA: string;
  let entityB: string;
  const tokens: Record<string, string> = {};
  // Yesterday, so the Prometheus gauges (last 30 days) see the same documents as the API.
  const yesterday = new Date(Date.now() - DAY_MS);
  const period = { from: new Date(Date.now() - 7 * DAY_MS).toISOString().slice(0, 10), to: new Date().toISOString().slice(0, 10) };
  const query = (extra: Record<string, string> = {}) => new URLSearchParams({ ...period, ...extra }).toString();

  beforeAll(async () => {
    app = await buildTestApp(t.db);
    entityA = (await createLegalEntity(t.db)).id as string;
    entityB = (await createLegalEntity(t.db)).id as string;
    const customerA = (await createCustomer(t.db, entityA)).id as string;
    const customerB = (await createCustomer(t.db, entityB)).id as string;
    // Entity A: one document straight through, one approved by a person. Entity B: one straight through.
    await documentWithTrail(t.db, entityA, customerA, yesterday, [['draft', 'validated', 'system'], ['validated', 'approved', 'system']]);
    await documentWithTrail(t.db, entityA, customerA, yesterday, [['draft', 'validated', 'system'], ['validated', 'pending_approval', 'system'], ['pending_approval', 'approved', 'user:usr_someone']]);
    await documentWithTrail(t.db, entityB, customerB, yesterday, [['draft', 'validated', 'system'], ['validated', 'approved', 'system']]);
    for (const role of ['controller', 'auditor', 'approver', 'admin', 'ar_clerk', 'ap_clerk', 'integration'] as const) tokens[role] = (await apiKeyFor(t.db, [role])).token;
    tokens.controllerOfB = (await apiKeyFor(t.db, ['controller'], [entityB])).token;
  });

  const get = (url: string, token = tokens.controller!) => app.inject({ method: 'GET', url, headers: bearer(token) });

  it('answers the summary for a period, narrowed to an entity', async () => {
    const all = await get(`/v1/metrics/summary?${query()}`);
    expect(all.statusCode).toBe(200);
    expect(all.json()).toMatchObject({ ...period, entityId: null, straightThrough: { reachedApproved: 3, straightThrough: 2, rate: '0.6667' } });
    const a = await get(`/v1/metrics/summary?${query({ entityId: entityA })}`);
    expect(a.json()).toMatchObject({
      entityId: entityA,
      straightThrough: { reachedApproved: 2, straightThrough: 1, rate: '0.5000' },
      exceptionRate: { validated: 2, withExceptions: 0, rate: '0.0000' },
      postingFailures: { attempts: 0, rate: null },
      cycleTime: { toApproved: { documents: 2, medianSeconds: 3600 } },
    });
  });

  it('answers a series per day with one point per day, and per week', async () => {
    const daily = await get(`/v1/metrics/straight-through-rate/series?${query({ entityId: entityA, interval: 'day' })}`);
    expect(daily.statusCode).toBe(200);
    const body = daily.json() as { metric: string; points: { start: string; reachedApproved: number; rate: string | null }[] };
    expect(body.metric).toBe('straight-through-rate');
    expect(body.points).toHaveLength(8);
    const day = yesterday.toISOString().slice(0, 10);
    expect(body.points.filter((p) => p.reachedApproved > 0)).toEqual([{ start: day, end: day, reachedApproved: 2, straightThrough: 1, rate: '0.5000' }]);
    expect(body.points.filter((p) => p.start !== day).every((p) => p.rate === null)).toBe(true);

    for (const name of ['cycle-time', 'exception-rate', 'approval-turnaround', 'duplicates-prevented', 'posting-failure-rate', 'dso', 'billing-accuracy']) {
      const weekly = await get(`/v1/metrics/${name}/series?${query({ interval: 'week' })}`);
      expect(weekly.statusCode, name).toBe(200);
      expect((weekly.json() as { points: unknown[] }).points.length, name).toBeGreaterThanOrEqual(2);
    }
  });

  it('refuses bad input with problem+json naming the field', async () => {
    const problem = async (url: string) => {
      const response = await get(url);
      expect(response.headers['content-type']).toContain('application/problem+json');
      const body = response.json() as { code: string; errors?: { path: string }[] };
      return [response.statusCode, body.code, body.errors?.[0]?.path ?? null];
    };
    expect(await problem('/v1/metrics/summary?from=2026-03-10&to=2026-03-01')).toEqual([422, 'validation_failed', '/querystring/to']);
    expect(await problem('/v1/metrics/summary?from=2026-02-30&to=2026-03-01')).toEqual([422, 'validation_failed', '/querystring/from']);
    expect(await problem('/v1/metrics/summary?to=2026-03-01')).toEqual([422, 'validation_failed', '/querystring/from']);
    expect(await problem('/v1/metrics/summary?from=2026-03-01&to=2026-03-31&entityId=cus_1')).toEqual([422, 'validation_failed', '/querystring/entityId']);
    expect(await problem('/v1/metrics/summary?from=2026-03-01&to=2026-03-31&color=red')).toEqual([422, 'validation_failed', '/querystring/color']);
    expect(await problem('/v1/metrics/straight-through-rate/series?from=2026-03-01&to=2026-03-31&interval=month')).toEqual([422, 'validation_failed', '/querystring/interval']);
    expect(await problem('/v1/metrics/straight-through-rate/series?from=2020-01-01&to=2026-03-31&interval=day')).toEqual([422, 'validation_failed', '/querystring/to']);
    expect(await problem('/v1/metrics/happiness/series?from=2026-03-01&to=2026-03-31&interval=day')).toEqual([422, 'validation_failed', '/params/name']);
  });

  it('lets controllers, auditors, approvers and admins read metrics, only for their entities', async () => {
    const url = `/v1/metrics/summary?${query()}`;
    for (const role of ['controller', 'auditor', 'approver', 'admin']) expect((await get(url, tokens[role])).statusCode, role).toBe(200);
    for (const role of ['ar_clerk', 'ap_clerk', 'integration']) expect((await get(url, tokens[role])).statusCode, role).toBe(403);
    // A controller of entity B sees B's document only, even when asking for A.
    expect((await get(url, tokens.controllerOfB)).json()).toMatchObject({ straightThrough: { reachedApproved: 1, straightThrough: 1, rate: '1.0000' } });
    expect((await get(`/v1/metrics/summary?${query({ entityId: entityA })}`, tokens.controllerOfB)).json()).toMatchObject({
      straightThrough: { reachedApproved: 0, rate: null },
    });
  });

  it('exports the finance gauges to Prometheus per entity, leaving out figures without a denominator', async () => {
    const body = (await app.inject('/metrics')).body;
    expect(body).toContain(`invoiceops_straight_through_rate{entity_id="${entityA}"} 0.5`);
    expect(body).toContain(`invoiceops_straight_through_rate{entity_id="${entityB}"} 1`);
    expect(body).toContain(`invoiceops_cycle_time_seconds{entity_id="${entityA}",to="approved",quantile="0.5"} 3600`);
    expect(body).toContain(`invoiceops_approval_steps_overdue{entity_id="${entityA}"} 0`);
    expect(body).toMatch(/invoiceops_finance_metrics_computed_timestamp_seconds \d+/);
    expect(body).not.toContain(`invoiceops_posting_failure_rate{entity_id="${entityA}"}`);
    expect(body).not.toContain('NaN');
  });
});

import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiKeyFor, bearer, createCustomer, createFinalizedInvoice, createLegalEntity, testDatabaseKinds, useTestDatabase } from '@invoiceops/testing';
import { buildTestApp } from './build-test-app.ts';

const rule = (id: string, condition = 'false') => ({
  id,
  description: `Test rule ${id}`,
  severity: 'block',
  category: 'anomaly',
  ownerQueue: 'billing',
  documentTypes: ['invoice'],
  condition,
  message: 'Total {{ document.total }} is too high',
});

type Response = Awaited<ReturnType<FastifyInstance['inject']>>;

describe.each(testDatabaseKinds())('control releases API on %s', (kind) => {
  const t = useTestDatabase(kind);
  let app: FastifyInstance;
  let anna: string;
  let boris: string;
  let admin: string;
  let auditor: string;
  let clerk: string;

  beforeAll(async () => {
    app = await buildTestApp(t.db);
    anna = (await apiKeyFor(t.db, ['controller'])).token;
    boris = (await apiKeyFor(t.db, ['controller'])).token;
    admin = (await apiKeyFor(t.db, ['admin'])).token;
    auditor = (await apiKeyFor(t.db, ['auditor'])).token;
    clerk = (await apiKeyFor(t.db, ['ar_clerk'])).token;
  });

  const send = (method: 'POST' | 'PATCH', url: string, payload: unknown, token: string) =>
    app.inject({ method, url, headers: bearer(token), payload: payload as Record<string, unknown> });
  const get = (url: string, token = auditor) => app.inject({ method: 'GET', url, headers: bearer(token) });
  const problem = (response: Response) => {
    expect(response.headers['content-type']).toContain('application/problem+json');
    return response.json() as { status: number; code: string; detail: string; reason?: string; errors?: { path: string; message: string; code?: string }[] };
  };
  const base = '/v1/controls/releases/rule_set';

  it('releases a rule set: draft, edit, refused to its author, published by a second controller, read and diffed by an auditor', async () => {
    const created = await send('POST', base, { content: { rules: [rule('custom.a')] }, notes: 'first' }, anna);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ version: 1, status: 'draft', revision: 1, content: { rules: [{ id: 'custom.a' }] } });

    const edited = await send('PATCH', `${base}/1`, { revision: 1, content: { rules: [rule('custom.a'), rule('custom.b')] } }, anna);
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ revision: 2, editors: [] });

    const stale = await send('PATCH', `${base}/1`, { revision: 1, notes: 'late' }, boris);
    expect([stale.statusCode, problem(stale).code]).toEqual([409, 'conflict']);

    const own = await send('POST', `${base}/1/publish`, { revision: 2 }, anna);
    expect(own.statusCode).toBe(403);
    expect(problem(own)).toMatchObject({ code: 'forbidden', reason: 'four_eyes', detail: expect.stringMatching(/^four-eyes: you wrote rule_set v1/) });

    const byAdmin = await send('POST', `${base}/1/publish`, { revision: 2 }, admin);
    expect([byAdmin.statusCode, problem(byAdmin).reason]).toEqual([403, 'controller_role_required']);
    const byClerk = await send('POST', `${base}/1/publish`, { revision: 2 }, clerk);
    expect(byClerk.statusCode).toBe(403);

    const published = await send('POST', `${base}/1/publish`, { revision: 2 }, boris);
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', state: 'in_force' });

    const copy = await send('POST', base, {}, boris);
    expect(copy.json()).toMatchObject({ version: 2, basedOnVersion: 1 });
    await send('PATCH', `${base}/2`, { revision: 1, content: { rules: [rule('custom.a', 'true')] } }, boris);

    const listed = await get(base);
    expect(listed.statusCode).toBe(200);
    expect((listed.json() as { data: { version: number; state: string }[] }).data.map((r) => [r.version, r.state])).toEqual([[2, 'draft'], [1, 'in_force']]);
    expect((await get(`${base}/1`)).json()).toMatchObject({ version: 1, publishedBy: expect.stringMatching(/^apikey:/) });

    const diff = await get(`${base}/diff?from=1&to=2`);
    expect(diff.statusCode).toBe(200);
    expect(diff.json()).toMatchObject({
      from: 1,
      to: 2,
      lines: ['- rule custom.b (block, anomaly): Test rule custom.b', '~ rule custom.a: condition "false" → "true"'],
      diff: { type: 'rule_set', changed: [{ ruleId: 'custom.a', changes: [{ field: 'condition', old: 'false', new: 'true' }] }] },
    });

    const discarded = await send('POST', `${base}/2/discard`, { reason: 'not now' }, anna);
    expect(discarded.json()).toMatchObject({ status: 'discarded', discardedBy: expect.stringMatching(/^apikey:/) });

    const readOnly = await send('POST', base, {}, auditor);
    expect(readOnly.statusCode).toBe(403);
  });

  it('refuses a CEL error at save with 422 naming the rule, field, line and column at a JSON pointer', async () => {
    const response = await send('POST', '/v1/controls/releases/rule_set', {
      content: { rules: [rule('custom.ok'), rule('custom.bad', 'document.totalMinor >\n  "100"')] },
    }, anna);
    expect(response.statusCode).toBe(422);
    const body = problem(response);
    expect(body.code).toBe('validation_failed');
    expect(body.errors).toEqual([{ path: '/content/rules/1/condition', code: 'cel_expression', message: expect.stringMatching(/^rule custom\.bad: condition at line \d, column \d+: /) }]);

    const shape = await send('POST', '/v1/controls/releases/rule_set', { content: { rules: [{ ...rule('custom.x'), severity: 'fatal' }] } }, anna);
    expect(problem(shape).errors?.[0]?.path).toBe('/content/rules/0/severity');

    const unknown = await get('/v1/controls/releases/pricing_tables');
    expect([unknown.statusCode, problem(unknown).code]).toEqual([404, 'not_found']);
  });

  it('simulates a draft against the last days of documents, with a bounded window', async () => {
    const entity = await createLegalEntity(t.db);
    const customer = await createCustomer(t.db, entity.id);
    const day = new Date().toISOString().slice(0, 10);
    const invoice = await createFinalizedInvoice(t.db, { entityId: entity.id, customerId: customer.id, total: '2500.00', issueDate: day, dueDate: day });

    const draft = await send('POST', base, { content: { rules: [rule('custom.over_2000', 'document.totalMinor > 200000')] } }, anna);
    const version = (draft.json() as { version: number }).version;
    const never = await get(`${base}/${version}/simulations/latest`, boris);
    expect([never.statusCode, problem(never).code]).toEqual([404, 'not_found']);
    const simulated = await send('POST', `${base}/${version}/simulate?days=7`, undefined, boris);
    expect(simulated.statusCode).toBe(200);
    const result = simulated.json() as { skipped: unknown[]; counts: { newlyBlocked: number }; changes: { documentId: string; change: string; total: string; rules: { ruleId: string; message: string }[] }[] };
    expect(result.skipped).toEqual([]);
    expect(result.counts.newlyBlocked).toBeGreaterThanOrEqual(1);
    expect(result.changes.find((c) => c.documentId === invoice.id)).toMatchObject({
      change: 'newly_blocked',
      total: '2500.00',
      rules: [{ ruleId: 'custom.over_2000', message: 'Total 2500.00 is too high' }],
    });

    // The run is stored: the author reads what the reviewer simulated, and the list shows who ran which revision.
    const latest = await get(`${base}/${version}/simulations/latest`, anna);
    expect(latest.statusCode).toBe(200);
    expect(latest.json()).toEqual(simulated.json());
    expect(latest.json()).toMatchObject({ id: expect.stringMatching(/^sim_/), revision: 1, days: 7, simulatedBy: expect.stringMatching(/^apikey:/) });
    const listed = await get(`${base}/${version}/simulations`, anna);
    expect(listed.statusCode).toBe(200);
    expect((listed.json() as { data: { id: string; counts: { newlyBlocked: number } }[] }).data).toEqual([
      expect.objectContaining({ id: (latest.json() as { id: string }).id, counts: expect.objectContaining({ newlyBlocked: result.counts.newlyBlocked }) }),
    ]);
    const byId = await get(`${base}/${version}/simulations/${(latest.json() as { id: string }).id}`, anna);
    expect(byId.json()).toEqual(latest.json());
    const badId = await get(`${base}/${version}/simulations/abc`, anna);
    expect([badId.statusCode, problem(badId).errors?.[0]?.path]).toEqual([422, '/params/simulationId']);
    expect((await get(`${base}/${version}/simulations/latest`, auditor)).statusCode).toBe(403);

    const tooLong = await send('POST', `${base}/${version}/simulate?days=400`, undefined, boris);
    expect([tooLong.statusCode, problem(tooLong).errors?.[0]?.path]).toEqual([422, '/querystring/days']);
    const byAuditor = await send('POST', `${base}/${version}/simulate`, undefined, auditor);
    expect(byAuditor.statusCode).toBe(403);
  });
});

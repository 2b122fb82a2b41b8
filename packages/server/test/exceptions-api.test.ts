import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { ALL_ENTITIES, raiseException, type Db, type RaiseExceptionInput } from '@invoiceops/core';
import { apiKeyFor, bearer, createCustomer, createFinalizedInvoice, createLegalEntity, testDatabaseKinds, useTestDatabase } from '@invoiceops/testing';
import { buildTestApp } from './build-test-app.ts';

/** A finalized invoice of a fresh entity. */
async function invoiceIn(db: Db) {
  const entity = await createLegalEntity(db);
  const customer = await createCustomer(db, entity.id);
  const invoice = await createFinalizedInvoice(db, { entityId: entity.id, customerId: customer.id, total: '500.00', issueDate: '2026-03-01', dueDate: '2026-03-31' });
  return { entityId: entity.id, invoiceId: invoice.id };
}

async function raise(db: Db, documentId: string, overrides: Partial<RaiseExceptionInput> = {}) {
  const input: RaiseExceptionInput = {
    documentType: 'invoice',
    documentId,
    category: 'tax',
    sourceSystem: 'invoiceops.rules',
    ruleId: 'builtin.tax_id_missing',
    ruleVersion: 2,
    severity: 'block',
    title: 'Customer tax id missing',
    assigneeTeam: 'tax',
    ...overrides,
  };
  return (await raiseException(db, { actor: 'rule:builtin.tax_id_missing@2' }, input, ALL_ENTITIES)).exception;
}

describe.each(testDatabaseKinds())('exceptions API on %s', (kind) => {
  const t = useTestDatabase(kind);
  let app: FastifyInstance;
  let clerk: { token: string; userId: string; keyId: string };
  let controller: string;
  let auditor: string;

  beforeAll(async () => {
    app = await buildTestApp(t.db);
    clerk = await apiKeyFor(t.db, ['ar_clerk']);
    controller = (await apiKeyFor(t.db, ['controller'])).token;
    auditor = (await apiKeyFor(t.db, ['auditor'])).token;
  });

  const post = (url: string, payload: unknown, token = clerk.token) => app.inject({ method: 'POST', url, headers: bearer(token), payload: payload as Record<string, unknown> });
  const get = (url: string, token = clerk.token) => app.inject({ method: 'GET', url, headers: bearer(token) });
  const problemOf = (response: Awaited<ReturnType<typeof get>>) => {
    expect(response.headers['content-type']).toContain('application/problem+json');
    const body = response.json() as { code: string; errors?: { path: string }[] };
    return [response.statusCode, body.code, body.errors?.[0]?.path ?? null];
  };

  it('works an exception: list, assign, comment, resolve, and read it back with its history', async () => {
    const doc = await invoiceIn(t.db);
    const exception = await raise(t.db, doc.invoiceId);

    const listed = await get(`/v1/exceptions?documentId=${doc.invoiceId}&status=open&category=tax`, auditor);
    expect(listed.statusCode).toBe(200);
    expect(listed.json()).toMatchObject({ data: [{ id: exception.id, status: 'open', assigneeTeam: 'tax', overdue: false, ruleVersion: 2 }], nextCursor: null });

    const assigned = await post(`/v1/exceptions/${exception.id}/assign`, { userId: clerk.userId });
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json()).toMatchObject({ assigneeUserId: clerk.userId, assigneeTeam: 'tax', version: 2 });
    expect((await get(`/v1/exceptions?assigneeUserId=${clerk.userId}`)).json().data.map((e: { id: string }) => e.id)).toEqual([exception.id]);

    const comment = await post(`/v1/exceptions/${exception.id}/comments`, { body: 'Tax id requested from the customer.' });
    expect(comment.statusCode).toBe(201);
    expect(comment.json()).toMatchObject({ exceptionId: exception.id, author: `apikey:${clerk.keyId}`, body: 'Tax id requested from the customer.' });

    const resolved = await post(`/v1/exceptions/${exception.id}/resolve`, { resolution: 'corrected_revalidated' });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toMatchObject({ status: 'resolved', resolution: 'corrected_revalidated', resolvedBy: `apikey:${clerk.keyId}` });
    expect(problemOf(await post(`/v1/exceptions/${exception.id}/resolve`, { resolution: 'corrected_revalidated' }))).toEqual([409, 'illegal_transition', null]);

    const read = await get(`/v1/exceptions/${exception.id}`, auditor);
    expect(read.json()).toMatchObject({ id: exception.id, status: 'resolved', comments: [{ body: 'Tax id requested from the customer.' }] });
    const audit = await get(`/v1/audit/exception/${exception.id}`, controller);
    expect(audit.json().data.map((a: { action: string; actor: string }) => [a.action, a.actor])).toEqual([
      ['exception.raised', 'rule:builtin.tax_id_missing@2'],
      ['exception.assigned', `apikey:${clerk.keyId}`],
      ['exception.commented', `apikey:${clerk.keyId}`],
      ['exception.resolved', `apikey:${clerk.keyId}`],
    ]);
  });

  it('lets a controller override with a reason, and refuses a clerk with 403', async () => {
    const doc = await invoiceIn(t.db);
    const exception = await raise(t.db, doc.invoiceId);
    const byClerk = await post(`/v1/exceptions/${exception.id}/resolve`, { resolution: 'overridden', reason: 'looks fine' });
    expect(problemOf(byClerk)).toEqual([403, 'forbidden', null]);
    expect(byClerk.json().detail).toMatch(/exceptions:override/);
    expect(problemOf(await post(`/v1/exceptions/${exception.id}/resolve`, { resolution: 'overridden' }, controller))).toEqual([422, 'validation_failed', '/reason']);
    const overridden = await post(`/v1/exceptions/${exception.id}/resolve`, { resolution: 'overridden', reason: 'Customer is tax exempt; certificate on file' }, controller);
    expect(overridden.statusCode).toBe(200);
    expect(overridden.json()).toMatchObject({ resolution: 'overridden', resolutionReason: 'Customer is tax exempt; certificate on file' });
  });

  it('answers a bulk action with one result per id, in order', async () => {
    const doc = await invoiceIn(t.db);
    const first = await raise(t.db, doc.invoiceId);
    const second = await raise(t.db, doc.invoiceId, { ruleId: 'builtin.po_missing', category: 'po_reference' });
    const missing = 'exc_00000000000000000000000000';
    const assigned = await post('/v1/exceptions/bulk', { action: 'assign', ids: [first.id, missing, second.id], assignment: { team: 'billing' } });
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json()).toMatchObject({
      succeeded: 2,
      failed: 1,
      results: [
        { id: first.id, ok: true, exception: { assigneeTeam: 'billing' } },
        { id: missing, ok: false, error: { code: 'not_found' } },
        { id: second.id, ok: true, exception: { assigneeTeam: 'billing' } },
      ],
    });
    const overrides = await post('/v1/exceptions/bulk', { action: 'resolve', ids: [first.id, second.id], resolution: { resolution: 'overridden', reason: 'agreed with sales' } });
    expect(overrides.json().results.map((r: { ok: boolean; error?: { code: string } }) => [r.ok, r.error?.code])).toEqual([[false, 'forbidden'], [false, 'forbidden']]);
    const resolved = await post('/v1/exceptions/bulk', { action: 'resolve', ids: [first.id, second.id], resolution: { resolution: 'overridden', reason: 'agreed with sales' } }, controller);
    expect(resolved.json()).toMatchObject({ succeeded: 2, failed: 0 });
  });

  it('keeps a key limited to another entity out', async () => {
    const doc = await invoiceIn(t.db);
    const other = await invoiceIn(t.db);
    const exception = await raise(t.db, doc.invoiceId);
    const elsewhere = (await apiKeyFor(t.db, ['controller'], [other.entityId])).token;
    expect(problemOf(await get(`/v1/exceptions/${exception.id}`, elsewhere))).toEqual([403, 'forbidden', null]);
    expect(problemOf(await post(`/v1/exceptions/${exception.id}/resolve`, { resolution: 'overridden', reason: 'x' }, elsewhere))).toEqual([403, 'forbidden', null]);
    expect((await get(`/v1/exceptions?documentId=${doc.invoiceId}`, elsewhere)).json().data).toEqual([]);
  });

  it('answers bad input with problem+json naming the field', async () => {
    const doc = await invoiceIn(t.db);
    const exception = await raise(t.db, doc.invoiceId);
    const url = `/v1/exceptions/${exception.id}`;
    const cases: [string, () => ReturnType<typeof get>, [number, string, string | null]][] = [
      ['unknown category', () => get('/v1/exceptions?category=weather'), [422, 'validation_failed', '/querystring/category']],
      ['overdue not a boolean', () => get('/v1/exceptions?overdue=yes'), [422, 'validation_failed', '/querystring/overdue']],
      ['a cursor not from the API', () => get('/v1/exceptions?cursor=abc'), [422, 'validation_failed', '/cursor']],
      ['unknown exception', () => get('/v1/exceptions/exc_00000000000000000000000000'), [404, 'not_found', null]],
      ['assign nobody', () => post(`${url}/assign`, {}), [422, 'validation_failed', '/']],
      ['assign a malformed user id', () => post(`${url}/assign`, { userId: 'bob' }), [422, 'validation_failed', '/userId']],
      ['assign an unknown user', () => post(`${url}/assign`, { userId: 'usr_00000000000000000000000000' }), [422, 'validation_failed', '/userId']],
      ['assign with an unknown field', () => post(`${url}/assign`, { team: 'tax', queue: 'x' }), [422, 'validation_failed', '/queue']],
      ['an empty comment', () => post(`${url}/comments`, { body: '  ' }), [422, 'validation_failed', '/body']],
      ['an unknown resolution', () => post(`${url}/resolve`, { resolution: 'ignored' }), [422, 'validation_failed', '/resolution']],
      ['void while the invoice is live', () => post(`${url}/resolve`, { resolution: 'voided' }), [409, 'illegal_transition', null]],
      ['bulk without ids', () => post('/v1/exceptions/bulk', { action: 'assign', ids: [], assignment: { team: 'tax' } }), [422, 'validation_failed', '/ids']],
      ['bulk with an id twice', () => post('/v1/exceptions/bulk', { action: 'assign', ids: [exception.id, exception.id], assignment: { team: 'tax' } }), [422, 'validation_failed', '/ids']],
      ['bulk with a bad assignment', () => post('/v1/exceptions/bulk', { action: 'assign', ids: [exception.id], assignment: { userId: 7 } }), [422, 'validation_failed', '/assignment/userId']],
      ['bulk with an unknown action', () => post('/v1/exceptions/bulk', { action: 'delete', ids: [exception.id] }), [422, 'validation_failed', '/action']],
    ];
    const outcomes = [];
    for (const [name, call] of cases) outcomes.push([name, ...problemOf(await call())]);
    expect(outcomes).toEqual(cases.map(([name, , expected]) => [name, ...expected]));
    const unchanged = (await get(url)).json();
    expect(unchanged).toMatchObject({ status: 'open', assigneeUserId: null, assigneeTeam: 'tax', version: 1, comments: [] });
  });
});

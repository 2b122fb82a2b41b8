import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_CONTEXT, approvalPolicySchema, openApprovalRequests, routeDocument, type Db } from '@invoiceops/core';
import { apiKeyFor, bearer, createCustomer, createFinalizedInvoice, createLegalEntity, testDatabaseKinds, useTestDatabase } from '@invoiceops/testing';
import { buildTestApp } from './build-test-app.ts';

const policy = approvalPolicySchema.parse({
  routes: [{ id: 'all', description: 'one approver for everything', match: {}, steps: [{ name: 'Approver', mode: 'any', approvers: [{ role: 'approver' }], slaHours: 24 }] }],
});

/** An invoice of `total` EUR created through `creatorActor`, pending approval, with its request open. */
async function pendingInvoice(db: Db, entityId: string, customerId: string, total: string, creatorActor: string) {
  const invoice = await createFinalizedInvoice(db, { entityId, customerId, total, issueDate: '2026-03-01', dueDate: '2026-03-31' });
  await sql`UPDATE invoices SET lifecycle = 'pending_approval' WHERE id = ${invoice.id}`.execute(db);
  const facts = {
    documentType: 'invoice' as const, documentId: invoice.id, entityId, functionalAmountMinor: BigInt(total.replace('.', '')), functionalCurrency: 'EUR',
    department: null, costCenter: null, segment: null, createdBy: creatorActor, contentHash: 'h',
  };
  const [opened] = await openApprovalRequests(db, SYSTEM_CONTEXT, [{ facts, route: routeDocument(policy, facts), policyVersion: 1 }]);
  return { invoiceId: invoice.id, requestId: opened!.requestId };
}

describe.each(testDatabaseKinds())('approvals API on %s', (kind) => {
  const t = useTestDatabase(kind);
  let app: FastifyInstance;
  let entityId: string;
  let customerId: string;
  let clerkApprover: Awaited<ReturnType<typeof apiKeyFor>>;
  let approver: Awaited<ReturnType<typeof apiKeyFor>>;
  let deputy: Awaited<ReturnType<typeof apiKeyFor>>;
  let controller: string;
  let auditor: string;

  beforeAll(async () => {
    app = await buildTestApp(t.db);
    const entity = await createLegalEntity(t.db);
    entityId = entity.id as string;
    customerId = (await createCustomer(t.db, entityId)).id as string;
    clerkApprover = await apiKeyFor(t.db, ['ar_clerk', 'approver']);
    approver = await apiKeyFor(t.db, ['approver']);
    deputy = await apiKeyFor(t.db, ['approver']);
    controller = (await apiKeyFor(t.db, ['controller'])).token;
    auditor = (await apiKeyFor(t.db, ['auditor'])).token;
    for (const userId of [clerkApprover.userId, approver.userId]) {
      const set = await app.inject({ method: 'POST', url: '/v1/approval-limits', headers: bearer(controller), payload: { userId, entityId, currency: 'EUR', amount: '10000.00' } });
      expect(set.statusCode).toBe(201);
    }
  });

  const post = (url: string, payload: unknown, token: string) => app.inject({ method: 'POST', url, headers: bearer(token), payload: payload as Record<string, unknown> });
  const get = (url: string, token: string) => app.inject({ method: 'GET', url, headers: bearer(token) });
  const problemOf = (response: Awaited<ReturnType<typeof get>>) => {
    expect(response.headers['content-type']).toContain('application/problem+json');
    const body = response.json() as { code: string; rule?: string; errors?: { path: string }[] };
    return [response.statusCode, body.code, body.rule ?? body.errors?.[0]?.path ?? null];
  };

  it('queues a request for its approvers, refuses its creator with 403 and the rule, and approves it', async () => {
    const doc = await pendingInvoice(t.db, entityId, customerId, '5000.00', `apikey:${clerkApprover.keyId}`);
    const queue = await get('/v1/approvals?mine=true&status=pending', approver.token);
    expect(queue.statusCode).toBe(200);
    expect(queue.json().data.map((r: { id: string }) => r.id)).toContain(doc.requestId);

    const byCreator = await post(`/v1/approvals/${doc.requestId}/approve`, {}, clerkApprover.token);
    expect(problemOf(byCreator)).toEqual([403, 'forbidden', 'creator']);
    expect(byCreator.json().detail).toContain('its creator may not approve it');
    expect(problemOf(await post(`/v1/approvals/${doc.requestId}/reject`, {}, approver.token))).toEqual([422, 'validation_failed', '/comment']);

    const approved = await post(`/v1/approvals/${doc.requestId}/approve`, { comment: 'ok' }, approver.token);
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', amount: '5000.00', currency: 'EUR', steps: [{ name: 'Approver', status: 'approved', approvedBy: [approver.userId] }] });
    const read = await get(`/v1/approvals/${doc.requestId}`, auditor);
    expect(read.json().actions).toEqual([expect.objectContaining({ action: 'approve', actorUserId: approver.userId, comment: 'ok' })]);
    expect(problemOf(await post(`/v1/approvals/${doc.requestId}/approve`, {}, approver.token))).toEqual([409, 'conflict', null]);
  });

  it('refuses an amount above the limit, and rejects with a comment that returns the document to draft', async () => {
    const doc = await pendingInvoice(t.db, entityId, customerId, '12000.00', 'system');
    const over = await post(`/v1/approvals/${doc.requestId}/approve`, {}, approver.token);
    expect(problemOf(over)).toEqual([403, 'forbidden', 'limit']);
    expect(over.json().detail).toBe(`invoice ${doc.invoiceId} is 12000.00 EUR, above your approval limit of 10000.00 EUR`);
    const noLimit = await post(`/v1/approvals/${doc.requestId}/approve`, {}, deputy.token);
    expect(problemOf(noLimit)).toEqual([403, 'forbidden', 'limit']);

    const limits = await get(`/v1/approval-limits?userId=${approver.userId}`, controller);
    const limitId = limits.json().data[0].id as string;
    expect((await app.inject({ method: 'PATCH', url: `/v1/approval-limits/${limitId}`, headers: bearer(controller), payload: { amount: '15000.00' } })).json()).toMatchObject({ amount: '15000.00', version: 2 });
    const rejected = await post(`/v1/approvals/${doc.requestId}/reject`, { comment: 'wrong PO' }, approver.token);
    expect(rejected.json()).toMatchObject({ status: 'rejected', rejectionReason: 'wrong PO' });
    expect((await t.db.selectFrom('invoices').select('lifecycle').where('id', '=', doc.invoiceId).executeTakeFirstOrThrow()).lifecycle).toBe('draft');
  });

  it('manages delegations, limits by role, and reports conflicting roles', async () => {
    const now = Date.now();
    const delegation = await post('/v1/approval-delegations', { toUserId: deputy.userId, startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 3_600_000).toISOString(), reason: 'holiday' }, approver.token);
    expect(delegation.statusCode).toBe(201);
    expect(delegation.json()).toMatchObject({ fromUserId: approver.userId, toUserId: deputy.userId, inForce: true });
    expect(problemOf(await post('/v1/approval-delegations', { fromUserId: clerkApprover.userId, toUserId: deputy.userId, startsAt: new Date(now).toISOString(), endsAt: new Date(now + 1000).toISOString(), reason: 'x' }, approver.token)))
      .toEqual([403, 'forbidden', null]);
    expect(problemOf(await post('/v1/approval-delegations', { toUserId: deputy.userId, startsAt: new Date(now).toISOString(), endsAt: new Date(now - 1000).toISOString(), reason: 'x' }, approver.token)))
      .toEqual([422, 'validation_failed', '/endsAt']);
    const revoked = await app.inject({ method: 'DELETE', url: `/v1/approval-delegations/${delegation.json().id}`, headers: bearer(deputy.token) });
    expect(revoked.json()).toMatchObject({ inForce: false, revokedBy: `apikey:${deputy.keyId}` });

    expect(problemOf(await post('/v1/approval-limits', { userId: deputy.userId, entityId, currency: 'EUR', amount: '1.00' }, approver.token))).toEqual([403, 'forbidden', null]);
    expect(problemOf(await post('/v1/approval-limits', { userId: approver.userId, entityId, currency: 'EUR', amount: '1.00' }, controller))).toEqual([409, 'conflict', null]);

    const report = await get('/v1/controls/sod-report', auditor);
    expect(report.statusCode).toBe(200);
    expect(report.json().data).toContainEqual(expect.objectContaining({ userId: clerkApprover.userId, roles: ['ar_clerk', 'approver'], entityIds: null }));
    expect(problemOf(await get('/v1/controls/sod-report', approver.token))).toEqual([403, 'forbidden', null]);
  });
});

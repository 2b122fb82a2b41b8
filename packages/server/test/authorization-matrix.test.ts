import Fastify, { type FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ROLES, ROLE_PERMISSIONS, SYSTEM_CONTEXT, approvalPolicySchema, openApprovalRequests, routeDocument, type Role } from '@invoiceops/core';
import { apiKeyFor, bearer, createCustomer, createFinalizedInvoice, createLegalEntity, testDatabaseKinds, useTestDatabase } from '@invoiceops/testing';
import { registerAuthentication, routeCatalog, type RouteEntry } from '../src/auth/authenticate-request.ts';
import { buildTestApp } from './build-test-app.ts';

/** Fills path parameters with values that exist nowhere, so allowed calls end in 404/422, never 2xx side effects. */
function concreteUrl(url: string): string {
  return url
    .replace(':objectType', 'customer')
    .replace(':code', 'XTS')
    .replace(/:[a-zA-Z]+/g, 'nope_00000000000000000000000000');
}

function allowed(role: Role, entry: RouteEntry): boolean {
  if (entry.permission === 'public' || entry.permission === 'authenticated') return true;
  return ROLE_PERMISSIONS[role].includes(entry.permission);
}

describe.each(testDatabaseKinds())('authorization matrix on %s', (kind) => {
  const t = useTestDatabase(kind);
  let app: FastifyInstance;
  const tokens = new Map<Role, string>();
  let routes: RouteEntry[] = [];

  beforeAll(async () => {
    app = await buildTestApp(t.db);
    for (const role of ROLES) tokens.set(role, (await apiKeyFor(t.db, [role])).token);
    routes = routeCatalog(app).filter((r) => r.method !== 'HEAD' && r.url.startsWith('/v1/'));
  });

  it('covers every /v1 route, and every route declares a permission', () => {
    expect(routes.length).toBeGreaterThanOrEqual(20);
    for (const r of routeCatalog(app)) expect(r.permission, `${r.method} ${r.url}`).toBeTruthy();
  });

  it('answers 401 on every non-public route without credentials, and with a wrong key', async () => {
    for (const route of routes.filter((r) => r.permission !== 'public')) {
      const url = concreteUrl(route.url);
      const none = await app.inject({ method: route.method as 'GET', url, payload: route.method === 'GET' ? undefined : {} });
      expect(none.statusCode, `${route.method} ${route.url} without credentials`).toBe(401);
      const wrong = await app.inject({ method: route.method as 'GET', url, headers: bearer('iok_not-a-real-key'), payload: route.method === 'GET' ? undefined : {} });
      expect(wrong.statusCode, `${route.method} ${route.url} with a wrong key`).toBe(401);
    }
  });

  it('answers 403 exactly when the role lacks the route permission', async () => {
    const mismatches: string[] = [];
    for (const route of routes.filter((r) => r.permission !== 'public')) {
      for (const role of ROLES) {
        const response = await app.inject({
          method: route.method as 'GET',
          url: concreteUrl(route.url),
          headers: bearer(tokens.get(role)!),
          payload: route.method === 'GET' ? undefined : {},
        });
        const expectAllowed = allowed(role, route);
        const denied = response.statusCode === 403;
        if (response.statusCode === 401 || denied === expectAllowed) {
          mismatches.push(`${role} ${route.method} ${route.url} (${route.permission}) → ${response.statusCode}`);
        }
        expect(response.statusCode, `${role} ${route.method} ${route.url}`).toBeLessThan(500);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('guards the HEAD twin of every GET route like the GET itself', async () => {
    const heads = routeCatalog(app).filter((r) => r.method === 'HEAD' && r.url.startsWith('/v1/'));
    expect(heads.length).toBeGreaterThan(0);
    for (const route of heads) {
      const response = await app.inject({ method: 'HEAD', url: concreteUrl(route.url) });
      expect(response.statusCode, `HEAD ${route.url}`).toBe(route.permission === 'public' ? response.statusCode : 401);
    }
  });

  it('checks more than the permission where the matrix alone is not enough: publishing a release needs the controller role itself and a second person', async () => {
    const author = tokens.get('controller')!;
    const draft = await app.inject({ method: 'POST', url: '/v1/controls/releases/rule_set', headers: bearer(author), payload: { content: { rules: [] } } });
    expect(draft.statusCode).toBe(201);
    const { version, revision } = draft.json() as { version: number; revision: number };
    const publish = (token: string) => app.inject({ method: 'POST', url: `/v1/controls/releases/rule_set/${version}/publish`, headers: bearer(token), payload: { revision } });
    // admin holds every permission, controls:publish included, but not the controller role.
    const byAdmin = await publish(tokens.get('admin')!);
    expect([byAdmin.statusCode, byAdmin.json().reason]).toEqual([403, 'controller_role_required']);
    const byAuthor = await publish(author);
    expect([byAuthor.statusCode, byAuthor.json().reason]).toEqual([403, 'four_eyes']);
    expect((await publish((await apiKeyFor(t.db, ['controller'])).token)).statusCode).toBe(200);
  });

  it('gives approvals their own permissions, and checks candidacy beyond them: holding approvals:act does not make one an approver of a document', async () => {
    const byUrl = (method: string, url: string) => routes.find((r) => r.method === method && r.url === url)?.permission;
    expect([
      byUrl('GET', '/v1/approvals'), byUrl('POST', '/v1/approvals/:id/approve'), byUrl('POST', '/v1/approvals/:id/reject'),
      byUrl('POST', '/v1/approval-limits'), byUrl('POST', '/v1/approval-delegations'), byUrl('GET', '/v1/controls/sod-report'),
    ]).toEqual(['approvals:read', 'approvals:act', 'approvals:act', 'approvals:manage', 'approvals:act', 'audit:read']);
    expect(ROLES.filter((role) => ROLE_PERMISSIONS[role].includes('approvals:act'))).toEqual(['approver', 'controller', 'admin']);

    const entity = await createLegalEntity(t.db);
    const customer = await createCustomer(t.db, entity.id as string);
    const invoice = await createFinalizedInvoice(t.db, { entityId: entity.id as string, customerId: customer.id as string, total: '10.00', issueDate: '2026-03-01', dueDate: '2026-03-31' });
    await sql`UPDATE invoices SET lifecycle = 'pending_approval' WHERE id = ${invoice.id}`.execute(t.db);
    const policy = approvalPolicySchema.parse({ routes: [{ id: 'r', description: 'approvers', match: {}, steps: [{ name: 'Approver', mode: 'any', approvers: [{ role: 'approver' }], slaHours: 24 }] }] });
    const facts = {
      documentType: 'invoice' as const, documentId: invoice.id, entityId: entity.id as string, functionalAmountMinor: 1000n, functionalCurrency: 'EUR',
      department: null, costCenter: null, segment: null, createdBy: 'system', contentHash: 'h',
    };
    const [opened] = await openApprovalRequests(t.db, SYSTEM_CONTEXT, [{ facts, route: routeDocument(policy, facts), policyVersion: 1 }]);
    // admin holds every permission but not the approver role the step asks for.
    const byAdmin = await app.inject({ method: 'POST', url: `/v1/approvals/${opened!.requestId}/approve`, headers: bearer(tokens.get('admin')!), payload: {} });
    expect([byAdmin.statusCode, byAdmin.json().rule]).toEqual([403, 'not_candidate']);
  });

  it('guards the finance metrics with metrics:read, held by controllers, approvers, auditors and admins', () => {
    const metricRoutes = routes.filter((r) => r.url.startsWith('/v1/metrics'));
    expect(metricRoutes.map((r) => [r.method, r.url, r.permission])).toEqual([
      ['GET', '/v1/metrics/summary', 'metrics:read'],
      ['GET', '/v1/metrics/:name/series', 'metrics:read'],
    ]);
    expect(ROLES.filter((role) => ROLE_PERMISSIONS[role].includes('metrics:read'))).toEqual(['approver', 'controller', 'admin', 'auditor']);
  });

  it('refuses to start when a route declares no permission', async () => {
    const bare = Fastify();
    registerAuthentication(bare, t.db);
    expect(() => bare.get('/v1/undeclared', async () => 'x')).toThrow(/declares no permission/);
    await bare.close();
  });
});

import Fastify, { type FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROLES, ROLE_PERMISSIONS, type Role } from '@invoiceops/core';
import { apiKeyFor, bearer, testDatabaseKinds, useTestDatabase } from '@invoiceops/testing';
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

  it('refuses to start when a route declares no permission', async () => {
    const bare = Fastify();
    registerAuthentication(bare, t.db);
    expect(() => bare.get('/v1/undeclared', async () => 'x')).toThrow(/declares no permission/);
    await bare.close();
  });
});

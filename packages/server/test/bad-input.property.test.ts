import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@invoiceops/core';
import { apiKeyFor, bearer, createCustomer, createLegalEntity, testDatabaseKinds, useTestDatabase } from '@invoiceops/testing';
import { routeCatalog, type RouteEntry } from '../src/auth/authenticate-request.ts';
import { buildTestApp } from './build-test-app.ts';

/** Tables whose row counts must not move when a request is rejected. */
const TABLES = [
  'legal_entities', 'number_series', 'customers', 'suppliers', 'products', 'gl_accounts', 'gl_dimensions',
  'gl_dimension_values', 'tax_jurisdictions', 'tax_codes', 'currencies', 'fx_rates', 'external_ids', 'users',
  'role_grants', 'approval_limits', 'api_keys', 'audit_log', 'jobs',
];

async function rowCounts(db: Db): Promise<string> {
  const query = TABLES.map((t) => `SELECT '${t}' AS t, count(*)::text AS n FROM ${t}`).join(' UNION ALL ');
  const result = await sql.raw<{ t: string; n: string }>(query).execute(db);
  return result.rows.map((r) => `${r.t}=${r.n}`).sort().join(',');
}

const INJECTIONS = [
  "'; DROP TABLE customers; --",
  '<script>alert(1)</script>',
  '\u0000',
  '../../etc/passwd',
  '{{7*7}}',
  '${process.exit()}',
  'Robert"); DELETE FROM audit_log;--',
  '\uD800',
  'ﷺ'.repeat(300),
];

const junk = fc.oneof(
  fc.string(),
  fc.constantFrom(...INJECTIONS),
  fc.integer(),
  fc.double(),
  fc.constantFrom(-1, 0, 1e21, -1e21, Number.MAX_SAFE_INTEGER + 2, 0.1 + 0.2),
  fc.constant(null),
  fc.boolean(),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
  fc.constantFrom('XXX', 'ZZ', 'usd', 'de', 'DE000000000', 'GB00XXXX', '2026-02-30', 'Mars/Base'),
);

/** A valid-looking body with one field broken, removed or added. */
function mutated(template: Record<string, unknown>) {
  const keys = Object.keys(template);
  return fc.oneof(
    fc.record({ key: fc.constantFrom(...(keys.length ? keys : ['x'])), value: junk }).map(({ key, value }) => ({ ...template, [key]: value })),
    fc.constantFrom(...(keys.length ? keys : ['x'])).map((key) => Object.fromEntries(Object.entries(template).filter(([k]) => k !== key))),
    fc.record({ key: fc.string({ minLength: 1, maxLength: 12 }), value: junk }).map(({ key, value }) => ({ ...template, [key]: value })),
  );
}

const SERVER_FIELDS = new Set(['id', 'version', 'createdAt', 'updatedAt', 'conflicts', 'lastUsedAt', 'revokedAt', 'tokenPrefix', 'createdBy', 'minorUnits']);

describe.each(testDatabaseKinds())('bad input on every POST and PATCH route (%s)', (kind) => {
  const t = useTestDatabase(kind);
  let app: FastifyInstance;
  let admin: string;
  let routes: RouteEntry[];
  const runs = kind === 'pglite' ? 30 : 12;

  beforeAll(async () => {
    app = await buildTestApp(t.db);
    admin = (await apiKeyFor(t.db, ['admin'])).token;
    const entity = await createLegalEntity(t.db);
    await createCustomer(t.db, entity.id);
    routes = routeCatalog(app).filter((r) => (r.method === 'POST' || r.method === 'PATCH') && r.url.startsWith('/v1/') && !r.url.includes('/auth/'));
  });

  /** A real id for `:id`-style parameters (the first listed object), so PATCH reaches the use case. */
  async function concreteUrl(url: string): Promise<{ url: string; template: Record<string, unknown> }> {
    const listUrl = url.replace(/\/:[a-zA-Z]+.*$/, '');
    const list = await app.inject({ method: 'GET', url: listUrl, headers: bearer(admin) });
    const first = list.statusCode === 200 ? (list.json().data?.[0] as Record<string, unknown> | undefined) : undefined;
    const id = String(first?.id ?? first?.code ?? 'nope_00000000000000000000000000');
    const template = Object.fromEntries(Object.entries(first ?? {}).filter(([k]) => !SERVER_FIELDS.has(k)));
    return { url: url.replace(/:[a-zA-Z]+/g, id), template };
  }

  it('covers the write routes', () => {
    expect(routes.length).toBeGreaterThanOrEqual(6);
  });

  it('never answers 5xx, always answers problem+json naming a field, and writes nothing when it refuses', async () => {
    for (const route of routes) {
      const { url, template } = await concreteUrl(route.url);
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.jsonValue({ maxDepth: 3 }), mutated(template)), async (body) => {
          const before = await rowCounts(t.db);
          const response = await app.inject({ method: route.method as 'POST', url, headers: bearer(admin), payload: JSON.stringify(body), })
            .catch((error: unknown) => ({ statusCode: 599, body: String(error), headers: {} as Record<string, string>, json: () => ({}) }));
          const context = `${route.method} ${route.url} body=${JSON.stringify(body)?.slice(0, 300)} → ${response.statusCode} ${String(response.body).slice(0, 300)}`;
          expect(response.statusCode, context).toBeLessThan(500);
          if (response.statusCode >= 400) {
            expect(String(response.headers['content-type']), context).toContain('application/problem+json');
            const problem = response.json() as { detail?: string; errors?: { path: string }[] };
            expect(problem.detail, context).toBeTruthy();
            if (response.statusCode === 422 && problem.errors) expect(problem.errors[0]!.path, context).toMatch(/^\//);
            expect(await rowCounts(t.db), context).toBe(before);
          }
        }),
        { numRuns: runs, seed: 20261126, endOnFailure: true },
      );
    }
  }, 300_000);

  it('stores injection strings verbatim and returns them as data, not markup', async () => {
    const entityId = (await t.db.selectFrom('legalEntities').select('id').executeTakeFirstOrThrow()).id;
    const customers = await app.inject({ method: 'GET', url: `/v1/customers?entityId=${entityId}`, headers: bearer(admin) });
    const id = customers.json().data[0].id;
    const name = "Robert'); DROP TABLE customers;-- <img src=x onerror=alert(1)>";
    const patched = await app.inject({ method: 'PATCH', url: `/v1/customers/${id}`, headers: bearer(admin), payload: { name } });
    expect(patched.statusCode).toBe(200);
    expect(patched.headers['content-type']).toContain('application/json');
    expect(patched.json().name).toBe(name);
    expect((await t.db.selectFrom('customers').select('name').where('id', '=', id).executeTakeFirstOrThrow()).name).toBe(name);
  });
});

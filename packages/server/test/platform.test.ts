import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiKeyFor, bearer, testDatabaseKinds, useTestDatabase } from '@invoiceops/testing';
import { LOG_REDACT, buildApp } from '../src/app.ts';
import { buildTestApp } from './build-test-app.ts';

describe.each(testDatabaseKinds())('platform endpoints and API conventions on %s', (kind) => {
  const t = useTestDatabase(kind);
  let app: FastifyInstance;
  let admin: string;

  beforeAll(async () => {
    app = await buildTestApp(t.db);
    admin = (await apiKeyFor(t.db, ['admin'])).token;
  });

  it('answers health and readiness', async () => {
    expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await app.inject('/readyz')).json()).toEqual({ status: 'ready', database: 'ok' });
  });

  it('serves an OpenAPI 3.1 document covering the /v1 routes, and the reference page', async () => {
    const doc = (await app.inject('/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/customers', '/v1/customers/{id}', '/v1/legal-entities', '/v1/users', '/v1/api-keys']));
    expect(doc.paths['/v1/customers'].post.requestBody.content['application/json'].schema.properties.taxId).toBeDefined();
    const docs = await app.inject('/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.body).not.toMatch(/https?:\/\/(unpkg|cdn)/);
  });

  it('exposes Prometheus metrics by route template', async () => {
    await app.inject({ method: 'GET', url: '/v1/customers', headers: bearer(admin) });
    const metrics = await app.inject('/metrics');
    expect(metrics.body).toContain('invoiceops_http_requests_total{method="GET",route="/v1/customers",status="200"}');
    expect(metrics.body).toContain('invoiceops_process_cpu_seconds_total');
  });

  it('asks for the metrics token when one is configured, and serves the scrape that sends it', async () => {
    const guarded = await buildApp({ db: t.db, metricsToken: 'scrape-secret-1' });
    try {
      const anonymous = await guarded.inject('/metrics');
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.headers['content-type']).toContain('application/problem+json');
      expect(anonymous.headers['www-authenticate']).toBe('Bearer realm="metrics"');
      expect(anonymous.json().detail).toContain('INVOICEOPS_METRICS_TOKEN');
      expect(anonymous.body).not.toContain('invoiceops_');
      expect((await guarded.inject({ url: '/metrics', headers: { authorization: 'Bearer wrong' } })).statusCode).toBe(401);
      const scraped = await guarded.inject({ url: '/metrics', headers: { authorization: 'Bearer scrape-secret-1' } });
      expect(scraped.statusCode).toBe(200);
      expect(scraped.body).toContain('invoiceops_process_cpu_seconds_total');
    } finally {
      await guarded.close();
    }
  });

  it('returns a request id on every response, echoing a valid incoming one', async () => {
    const generated = await app.inject('/healthz');
    expect(generated.headers['x-request-id']).toMatch(/^req_/);
    const echoed = await app.inject({ url: '/healthz', headers: { 'x-request-id': 'trace-abc-123' } });
    expect(echoed.headers['x-request-id']).toBe('trace-abc-123');
    const problem = await app.inject({ url: '/v1/customers/nope', headers: { ...bearer(admin), 'x-request-id': 'trace-404' } });
    expect(problem.json()).toMatchObject({ status: 404, requestId: 'trace-404' });
  });

  it.each([
    ['malformed JSON', '{"name": ', 'application/json', 400],
    ['a body that is not an object', '[1,2,3]', 'application/json', 422],
    ['the wrong media type', 'name=Acme', 'application/x-www-form-urlencoded', 415],
  ])('answers %s with problem+json', async (_name, payload, contentType, status) => {
    const response = await app.inject({ method: 'POST', url: '/v1/customers', headers: { ...bearer(admin), 'content-type': contentType }, payload });
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status, requestId: expect.any(String), detail: expect.any(String) });
  });

  it('refuses a body over the size limit with 413', async () => {
    const response = await app.inject({ method: 'POST', url: '/v1/customers', headers: { ...bearer(admin), 'content-type': 'application/json' }, payload: JSON.stringify({ name: 'x'.repeat(1_100_000) }) });
    expect(response.statusCode).toBe(413);
    expect(response.json().code).toBe('payload_too_large');
  });

  it('answers unknown routes with a problem+json 404', async () => {
    const response = await app.inject('/v1/nothing-here');
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('serves the web UI sign-in page', async () => {
    const page = await app.inject('/');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Sign in');
  });
});

describe.each(testDatabaseKinds())('logs on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('writes JSON lines with the request id and never the API key or password', async () => {
    const lines: string[] = [];
    const stream = { write: (line: string) => void lines.push(line) };
    const logger = pino({ level: 'info', redact: { paths: LOG_REDACT, censor: '[redacted]' } }, stream);
    const app = await buildApp({ db: t.db, logger, secureCookies: false });
    const { token } = await apiKeyFor(t.db, ['admin']);
    await app.inject({ method: 'GET', url: '/v1/customers', headers: { ...bearer(token), 'x-request-id': 'log-check-1' } });
    await app.inject({ method: 'POST', url: '/v1/auth/sign-in', payload: { email: 'x@example.com', password: 'hunter2-secret-pw' } });
    const all = lines.join('');
    expect(lines.map((l) => JSON.parse(l))).toContainEqual(expect.objectContaining({ reqId: 'log-check-1' }));
    expect(all).not.toContain(token);
    expect(all).not.toContain('hunter2-secret-pw');
    await app.close();
  });
});

import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { AppError, type Db } from '@invoiceops/core';
import { registerFinanceGauges } from './finance-gauges.ts';

/**
 * Prometheus metrics at `/metrics`: request counts and latencies by route template (not
 * raw URL, so ids do not explode the label set) plus the Node.js process defaults.
 * Each app gets its own registry so several apps can live in one process (tests).
 * With a database, also the finance-operations gauges (see `registerFinanceGauges`).
 * With a `token`, a scrape must send `Authorization: Bearer <token>` (401 otherwise),
 * since the gauges are business figures per legal entity.
 */
export function registerMetrics(app: FastifyInstance, db?: Db, token?: string): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'invoiceops_' });
  if (db) registerFinanceGauges(registry, db, app.log);
  const requests = new Counter({
    name: 'invoiceops_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'invoiceops_http_request_duration_seconds',
    help: 'HTTP request duration by method and route',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });
  const expected = token ? digest(token) : undefined;
  app.get('/metrics', { config: { permission: 'public' }, schema: { hide: true } }, async (request, reply) => {
    if (expected) {
      const sent = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
      if (sent === undefined || !timingSafeEqual(digest(sent), expected)) {
        reply.header('www-authenticate', 'Bearer realm="metrics"');
        throw new AppError('unauthenticated', 'metrics need "Authorization: Bearer <INVOICEOPS_METRICS_TOKEN>"');
      }
    }
    reply.type(registry.contentType);
    return registry.metrics();
  });
  return registry;
}

/** Equal-length digests, so comparing them takes the same time whatever was sent. */
const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

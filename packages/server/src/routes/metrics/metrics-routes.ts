import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  entityScopeFor,
  getMetricSeries,
  getMetricsSummary,
  metricNameParams,
  metricSeriesQuery,
  metricSeriesSchema,
  metricsSummaryQuery,
  metricsSummarySchema,
  type Db,
} from '@invoiceops/core';
import { principalOfRequest } from '../../auth/authenticate-request.ts';

const tags = ['metrics'];

/** Finance-operations metrics (docs/metrics.md): a summary over a period, and one metric per day or week. */
export function registerMetricsRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/v1/metrics/summary', {
    config: { permission: 'metrics:read' },
    schema: {
      tags,
      summary: 'Every finance-operations metric over a period',
      description: 'Straight-through rate, cycle time with stages, exception rate by category and source, approval turnaround and SLA, duplicates prevented, posting failures, DSO with AR aging on `to`, billing accuracy. Days are UTC; only the entities you may read count. Definitions: docs/metrics.md.',
      querystring: metricsSummaryQuery,
      response: { 200: metricsSummarySchema },
    },
  }, async (request) => getMetricsSummary(db, request.query, entityScopeFor(principalOfRequest(request), 'metrics:read')));

  r.get('/v1/metrics/:name/series', {
    config: { permission: 'metrics:read' },
    schema: {
      tags,
      summary: 'One metric as a time series per UTC day or ISO week',
      description: 'One point per bucket of [from, to] (weeks run Monday–Sunday, the first and last clipped to the period), each with the same figure as in the summary. At most 400 buckets.',
      params: metricNameParams,
      querystring: metricSeriesQuery,
      response: { 200: metricSeriesSchema },
    },
  }, async (request) => getMetricSeries(db, request.params.name, request.query, entityScopeFor(principalOfRequest(request), 'metrics:read')));
}

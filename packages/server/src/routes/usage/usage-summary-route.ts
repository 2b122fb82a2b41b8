import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { entityScopeFor, summarizeUsage, usageSummaryQuery, usageSummarySchema, type Db } from '@invoiceops/core';
import { principalOfRequest } from '../../auth/authenticate-request.ts';

/** A customer's usage per metric in a month, against the contract's entitlement (`usage:read`). */
export function registerUsageSummaryRoute(app: FastifyInstance, db: Db): void {
  app.withTypeProvider<ZodTypeProvider>().get('/v1/usage/summary', {
    config: { permission: 'usage:read' },
    schema: {
      tags: ['usage'],
      summary: "A customer's usage per billable metric in a month, against the entitlement",
      description:
        'Per metric: the accepted quantity aggregated as the bill run does (sum, count, max, unique_count, latest), the units included per period by the usage line in force, ' +
        'the overage, and the events held for review. A metric with a usage line is measured over its billing period for the month (the one starting in it, else the one in force on its first day).',
      querystring: usageSummaryQuery,
      response: { 200: usageSummarySchema },
    },
  }, async (request) => summarizeUsage(db, request.query, entityScopeFor(principalOfRequest(request), 'usage:read')));
}

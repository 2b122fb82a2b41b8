import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  arAging,
  arAgingQuery,
  arAgingSchema,
  dso,
  dsoQuery,
  dsoSchema,
  entityScopeFor,
  listOpenInvoices,
  listOpenInvoicesQuery,
  openInvoiceSchema,
  type Db,
} from '@invoiceops/core';
import { principalOfRequest } from '../../auth/authenticate-request.ts';

const tags = ['reports'];

/** Receivables reports: AR aging, DSO, and the open (and overdue) invoices. */
export function registerReportRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const scope = (request: Parameters<typeof principalOfRequest>[0]) => entityScopeFor(principalOfRequest(request), 'payments:read');

  r.get('/v1/reports/ar-aging', {
    config: { permission: 'payments:read' },
    schema: {
      tags,
      summary: 'Accounts receivable aging on a date',
      description: 'Per customer and currency: what was open at the end of asOf, in buckets by days past due (current, 1–30, 31–60, 61–90, over 90), with totals per currency.',
      querystring: arAgingQuery,
      response: { 200: arAgingSchema },
    },
  }, async (request) => arAging(db, request.query, scope(request)));

  r.get('/v1/reports/dso', {
    config: { permission: 'payments:read' },
    schema: {
      tags,
      summary: 'Days sales outstanding over a period',
      description: 'Per currency: dso = endingReceivables / creditSales × days, with days counted from `from` to `to` inclusive; one decimal, rounded half up.',
      querystring: dsoQuery,
      response: { 200: dsoSchema },
    },
  }, async (request) => dso(db, request.query, scope(request)));

  r.get('/v1/reports/open-invoices', {
    config: { permission: 'payments:read' },
    schema: {
      tags,
      summary: 'Open invoices, each marked overdue when due before asOf',
      querystring: listOpenInvoicesQuery,
      response: { 200: z.object({ data: z.array(openInvoiceSchema), nextCursor: z.string().nullable() }) },
    },
  }, async (request) => listOpenInvoices(db, request.query, scope(request)));
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AppError,
  billRunSchema,
  createBillRun,
  createBillRunSchema,
  createCreditMemo,
  createCreditMemoSchema,
  entityScopeFor,
  documentTraceSchema,
  finalizeInvoice,
  getDocumentTrace,
  submitDocument,
  revalidateHeldDocuments,
  revalidationResultSchema,
  findEntityBankAccounts,
  getBillRun,
  getInvoice,
  invoiceSchema,
  listInvoices,
  listInvoicesQuery,
  scopeIncludes,
  voidInvoice,
  type Db,
} from '@invoiceops/core';
import { renderCustomerDocument } from '@invoiceops/connectors';
import { actorOf, principalOfRequest } from '../../auth/authenticate-request.ts';

/**
 * Rendered PDFs by invoice id and version plus the bank accounts printed on them: a
 * finalized invoice never changes, but its payment details come from the entity's current
 * master data, so changed accounts make a new key rather than a stale document.
 */
const pdfCache = new Map<string, Buffer>();
const PDF_CACHE_SIZE = 200;

const idParams = z.strictObject({ id: z.string().min(1).max(100) });

/** Bill runs (queued to the workers, progress readable) and invoices: list, read, finalize, void. */
export function registerInvoiceRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const scope = (request: Parameters<typeof principalOfRequest>[0], permission: 'invoices:read' | 'invoices:write') => entityScopeFor(principalOfRequest(request), permission);

  r.post('/v1/bill-runs', {
    config: { permission: 'invoices:write' },
    schema: {
      tags: ['bill runs'],
      summary: 'Start a bill run for a month (runs in a worker; poll GET /v1/bill-runs/{id})',
      description: 'Drafts at most one invoice per customer, month and currency. Safe to start again: customers already invoiced for the month are skipped.',
      body: createBillRunSchema,
      response: { 202: billRunSchema },
    },
  }, async (request, reply) => {
    const run = await createBillRun(db, actorOf(request), request.body, scope(request, 'invoices:write'));
    reply.code(202).header('location', `/v1/bill-runs/${run.id}`);
    return run;
  });

  r.get('/v1/bill-runs/:id', {
    config: { permission: 'invoices:read' },
    schema: { tags: ['bill runs'], summary: 'A bill run with its progress and the customers it could not bill', params: idParams, response: { 200: billRunSchema } },
  }, async (request) => getBillRun(db, request.params.id));

  r.get('/v1/invoices', {
    config: { permission: 'invoices:read' },
    schema: { tags: ['invoices'], summary: 'List invoices and credit memos', querystring: listInvoicesQuery, response: { 200: z.object({ data: z.array(invoiceSchema), nextCursor: z.string().nullable() }) } },
  }, async (request) => listInvoices(db, request.query, scope(request, 'invoices:read')));

  r.get('/v1/invoices/:id', {
    config: { permission: 'invoices:read' },
    schema: { tags: ['invoices'], summary: 'An invoice or credit memo with lines, tax decisions and totals', params: idParams, response: { 200: invoiceSchema } },
  }, async (request) => {
    const invoice = await getInvoice(db, request.params.id);
    if (!scopeIncludes(scope(request, 'invoices:read'), invoice.entityId)) throw new AppError('forbidden', 'you are not allowed to read invoices of this legal entity');
    return invoice;
  });

  r.post('/v1/invoices/:id/finalize', {
    config: { permission: 'invoices:write' },
    schema: { tags: ['invoices'], summary: 'Finalize a draft: submits it to the controls and, when they let it through, allocates the gapless legal number, issue and due dates (409 when it is held or needs approval)', params: idParams, response: { 200: invoiceSchema } },
  }, async (request) => finalizeInvoice(db, actorOf(request), request.params.id, scope(request, 'invoices:write')));

  r.post('/v1/invoices/:id/submit', {
    config: { permission: 'invoices:write' },
    schema: {
      tags: ['invoices'],
      summary: 'Submit a draft to the controls, or re-validate one on hold after correcting its data',
      description: 'Runs the rule set in force, opens exceptions for failures (and resolves those no longer found), then routes it: on hold, pending approval, or approved and issued straight through. See docs/controls-lifecycle.md.',
      params: idParams,
      response: { 200: z.object({ document: invoiceSchema, outcome: z.enum(['blocked', 'unrouted', 'needs_approval', 'straight_through']), reasons: z.array(z.string()) }) },
    },
  }, async (request) => submitDocument(db, actorOf(request), request.params.id, scope(request, 'invoices:write')));

  r.post('/v1/customers/:id/revalidate-held', {
    config: { permission: 'invoices:write' },
    schema: {
      tags: ['invoices'],
      summary: "Re-validate every document of a customer that is on hold, after correcting the customer's data",
      description: 'Each held document (oldest first, up to 500 a request; `more` says when there are others) goes through the controls as /submit takes it: exceptions the correction fixed are resolved and the documents move on; the rest stay held with their reasons.',
      params: idParams,
      response: { 200: revalidationResultSchema },
    },
  }, async (request) => revalidateHeldDocuments(db, actorOf(request), request.params.id, scope(request, 'invoices:write')));

  r.get('/v1/invoices/:id/decisions', {
    config: { permission: 'invoices:read' },
    schema: {
      tags: ['invoices'],
      summary: 'Why a document is where it is: every controls decision (rule outcomes, routing, straight-through, approvals) and the lifecycle transitions',
      params: idParams,
      response: { 200: documentTraceSchema },
    },
  }, async (request) => getDocumentTrace(db, request.params.id, scope(request, 'invoices:read')));

  r.post('/v1/invoices/:id/void', {
    config: { permission: 'invoices:write' },
    schema: {
      tags: ['invoices'],
      summary: 'Void a draft or an unpaid finalized invoice, with a reason',
      params: idParams,
      body: z.strictObject({ reason: z.string().min(1).max(500) }),
      response: { 200: invoiceSchema },
    },
  }, async (request) => voidInvoice(db, actorOf(request), request.params.id, request.body.reason, scope(request, 'invoices:write')));

  r.post('/v1/credit-memos', {
    config: { permission: 'invoices:write' },
    schema: {
      tags: ['invoices'],
      summary: 'Draft a credit memo against an issued invoice (full, or chosen lines and amounts)',
      description: 'Never more than what remains creditable per line. Finalize it with POST /v1/invoices/{id}/finalize (own number series); it then reduces the invoice\'s amount due.',
      body: createCreditMemoSchema,
      response: { 201: invoiceSchema },
    },
  }, async (request, reply) => {
    const memo = await createCreditMemo(db, actorOf(request), request.body, scope(request, 'invoices:write'));
    reply.code(201).header('location', `/v1/invoices/${memo.id}`);
    return memo;
  });

  r.get('/v1/invoices/:id/pdf', {
    config: { permission: 'invoices:read' },
    schema: { tags: ['invoices'], summary: 'The invoice or credit note as the customer receives it (PDF)', params: idParams },
  }, async (request, reply) => {
    const invoice = await getInvoice(db, request.params.id);
    if (!scopeIncludes(scope(request, 'invoices:read'), invoice.entityId)) throw new AppError('forbidden', 'you are not allowed to read invoices of this legal entity');
    const bankAccounts = await findEntityBankAccounts(db, invoice.entityId);
    const key = `${invoice.id}@${invoice.version}:${JSON.stringify(bankAccounts)}`;
    let pdf = pdfCache.get(key);
    if (!pdf) {
      pdf = await renderCustomerDocument(invoice, async (id) => (await getInvoice(db, id)).number, bankAccounts);
      if (pdfCache.size >= PDF_CACHE_SIZE) pdfCache.delete(pdfCache.keys().next().value!);
      pdfCache.set(key, pdf);
    }
    const name = invoice.number ?? `draft-${invoice.id}`;
    return reply.type('application/pdf').header('content-disposition', `inline; filename="${name}.pdf"`).send(pdf);
  });
}

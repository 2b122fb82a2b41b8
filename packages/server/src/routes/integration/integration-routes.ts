import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AppError,
  assertInScope,
  assertMayPost,
  builtinLedger,
  connectionForEntity,
  entityScopeFor,
  inTransaction,
  listErpConnections,
  requeuePosting,
  exportLedgerCsv,
  exportLedgerHledger,
  getTrialBalance,
  integrationEventSchema,
  ledgerQuery,
  listIntegrationEvents,
  listIntegrationEventsQuery,
  postDocument,
  trialBalanceSchema,
  type Db,
} from '@invoiceops/core';
import { actorOf, principalOfRequest } from '../../auth/authenticate-request.ts';

const idParams = z.strictObject({ id: z.string().min(1).max(100) });

const postResultSchema = z.object({
  documentId: z.string(),
  outcome: z.enum(['posted', 'already_posted', 'failed', 'skipped', 'queued']).describe('queued: the entity posts to an external ERP; a worker posts it (see the integration event log)'),
  lifecycle: z.string(),
  erpDocumentId: z.string().nullable(),
  error: z.string().nullable(),
});

/** Posting to the ERP by hand, the integration event log, and the built-in ledger's reports. */
export function registerIntegrationRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/v1/invoices/:id/post', {
    config: { permission: 'integrations:manage' },
    schema: {
      tags: ['posting'],
      summary: 'Post an issued document to the ERP now, or retry a posting that failed (the document is on hold)',
      description: 'Exactly once: the ERP sees the same external id on every attempt, and a document already posted is found, not posted again. When the approval policy says approvers may not post, whoever approved the document is refused (403).',
      params: idParams,
      response: { 200: postResultSchema },
    },
  }, async (request) => {
    const principal = principalOfRequest(request);
    const doc = await db.selectFrom('invoices').select(['entityId', 'kind']).where('id', '=', request.params.id).executeTakeFirst();
    if (!doc) throw AppError.notFound('invoice', request.params.id);
    assertInScope(entityScopeFor(principal, 'integrations:manage'), [doc.entityId], 'postings');
    await assertMayPost(db, principal.userId, { documentType: doc.kind, documentId: request.params.id });
    if (connectionForEntity(await listErpConnections(db), doc.entityId) !== null) {
      // External ERPs are called by workers only, under the connection's shared limits and breaker.
      const current = await db.selectFrom('invoices').select(['lifecycle', 'erpDocumentId']).where('id', '=', request.params.id).executeTakeFirstOrThrow();
      await inTransaction(db, (trx) => requeuePosting(trx, request.params.id));
      return { documentId: request.params.id, outcome: 'queued' as const, lifecycle: current.lifecycle, erpDocumentId: current.erpDocumentId, error: null };
    }
    return postDocument(db, actorOf(request), request.params.id, builtinLedger, { retry: true });
  });

  r.get('/v1/integration-events', {
    config: { permission: 'integrations:read' },
    schema: {
      tags: ['posting'],
      summary: 'The integration event log: every posting attempt with its business context, outcome and error',
      querystring: listIntegrationEventsQuery,
      response: { 200: z.object({ data: z.array(integrationEventSchema), nextCursor: z.string().nullable() }) },
    },
  }, async (request) => listIntegrationEvents(db, request.query, entityScopeFor(principalOfRequest(request), 'integrations:read')));

  r.get('/v1/ledger/trial-balance', {
    config: { permission: 'ledger:read' },
    schema: { tags: ['ledger'], summary: 'Trial balance of the built-in ledger for one entity: debit, credit and balance per account and currency', querystring: ledgerQuery, response: { 200: trialBalanceSchema } },
  }, async (request) => getTrialBalance(db, request.query, entityScopeFor(principalOfRequest(request), 'ledger:read')));

  r.get('/v1/ledger/export', {
    config: { permission: 'ledger:read' },
    schema: {
      tags: ['ledger'],
      summary: 'The built-in ledger\'s journal as CSV or as an hledger journal file',
      querystring: ledgerQuery.extend({ format: z.enum(['csv', 'hledger']).default('csv') }),
    },
  }, async (request, reply) => {
    const { format, ...query } = request.query;
    const scope = entityScopeFor(principalOfRequest(request), 'ledger:read');
    const body = format === 'csv' ? await exportLedgerCsv(db, query, scope) : await exportLedgerHledger(db, query, scope);
    const name = `ledger-${query.entityId}.${format === 'csv' ? 'csv' : 'journal'}`;
    reply.header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'text/plain; charset=utf-8');
    reply.header('content-disposition', `attachment; filename="${name}"`);
    return body;
  });
}

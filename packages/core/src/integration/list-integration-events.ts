import { z } from 'zod';
import type { EntityScope } from '../access/principal.ts';
import type { Db } from '../db/transaction.ts';
import { formatMoney } from '../money/parse-format.ts';
import { decodeCursor, splitPage } from '../master-data/pagination.ts';
import { idOf, pageQuery } from '../shared/schemas.ts';

/** posted / already_posted: done; failed: refused, on a person's desk; retrying: transient, tried again; dead: attempts exhausted. */
export const INTEGRATION_OUTCOMES = ['posted', 'already_posted', 'failed', 'retrying', 'dead'] as const;

export const listIntegrationEventsQuery = pageQuery.extend({
  documentId: z.string().max(100).optional(),
  entityId: idOf('ent').optional(),
  connector: z.string().max(60).optional(),
  outcome: z.enum(INTEGRATION_OUTCOMES).optional(),
  documentNumber: z.string().max(100).optional().describe('Exact document number (INV-DE-2026-000042)'),
  partyId: z.string().max(100).optional().describe('Customer or supplier id'),
  errorCode: z.string().max(200).optional().describe("The ERP's error code, or ours (timeout, connection_failed, missing_mapping)"),
  from: z.iso.datetime({ offset: true }).optional().describe('Attempts at or after this time'),
  to: z.iso.datetime({ offset: true }).optional().describe('Attempts before this time'),
});
export type ListIntegrationEventsQuery = z.output<typeof listIntegrationEventsQuery>;

export const integrationEventSchema = z.object({
  id: z.string(),
  connector: z.string(),
  operation: z.string(),
  documentType: z.string(),
  documentId: z.string(),
  documentNumber: z.string().nullable(),
  entityId: z.string(),
  partyId: z.string().nullable(),
  amount: z.string().nullable().describe('The document total, in its currency'),
  currency: z.string().nullable(),
  externalId: z.string().describe('The deterministic id the ERP sees on every attempt'),
  attempt: z.number().int(),
  outcome: z.enum(INTEGRATION_OUTCOMES),
  erpDocumentId: z.string().nullable(),
  httpStatus: z.number().int().nullable(),
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
  exceptionCategory: z.string().nullable(),
  latencyMs: z.number().int(),
  jobId: z.string().nullable().describe('The worker job that made the attempt'),
  at: z.string(),
});
export type IntegrationEvent = z.output<typeof integrationEventSchema>;

/** The integration event log, newest last, filtered; only entities in scope. */
export async function listIntegrationEvents(db: Db, query: ListIntegrationEventsQuery, scope: EntityScope): Promise<{ data: IntegrationEvent[]; nextCursor: string | null }> {
  if (!scope.all && scope.entityIds.length === 0) return { data: [], nextCursor: null };
  let qb = db.selectFrom('integrationEvents').selectAll().orderBy('id').limit(query.limit + 1);
  if (!scope.all) qb = qb.where('entityId', 'in', scope.entityIds);
  if (query.cursor) qb = qb.where('id', '>', decodeCursor(query.cursor));
  if (query.documentId) qb = qb.where('documentId', '=', query.documentId);
  if (query.entityId) qb = qb.where('entityId', '=', query.entityId);
  if (query.connector) qb = qb.where('connector', '=', query.connector);
  if (query.documentNumber) qb = qb.where('documentNumber', '=', query.documentNumber);
  if (query.partyId) qb = qb.where('partyId', '=', query.partyId);
  if (query.errorCode) qb = qb.where('errorCode', '=', query.errorCode);
  if (query.outcome) qb = qb.where('outcome', '=', query.outcome);
  if (query.from) qb = qb.where('at', '>=', new Date(query.from));
  if (query.to) qb = qb.where('at', '<', new Date(query.to));
  const { page, nextCursor } = splitPage(await qb.execute(), query.limit);
  return {
    data: page.map(({ amountMinor, ...e }) => ({
      ...e,
      amount: amountMinor === null || e.currency === null ? null : formatMoney({ amount: amountMinor, currency: e.currency }),
      at: e.at.toISOString(),
    })),
    nextCursor,
  };
}

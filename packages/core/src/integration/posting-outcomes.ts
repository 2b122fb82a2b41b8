import { sql } from 'kysely';
import { ALL_ENTITIES } from '../access/principal.ts';
import { raiseException } from '../controls/exceptions/raise-exception.ts';
import { resolveOpenExceptions } from '../controls/exceptions/resolve-open-exceptions.ts';
import type { LifecycleState } from '../controls/lifecycle/document-lifecycle.ts';
import { syncSettlementLifecycle } from '../controls/lifecycle/sync-settlement-lifecycle.ts';
import { transitionDocuments } from '../controls/lifecycle/transition-documents.ts';
import type { Db, Trx } from '../db/transaction.ts';
import type { ActorContext } from '../shared/context.ts';
import { ID_PREFIX, newId } from '../shared/ids.ts';
import type { PostDocumentResult } from './post-document.ts';
import { ErpCallError } from './erp-connector.ts';
import { emitInvoiceEvents } from './webhooks/emit-invoice-events.ts';
import { PostingRefused, type CanonicalPosting, type PostingResult } from './posting-connector.ts';

/*
 * What happens after a connector answered, shared by the built-in ledger (posting inside
 * our transaction) and the external ERPs (posting between two transactions).
 */

/** A document the ERP took (or was found to have already). */
export interface CompletedPosting {
  readonly documentType: CanonicalPosting['documentType'];
  readonly documentId: string;
  readonly result: PostingResult;
}

/**
 * Records postings that succeeded, all in the caller's transaction: stores each ERP id,
 * moves each document to `posted` (then `sent` or `paid` again when it was), emits
 * `invoice.posted`, and resolves the posting failures of earlier attempts. Returns each
 * document's lifecycle after.
 */
export async function completePostings(trx: Trx, ctx: ActorContext, connector: string, completed: readonly CompletedPosting[], now: Date): Promise<Map<string, LifecycleState>> {
  if (completed.length === 0) return new Map();
  const ids = completed.map((c) => c.documentId).sort();
  // Lock first, then look for deliveries: an email sent meanwhile either committed before
  // (seen here) or waits for this lock and then finds the document posted (see markDocumentSent).
  const locked = await trx.selectFrom('invoices')
    .select(['id', 'kind', 'entityId', 'lifecycle', sql<boolean>`paid_minor + credited_minor >= total_minor`.as('settled')])
    .where('id', 'in', ids).orderBy('id').forUpdate().execute();
  const delivered = new Set((await trx.selectFrom('invoiceDeliveries').select('invoiceId').where('invoiceId', 'in', ids).where('purpose', '=', 'issue').where('status', '=', 'sent').execute()).map((d) => d.invoiceId));
  const changed = await transitionDocuments(trx, ctx, completed.map((c) => {
    const to: LifecycleState = delivered.has(c.documentId) ? 'sent' : 'posted';
    return {
      documentType: c.documentType, documentId: c.documentId, to, via: to === 'sent' ? ['posted'] : [], erpDocumentId: c.result.erpDocumentId,
      reason: `${c.result.outcome === 'posted' ? 'posted' : 'found already posted'} as ${c.result.erpDocumentId}`,
    };
  }), now, { locked: new Map(locked.map((d) => [d.id, d])) });
  const lifecycles = new Map<string, LifecycleState>(changed.map((c) => [c.documentId, c.to]));
  // Paid in full while it was posting: it moves on to paid now.
  const settled = locked.filter((d) => d.settled && d.kind === 'invoice').map((d) => d.id);
  if (settled.length > 0) {
    await syncSettlementLifecycle(trx, ctx, settled, now);
    for (const r of await trx.selectFrom('invoices').select(['id', 'lifecycle']).where('id', 'in', settled).execute()) lifecycles.set(r.id, r.lifecycle);
  }
  await emitInvoiceEvents(trx, 'invoice.posted', completed.filter((c) => c.documentType === 'invoice').map((c) => c.documentId), now);
  // Posting failures raised on earlier attempts are settled by this one.
  await resolveOpenExceptions(trx, ctx, sql`document_id IN (${sql.join(ids)}) AND source_system LIKE 'erp.%'`, 'corrected_revalidated', `posted to ${connector} on a later attempt`, now);
  return lifecycles;
}

/** A failure as the log and the exception describe it. */
export interface FailureFacts {
  readonly message: string;
  readonly errorCode: string;
  readonly httpStatus: number | null;
  readonly category: 'posting_failure' | 'master_data' | 'tax';
  readonly responseSnippet: string | null;
}

/** Reads what is known about a failure from whatever the connector threw. */
export function failureFacts(error: unknown): FailureFacts {
  if (error instanceof PostingRefused) {
    return { message: error.message, errorCode: error.errorCode, httpStatus: error.httpStatus, category: error.exceptionCategory, responseSnippet: null };
  }
  if (error instanceof ErpCallError) {
    return {
      message: error.message,
      errorCode: error.details.errorCode ?? error.kind,
      httpStatus: error.details.httpStatus ?? null,
      category: error.details.exceptionCategory ?? 'posting_failure',
      responseSnippet: error.details.responseSnippet ?? null,
    };
  }
  return { message: error instanceof Error ? error.message : String(error), errorCode: 'error', httpStatus: null, category: 'posting_failure', responseSnippet: null };
}

/**
 * Holds the document with an exception that says what went wrong, and logs the attempt
 * (`failed`: refused; `dead`: transient failures until the attempts ran out).
 */
export async function failPosting(
  trx: Trx,
  ctx: ActorContext,
  connector: string,
  documentId: string,
  posting: LoggedPosting | undefined,
  error: unknown,
  latencyMs: number,
  now: Date,
  options: { outcome?: 'failed' | 'dead'; jobId?: string | null; attempts?: number } = {},
): Promise<PostDocumentResult> {
  const facts = failureFacts(error);
  const tries = options.attempts === undefined ? 'every attempt' : options.attempts === 1 ? '1 attempt' : `${options.attempts} attempts`;
  const gaveUp = options.outcome === 'dead' ? `gave up after ${tries}; the last: ` : '';
  const message = `${gaveUp}${facts.message}`;
  const doc = await trx.selectFrom('invoices').select(['kind', 'entityId', 'number', 'lifecycle']).where('id', '=', documentId).forUpdate().executeTakeFirstOrThrow();
  if (doc.lifecycle === 'posting') {
    await transitionDocuments(trx, ctx, [{ documentType: doc.kind, documentId, to: 'on_hold', reason: `posting to ${connector} failed: ${message}`.slice(0, 1000) }], now);
  }
  await raiseException(trx, ctx, {
    documentType: doc.kind,
    documentId,
    category: facts.category,
    sourceSystem: `erp.${connector}`,
    severity: 'block',
    title: `Posting ${doc.number ?? documentId} to ${connector} failed: ${message}`.slice(0, 500),
    assigneeTeam: 'accounting',
    details: { connector, errorCode: facts.errorCode, httpStatus: facts.httpStatus },
  }, ALL_ENTITIES, now);
  await logAttempt(trx, connector, posting ?? { documentType: doc.kind, documentId, documentNumber: doc.number, entityId: doc.entityId }, {
    outcome: options.outcome ?? 'failed',
    erpDocumentId: null,
    latencyMs,
    errorCode: facts.errorCode,
    errorMessage: facts.responseSnippet ? `${message} — the ERP answered: ${facts.responseSnippet}` : message,
    exceptionCategory: facts.category,
    httpStatus: facts.httpStatus,
    jobId: options.jobId ?? null,
  }, now);
  const after = await trx.selectFrom('invoices').select('lifecycle').where('id', '=', documentId).executeTakeFirstOrThrow();
  return { documentId, outcome: 'failed', lifecycle: after.lifecycle, erpDocumentId: null, error: message };
}

/** The business context an attempt is logged with. */
export type LoggedPosting = Pick<CanonicalPosting, 'documentType' | 'documentId' | 'documentNumber' | 'entityId'> & Partial<Pick<CanonicalPosting, 'partyId' | 'totalMinor' | 'currency' | 'externalId'>>;

export interface AttemptOutcome {
  outcome: 'posted' | 'already_posted' | 'failed' | 'retrying' | 'dead';
  erpDocumentId: string | null;
  latencyMs: number;
  errorCode?: string;
  errorMessage?: string;
  exceptionCategory?: string;
  httpStatus?: number | null;
  jobId?: string | null;
  /** The attempt number when the caller knows it; counted from the log otherwise. */
  attempt?: number;
}

/** Appends one attempt to the integration event log; the attempt number counts earlier attempts. */
export async function logAttempt(
  trx: Trx,
  connector: string,
  posting: LoggedPosting,
  o: AttemptOutcome,
  now: Date,
): Promise<void> {
  const attempt = o.attempt ?? (await countAttempts(trx, posting.documentId, connector)) + 1;
  await trx.insertInto('integrationEvents').values(integrationEventRow(connector, posting, { ...o, attempt }, now)).execute();
}

/** One row of the integration event log: an attempt with its business context. */
export function integrationEventRow(connector: string, posting: LoggedPosting, o: AttemptOutcome & { attempt: number }, now: Date) {
  return {
    id: newId(ID_PREFIX.integrationEvent),
    connector,
    operation: 'post',
    documentType: posting.documentType,
    documentId: posting.documentId,
    documentNumber: posting.documentNumber,
    entityId: posting.entityId,
    partyId: posting.partyId ?? null,
    amountMinor: posting.totalMinor ?? null,
    currency: posting.currency ?? null,
    externalId: posting.externalId ?? `invoiceops:${posting.documentType}:${posting.documentId}`,
    attempt: o.attempt,
    outcome: o.outcome,
    erpDocumentId: o.erpDocumentId,
    httpStatus: o.httpStatus ?? null,
    errorCode: o.errorCode ?? null,
    errorMessage: o.errorMessage ?? null,
    exceptionCategory: o.exceptionCategory ?? null,
    latencyMs: Math.round(o.latencyMs),
    jobId: o.jobId ?? null,
    at: now,
  };
}

/** How many attempts the log holds for a document on a connector. */
export async function countAttempts(trx: Trx | Db, documentId: string, connector: string): Promise<number> {
  const earlier = await sql<{ n: string }>`SELECT count(*)::text AS n FROM integration_events WHERE document_id = ${documentId} AND connector = ${connector}`.execute(trx);
  return Number(earlier.rows[0]!.n);
}

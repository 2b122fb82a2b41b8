import { sql } from 'kysely';
import { ALL_ENTITIES } from '../access/principal.ts';
import { raiseException } from '../controls/exceptions/raise-exception.ts';
import { resolveOpenExceptions } from '../controls/exceptions/resolve-open-exceptions.ts';
import type { LifecycleState } from '../controls/lifecycle/document-lifecycle.ts';
import { syncSettlementLifecycle } from '../controls/lifecycle/sync-settlement-lifecycle.ts';
import { transitionDocuments } from '../controls/lifecycle/transition-documents.ts';
import { inTransaction, type Db, type Trx } from '../db/transaction.ts';
import { AppError } from '../errors/app-error.ts';
import type { ActorContext } from '../shared/context.ts';
import { ID_PREFIX, newId } from '../shared/ids.ts';
import { loadCanonicalPosting } from './load-canonical-posting.ts';
import { PostingRefused, type CanonicalPosting, type PostingConnector, type PostingResult } from './posting-connector.ts';

/** What a posting did. */
export interface PostDocumentResult {
  readonly documentId: string;
  /** `skipped`: not in a state that is posted (already posted, void, not issued). */
  readonly outcome: 'posted' | 'already_posted' | 'failed' | 'skipped';
  readonly lifecycle: LifecycleState;
  readonly erpDocumentId: string | null;
  readonly error: string | null;
}

/** States a document is posted from; `on_hold` only when a user retries a failed posting. */
const POSTABLE: readonly LifecycleState[] = ['approved', 'sent', 'paid', 'posting'];

/**
 * Posts one issued document to a connector, exactly once (docs/posting.md):
 * 1. it moves to `posting` (committed, so a crash leaves a visible trace and the retry
 *    resumes);
 * 2. the connector posts it under the document's deterministic external id — a repeat
 *    finds the earlier posting instead of making a second — and the document gets the
 *    ERP's id, `posted`, then `sent` / `paid` again when it had been sent or paid;
 * 3. a refusal moves it `on_hold` with a `posting_failure` (or `master_data`) exception
 *    naming the cause in words, to be fixed and retried.
 * Every attempt is written to the integration event log with its business context; a
 * success resolves the posting-failure exceptions of earlier attempts.
 * `retry` allows posting a document that is on hold after a failed posting.
 */
export async function postDocument(db: Db, ctx: ActorContext, documentId: string, connector: PostingConnector, options: { retry?: boolean; now?: Date } = {}): Promise<PostDocumentResult> {
  const now = options.now ?? new Date();
  const start = await inTransaction(db, async (trx) => {
    const doc = await trx.selectFrom('invoices').select(['id', 'kind', 'status', 'lifecycle', 'erpDocumentId']).where('id', '=', documentId).forUpdate().executeTakeFirst();
    if (!doc) throw AppError.notFound('invoice', documentId);
    const postable = doc.status === 'finalized' && (POSTABLE.includes(doc.lifecycle) || (options.retry === true && doc.lifecycle === 'on_hold'));
    if (!postable) return { skipped: true as const, lifecycle: doc.lifecycle, erpDocumentId: doc.erpDocumentId };
    if (doc.lifecycle !== 'posting') {
      await transitionDocuments(trx, ctx, [{ documentType: doc.kind, documentId, to: 'posting', reason: `posting to ${connector.name}` }], now);
    }
    return { skipped: false as const, kind: doc.kind };
  });
  if (start.skipped) return { documentId, outcome: 'skipped', lifecycle: start.lifecycle, erpDocumentId: start.erpDocumentId, error: null };

  const began = performance.now();
  let posting: CanonicalPosting | undefined;
  try {
    return await inTransaction(db, async (trx) => {
      posting = await loadCanonicalPosting(trx, documentId);
      const result = await connector.post(trx, posting);
      const lifecycle = await completePosting(trx, ctx, posting, result, now);
      await logAttempt(trx, connector.name, posting, { outcome: result.outcome, erpDocumentId: result.erpDocumentId, latencyMs: performance.now() - began }, now);
      return { documentId, outcome: result.outcome, lifecycle, erpDocumentId: result.erpDocumentId, error: null };
    });
  } catch (error) {
    return inTransaction(db, (trx) => failPosting(trx, ctx, connector.name, documentId, posting, error, performance.now() - began, now));
  }
}

/** Stores the ERP id, moves the document to `posted` (then `sent` or `paid` again when it was). */
async function completePosting(trx: Trx, ctx: ActorContext, posting: CanonicalPosting, result: PostingResult, now: Date): Promise<LifecycleState> {
  // Lock first, then look for the delivery: an email sent meanwhile either committed before
  // (seen here) or waits for this lock and then finds the document posted (see markDocumentSent).
  await trx.selectFrom('invoices').select('id').where('id', '=', posting.documentId).forUpdate().execute();
  await trx.updateTable('invoices').set({ erpDocumentId: result.erpDocumentId, postedAt: now, updatedAt: now }).where('id', '=', posting.documentId).execute();
  const delivered = await trx.selectFrom('invoiceDeliveries').select('id').where('invoiceId', '=', posting.documentId).where('purpose', '=', 'issue').where('status', '=', 'sent').executeTakeFirst();
  const reason = `${result.outcome === 'posted' ? 'posted' : 'found already posted'} as ${result.erpDocumentId}`;
  const to: LifecycleState = delivered ? 'sent' : 'posted';
  await transitionDocuments(trx, ctx, [{ documentType: posting.documentType, documentId: posting.documentId, to, via: to === 'sent' ? ['posted'] : [], reason }], now);
  await syncSettlementLifecycle(trx, ctx, [posting.documentId], now);
  // A posting failure raised on an earlier attempt is settled by this one.
  await resolveOpenExceptions(trx, ctx, sql`document_id = ${posting.documentId} AND source_system LIKE 'erp.%'`, 'corrected_revalidated', `posted on a later attempt as ${result.erpDocumentId}`, now);
  const row = await trx.selectFrom('invoices').select('lifecycle').where('id', '=', posting.documentId).executeTakeFirstOrThrow();
  return row.lifecycle;
}

/** Holds the document with an exception that says what went wrong, and logs the failed attempt. */
async function failPosting(trx: Trx, ctx: ActorContext, connector: string, documentId: string, posting: CanonicalPosting | undefined, error: unknown, latencyMs: number, now: Date): Promise<PostDocumentResult> {
  const refused = error instanceof PostingRefused ? error : undefined;
  const message = error instanceof Error ? error.message : String(error);
  const doc = await trx.selectFrom('invoices').select(['kind', 'entityId', 'number', 'lifecycle']).where('id', '=', documentId).forUpdate().executeTakeFirstOrThrow();
  const category = refused?.exceptionCategory ?? 'posting_failure';
  if (doc.lifecycle === 'posting') {
    await transitionDocuments(trx, ctx, [{ documentType: doc.kind, documentId, to: 'on_hold', reason: `posting to ${connector} failed: ${message}` }], now);
  }
  await raiseException(trx, ctx, {
    documentType: doc.kind,
    documentId,
    category,
    sourceSystem: `erp.${connector}`,
    severity: 'block',
    title: `Posting ${doc.number ?? documentId} to ${connector} failed: ${message}`.slice(0, 500),
    assigneeTeam: 'accounting',
    details: { connector, errorCode: refused?.errorCode ?? 'error', httpStatus: refused?.httpStatus ?? null },
  }, ALL_ENTITIES, now);
  await logAttempt(trx, connector, posting ?? { documentType: doc.kind, documentId, documentNumber: doc.number, entityId: doc.entityId }, {
    outcome: 'failed', erpDocumentId: null, latencyMs, errorCode: refused?.errorCode ?? 'error', errorMessage: message, exceptionCategory: category, httpStatus: refused?.httpStatus ?? null,
  }, now);
  const after = await trx.selectFrom('invoices').select('lifecycle').where('id', '=', documentId).executeTakeFirstOrThrow();
  return { documentId, outcome: 'failed', lifecycle: after.lifecycle, erpDocumentId: null, error: message };
}

interface AttemptOutcome {
  outcome: 'posted' | 'already_posted' | 'failed';
  erpDocumentId: string | null;
  latencyMs: number;
  errorCode?: string;
  errorMessage?: string;
  exceptionCategory?: string;
  httpStatus?: number | null;
}

/** Appends one attempt to the integration event log; the attempt number counts earlier attempts. */
async function logAttempt(
  trx: Trx,
  connector: string,
  posting: Pick<CanonicalPosting, 'documentType' | 'documentId' | 'documentNumber' | 'entityId'> & Partial<Pick<CanonicalPosting, 'partyId' | 'totalMinor' | 'currency' | 'externalId'>>,
  o: AttemptOutcome,
  now: Date,
): Promise<void> {
  const earlier = await sql<{ n: string }>`SELECT count(*)::text AS n FROM integration_events WHERE document_id = ${posting.documentId} AND connector = ${connector}`.execute(trx);
  await trx.insertInto('integrationEvents').values({
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
    attempt: Number(earlier.rows[0]!.n) + 1,
    outcome: o.outcome,
    erpDocumentId: o.erpDocumentId,
    httpStatus: o.httpStatus ?? null,
    errorCode: o.errorCode ?? null,
    errorMessage: o.errorMessage ?? null,
    exceptionCategory: o.exceptionCategory ?? null,
    latencyMs: Math.round(o.latencyMs),
    at: now,
  }).execute();
}

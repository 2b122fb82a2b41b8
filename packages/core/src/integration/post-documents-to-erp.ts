import { sql } from 'kysely';
import { resolveOpenExceptions } from '../controls/exceptions/resolve-open-exceptions.ts';
import type { LifecycleState } from '../controls/lifecycle/document-lifecycle.ts';
import { syncSettlementLifecycle } from '../controls/lifecycle/sync-settlement-lifecycle.ts';
import { transitionDocuments, type LifecycleChange } from '../controls/lifecycle/transition-documents.ts';
import { inTransaction, type Db, type Trx } from '../db/transaction.ts';
import { AppError } from '../errors/app-error.ts';
import type { ActorContext } from '../shared/context.ts';
import { ErpCallError, type ErpPostingDocument, type ErpPostResult } from './erp-connector.ts';
import { buildErpPostingDocuments } from './mapping/build-erp-posting-document.ts';
import { loadErpMapping } from './mapping/load-erp-mapping.ts';
import { renderErpBody } from './mapping/render-erp-body.ts';
import type { ErpAttemptJob, ErpTarget } from './post-document-to-erp.ts';
import { failPosting, failureFacts, integrationEventRow, type LoggedPosting } from './posting-outcomes.ts';
import { PostingRefused } from './posting-connector.ts';
import { ConnectorUnavailable } from './resilience/connector-limiter.ts';
import { emitInvoiceEvents } from './webhooks/emit-invoice-events.ts';

/** What became of one document of a batch, for its job. */
export type ErpBatchOutcome =
  /** Posted, already posted, refused and held, or not postable: the job is done. */
  | { readonly kind: 'done' }
  /** A transient failure, logged as `retrying`: the job runs again later. */
  | { readonly kind: 'retry'; readonly message: string; readonly retryAfterMs: number | undefined }
  /** The last attempt failed too: logged as `dead`, held with an exception; the job is dead-lettered. */
  | { readonly kind: 'gave_up'; readonly message: string }
  /** The connection is paused (circuit open) or busy: the job waits without using an attempt. */
  | { readonly kind: 'defer'; readonly until: Date; readonly message: string };

/** One document of a batch and the job posting it. */
export interface ErpBatchItem {
  readonly documentId: string;
  readonly job: ErpAttemptJob;
}

interface Started {
  readonly documentId: string;
  readonly job: ErpAttemptJob;
  readonly logged: LoggedPosting;
  readonly attempt: number;
}

interface Called extends Started {
  readonly document: ErpPostingDocument;
  readonly result?: ErpPostResult;
  readonly error?: unknown;
  readonly latencyMs: number;
}

/** States a document is posted from (as in start-posting.ts). */
const POSTABLE: readonly LifecycleState[] = ['approved', 'sent', 'paid', 'posting'];

/**
 * {@link postDocumentToErp} for a batch of documents going to one connection — the
 * worker's path, with the same outcomes per document, in a few statements per batch
 * instead of a few dozen per document: one transaction moves them all to `posting`, one
 * set of queries translates them, the calls run at the connection's shared concurrency,
 * and one transaction records every success (ERP ids, `posted`, events, webhooks). The
 * rare failures are recorded one by one, as the single-document path does.
 */
export async function postDocumentsToErp(db: Db, ctx: ActorContext, items: readonly ErpBatchItem[], target: ErpTarget, options: { now?: Date } = {}): Promise<Map<string, ErpBatchOutcome>> {
  const now = options.now ?? new Date();
  const name = target.connection.name;
  const outcomes = new Map<string, ErpBatchOutcome>();
  const started = await inTransaction(db, (trx) => startBatch(trx, ctx, items, name, now));
  for (const item of items) if (!started.some((s) => s.documentId === item.documentId)) outcomes.set(item.documentId, { kind: 'done' });
  if (started.length === 0) return outcomes;

  const mapping = await loadErpMapping(db, name, now);
  const built = await buildErpPostingDocuments(db, started.map((s) => s.documentId), name, mapping, { erpName: target.erpName });
  const ready: { start: Started; document: ErpPostingDocument; body: unknown }[] = [];
  const refusals: { start: Started; refusal: PostingRefused }[] = [];
  for (const start of started) {
    const result = built.get(start.documentId);
    if (result === undefined || result instanceof AppError) {
      refusals.push({ start, refusal: new PostingRefused(result?.message ?? 'the document could not be read', 'not_postable', 'posting_failure') });
    } else if (!result.ok) {
      refusals.push({ start, refusal: new PostingRefused(result.missing.map((m) => m.message).join('; '), 'missing_mapping', 'master_data') });
    } else {
      try {
        ready.push({ start, document: result.document, body: await renderErpBody(mapping!.templates[result.document.documentType], result.document, { connectionName: name }) });
      } catch (error) {
        refusals.push({ start, refusal: new PostingRefused((error as Error).message, 'template_failed', 'master_data') });
      }
    }
  }
  if (refusals.length > 0) {
    await inTransaction(db, async (trx) => {
      for (const { start, refusal } of refusals) await failPosting(trx, ctx, name, start.documentId, start.logged, refusal, 0, now, { jobId: start.job.id, attempts: start.attempt });
    });
    for (const { start } of refusals) outcomes.set(start.documentId, { kind: 'done' });
  }

  const called = await Promise.all(ready.map(({ start, document, body }) => call(target, start, document, body, outcomes)));
  const finished = called.filter((c): c is Called => c !== undefined);
  const successes = finished.filter((c) => c.result !== undefined);
  if (successes.length > 0) {
    await target.limiter.record(target.connection, 'success');
    await inTransaction(db, (trx) => completeBatch(trx, ctx, name, successes, now));
    for (const s of successes) outcomes.set(s.documentId, { kind: 'done' });
  }
  const failures = finished.filter((c) => c.result === undefined);
  const retrying: Called[] = [];
  for (const f of failures) {
    const erpError = f.error instanceof ErpCallError ? f.error : undefined;
    const transient = erpError !== undefined && (erpError.retryable || erpError.kind === 'auth');
    await target.limiter.record(target.connection, transient ? 'failure' : 'neutral', failureFacts(f.error).message);
    if (!transient || f.job.attempt >= f.job.maxAttempts) {
      const result = await inTransaction(db, (trx) => failPosting(trx, ctx, name, f.documentId, f.logged, f.error, f.latencyMs, now, { outcome: transient ? 'dead' : 'failed', jobId: f.job.id, attempts: f.attempt }));
      outcomes.set(f.documentId, transient ? { kind: 'gave_up', message: result.error ?? failureFacts(f.error).message } : { kind: 'done' });
    } else {
      retrying.push(f);
      outcomes.set(f.documentId, { kind: 'retry', message: failureFacts(f.error).message, retryAfterMs: erpError!.details.retryAfterMs });
    }
  }
  if (retrying.length > 0) {
    await inTransaction(db, (trx) => insertEvents(trx, name, retrying.map((f) => {
      const facts = failureFacts(f.error);
      return { ...f, outcome: 'retrying' as const, erpDocumentId: null, httpStatus: facts.httpStatus, errorCode: facts.errorCode, errorMessage: facts.responseSnippet ? `${facts.message} — the ERP answered: ${facts.responseSnippet}` : facts.message, exceptionCategory: facts.category };
    }), now));
  }
  return outcomes;
}

/** Waits for a permit (or records a deferral), makes the call, gives the permit back. */
async function call(target: ErpTarget, start: Started, document: ErpPostingDocument, body: unknown, outcomes: Map<string, ErpBatchOutcome>): Promise<Called | undefined> {
  let permit;
  try {
    permit = await target.limiter.acquire(target.connection, target.holder);
  } catch (error) {
    if (!(error instanceof ConnectorUnavailable)) throw error;
    outcomes.set(start.documentId, { kind: 'defer', until: error.retryAt, message: error.message });
    return undefined;
  }
  const began = performance.now();
  try {
    const result = await target.connector.post(document, body, { attempt: start.attempt, mayExist: start.attempt > 1, signal: AbortSignal.timeout(target.connection.timeoutMs + 5_000) });
    return { ...start, document, result, latencyMs: performance.now() - began };
  } catch (error) {
    return { ...start, document, error, latencyMs: performance.now() - began };
  } finally {
    await permit.release();
  }
}

/** Locks the batch, keeps what is postable, moves it to `posting`, and numbers the attempts. */
async function startBatch(trx: Trx, ctx: ActorContext, items: readonly ErpBatchItem[], connection: string, now: Date): Promise<Started[]> {
  const ids = [...new Set(items.map((i) => i.documentId))].sort();
  const docs = await trx.selectFrom('invoices')
    .select(['id', 'kind', 'status', 'lifecycle', 'entityId', 'number', 'customerId', 'totalMinor', 'currency'])
    .where('id', 'in', ids).orderBy('id').forUpdate().execute();
  const held = docs.filter((d) => d.status === 'finalized' && d.lifecycle === 'on_hold').map((d) => d.id);
  const postingHolds = held.length === 0 ? [] : (await sql<{ documentId: string }>`
    SELECT DISTINCT document_id AS "documentId" FROM exceptions
    WHERE document_id IN (${sql.join(held)}) AND status <> 'resolved' AND source_system LIKE 'erp.%'`.execute(trx)).rows.map((r) => r.documentId);
  const postable = docs.filter((d) => d.status === 'finalized' && (POSTABLE.includes(d.lifecycle) || postingHolds.includes(d.id)));
  if (postable.length === 0) return [];
  const changes: LifecycleChange[] = postable.filter((d) => d.lifecycle !== 'posting').map((d) => ({ documentType: d.kind, documentId: d.id, to: 'posting', reason: `posting to ${connection}` }));
  await transitionDocuments(trx, ctx, changes, now);
  const counts = await sql<{ documentId: string; n: string }>`
    SELECT document_id AS "documentId", count(*)::text AS n FROM integration_events
    WHERE connector = ${connection} AND document_id IN (${sql.join(postable.map((d) => d.id))}) GROUP BY 1`.execute(trx);
  return postable.map((d) => ({
    documentId: d.id,
    job: items.find((i) => i.documentId === d.id)!.job,
    attempt: Number(counts.rows.find((c) => c.documentId === d.id)?.n ?? 0) + 1,
    logged: { documentType: d.kind, documentId: d.id, documentNumber: d.number, entityId: d.entityId, partyId: d.customerId, totalMinor: d.totalMinor, currency: d.currency },
  }));
}

/** Records every success of the batch: ERP ids, `posted` (or `sent`/`paid` again), events, resolved exceptions, webhooks. */
async function completeBatch(trx: Trx, ctx: ActorContext, connection: string, successes: readonly Called[], now: Date): Promise<void> {
  const ids = successes.map((s) => s.documentId).sort();
  // Lock first, then look for deliveries: an email sent meanwhile either committed before (seen here) or waits for this lock.
  await trx.selectFrom('invoices').select('id').where('id', 'in', ids).orderBy('id').forUpdate().execute();
  const values = successes.map((s) => ({ id: s.documentId, erp: s.result!.erpDocumentId }));
  await sql`UPDATE invoices SET erp_document_id = v.erp, posted_at = ${now}, updated_at = ${now}
    FROM json_to_recordset(${JSON.stringify(values)}::json) AS v(id text, erp text) WHERE invoices.id = v.id`.execute(trx);
  const delivered = new Set((await trx.selectFrom('invoiceDeliveries').select('invoiceId').where('invoiceId', 'in', ids).where('purpose', '=', 'issue').where('status', '=', 'sent').execute()).map((d) => d.invoiceId));
  await transitionDocuments(trx, ctx, successes.map((s) => {
    const to: LifecycleState = delivered.has(s.documentId) ? 'sent' : 'posted';
    return { documentType: s.logged.documentType, documentId: s.documentId, to, via: to === 'sent' ? ['posted'] : [], reason: `${s.result!.outcome === 'posted' ? 'posted' : 'found already posted'} as ${s.result!.erpDocumentId}` };
  }), now);
  await syncSettlementLifecycle(trx, ctx, ids, now);
  await emitInvoiceEvents(trx, 'invoice.posted', successes.filter((s) => s.logged.documentType === 'invoice').map((s) => s.documentId), now);
  await resolveOpenExceptions(trx, ctx, sql`document_id IN (${sql.join(ids)}) AND source_system LIKE 'erp.%'`, 'corrected_revalidated', `posted to ${connection} on a later attempt`, now);
  await insertEvents(trx, connection, successes.map((s) => ({ ...s, outcome: s.result!.outcome, erpDocumentId: s.result!.erpDocumentId, httpStatus: s.result!.httpStatus })), now);
}

interface EventRow extends Started {
  readonly document: ErpPostingDocument;
  readonly latencyMs: number;
  readonly outcome: 'posted' | 'already_posted' | 'retrying';
  readonly erpDocumentId: string | null;
  readonly httpStatus: number | null;
  readonly errorCode?: string;
  readonly errorMessage?: string;
  readonly exceptionCategory?: string;
}

/** Appends the batch's attempts to the integration event log in one statement. */
async function insertEvents(trx: Trx, connection: string, rows: readonly EventRow[], now: Date): Promise<void> {
  await trx.insertInto('integrationEvents').values(rows.map((r) => integrationEventRow(connection, { ...r.logged, externalId: r.document.externalId }, {
    outcome: r.outcome,
    erpDocumentId: r.erpDocumentId,
    latencyMs: r.latencyMs,
    httpStatus: r.httpStatus,
    errorCode: r.errorCode,
    errorMessage: r.errorMessage,
    exceptionCategory: r.exceptionCategory,
    jobId: r.job.id,
    attempt: r.attempt,
  }, now))).execute();
}

import { sql } from 'kysely';
import { inTransaction, type Db, type Trx } from '../db/transaction.ts';
import { AppError } from '../errors/app-error.ts';
import type { ActorContext } from '../shared/context.ts';
import type { ErpConnection } from './connections/erp-connection-schemas.ts';
import { ErpCallError, type ErpConnector, type ErpPostingDocument, type ErpPostResult } from './erp-connector.ts';
import { buildErpPostingDocuments } from './mapping/build-erp-posting-document.ts';
import { loadErpMapping } from './mapping/load-erp-mapping.ts';
import { renderErpBody } from './mapping/render-erp-body.ts';
import { completePostings, failPosting, failureFacts, integrationEventRow, type LoggedPosting } from './posting-outcomes.ts';
import { PostingRefused } from './posting-connector.ts';
import { ConnectorUnavailable, type ConnectorLimiter } from './resilience/connector-limiter.ts';
import { startPostings } from './start-posting.ts';

/** Where and how a document goes to an external ERP. */
export interface ErpTarget {
  readonly connection: ErpConnection;
  readonly connector: ErpConnector;
  readonly limiter: ConnectorLimiter;
  /** Who holds the connection's slots (the worker's id). */
  readonly holder: string;
  /** The ERP as people call it, for messages ("NetSuite"). */
  readonly erpName: string;
}

/** The worker job making this attempt. */
export interface ErpAttemptJob {
  readonly id: string;
  /** This attempt's number (1 for the first). */
  readonly attempt: number;
  readonly maxAttempts: number;
}

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
  /** An earlier attempt may have created the document without our hearing so: look it up first. */
  readonly mayExist: boolean;
}

interface Called extends Started {
  readonly document: ErpPostingDocument;
  readonly result?: ErpPostResult;
  readonly error?: unknown;
  readonly latencyMs: number;
}

/**
 * Posts issued documents to one external ERP connection exactly once
 * (docs/erp-connectors.md) — the worker's path, a batch at a time, in a few statements per
 * batch instead of a few dozen per document:
 * 1. one transaction moves them to `posting` (committed: a crash leaves a trace and the
 *    retry resumes); documents not postable are left alone (`done`);
 * 2. they are translated through the `erp_mapping` in force and rendered by the
 *    connection's template — a missing mapping or a failing template holds a document with
 *    a `master_data` exception before any call is made;
 * 3. each call waits for a slot and a rate token shared by all workers; while the circuit
 *    is open the document is `defer`red (its job waits without using an attempt);
 * 4. the connector posts under the document's deterministic external id, looking up first
 *    when an earlier attempt may have reached the ERP;
 * 5. one transaction records every success (ERP ids, `posted`, events, webhooks); a refusal
 *    holds its document with an exception in words; a transient failure (5xx, 429, timeout,
 *    reset, unreadable answer, credentials refused) is logged as `retrying` — or, on the
 *    job's last attempt, as `dead`, with the document held (`gave_up`).
 * Every attempt is in the integration event log with its business context.
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
    const result = await target.connector.post(document, body, { attempt: start.attempt, mayExist: start.mayExist, signal: AbortSignal.timeout(target.connection.timeoutMs + 5_000) });
    return { ...start, document, result, latencyMs: performance.now() - began };
  } catch (error) {
    return { ...start, document, error, latencyMs: performance.now() - began };
  } finally {
    await permit.release();
  }
}

/**
 * Moves the postable documents of the batch to `posting`, numbers their attempts, and tells
 * which may already be in the ERP: those with an earlier attempt that got no answer
 * (timeout, reset, lost response), a server error (5xx: the ERP may have written before
 * failing) or an unreadable success, and those whose job ran before without logging an
 * attempt (a worker killed mid-call). A retry after a 4xx answer only — the ERP's limit
 * error (429), a refusal — posts without looking up first: the ERP said it took nothing.
 */
async function startBatch(trx: Trx, ctx: ActorContext, items: readonly ErpBatchItem[], connection: string, now: Date): Promise<Started[]> {
  const postable = (await startPostings(trx, ctx, items.map((i) => i.documentId), connection, { retry: true, now })).filter((st) => !st.skipped);
  if (postable.length === 0) return [];
  const earlier = await sql<{ documentId: string; n: string; reached: boolean }>`
    SELECT document_id AS "documentId", count(*)::text AS n, bool_or(http_status IS NULL OR http_status NOT BETWEEN 400 AND 499) AS reached FROM integration_events
    WHERE connector = ${connection} AND document_id IN (${sql.join(postable.map((d) => d.documentId))}) GROUP BY 1`.execute(trx);
  const byDocument = new Map(earlier.rows.map((r) => [r.documentId, r]));
  return postable.map((d) => {
    const job = items.find((i) => i.documentId === d.documentId)!.job;
    const logged = byDocument.get(d.documentId);
    const attempts = Number(logged?.n ?? 0);
    return {
      documentId: d.documentId,
      job,
      attempt: attempts + 1,
      mayExist: logged?.reached === true || job.attempt > attempts + 1,
      logged: { documentType: d.kind, documentId: d.documentId, documentNumber: d.number, entityId: d.entityId, partyId: d.customerId, totalMinor: d.totalMinor, currency: d.currency },
    };
  });
}

/** Records every success of the batch and logs the attempts. */
async function completeBatch(trx: Trx, ctx: ActorContext, connection: string, successes: readonly Called[], now: Date): Promise<void> {
  await completePostings(trx, ctx, connection, successes.map((s) => ({ documentType: s.logged.documentType, documentId: s.documentId, result: s.result! })), now);
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

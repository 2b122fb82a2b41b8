import { inTransaction, type Db } from '../db/transaction.ts';
import type { ActorContext } from '../shared/context.ts';
import type { ErpConnection } from './connections/erp-connection-schemas.ts';
import { ErpCallError, type ErpConnector } from './erp-connector.ts';
import { buildErpPostingDocument } from './mapping/build-erp-posting-document.ts';
import { loadErpMapping } from './mapping/load-erp-mapping.ts';
import { renderErpBody } from './mapping/render-erp-body.ts';
import type { PostDocumentResult } from './post-document.ts';
import { completePosting, countAttempts, failPosting, failureFacts, logAttempt, type LoggedPosting } from './posting-outcomes.ts';
import { PostingRefused } from './posting-connector.ts';
import type { ConnectorLimiter } from './resilience/connector-limiter.ts';
import { startPosting } from './start-posting.ts';

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

/**
 * A transient failure logged as `retrying`: the job tries again later (after
 * `retryAfterMs` when the ERP said when), looking the document up first.
 */
export class PostingWillRetry extends Error {
  override readonly name = 'PostingWillRetry';
  constructor(message: string, readonly retryAfterMs: number | undefined) {
    super(message);
  }
}

/**
 * A transient failure on the job's last attempt: logged as `dead` and held with a
 * `posting_failure` exception; thrown so the worker puts the job in the dead-letter queue.
 */
export class PostingGaveUp extends Error {
  override readonly name = 'PostingGaveUp';
}

/**
 * Posts one issued document to an external ERP exactly once (docs/erp-connectors.md):
 * 1. the document moves to `posting` (committed: a crash leaves a trace and the retry resumes);
 * 2. it is translated through the `erp_mapping` in force and rendered by the connection's
 *    template — a missing mapping or a failing template holds it with a `master_data`
 *    exception before any call is made;
 * 3. the call waits for a slot and a rate token shared by all workers, and is refused at
 *    once while the connection's circuit is open (`ConnectorUnavailable`: the job waits
 *    without using an attempt);
 * 4. the connector posts under the document's deterministic external id, looking up first
 *    when an earlier attempt may have reached the ERP;
 * 5. success: the ERP's id is stored and the document is `posted` (or `sent`/`paid` again);
 *    refused: `on_hold` with an exception in words; transient (5xx, 429, timeout, reset,
 *    unreadable answer, credentials refused): logged as `retrying` and thrown as
 *    {@link PostingWillRetry}, or on the last attempt logged as `dead`, held with a
 *    `posting_failure` exception and thrown as {@link PostingGaveUp} (the job is dead-lettered).
 * Every attempt is in the integration event log with its business context.
 */
export async function postDocumentToErp(db: Db, ctx: ActorContext, documentId: string, target: ErpTarget, job: ErpAttemptJob | null, options: { retry?: boolean; now?: Date } = {}): Promise<PostDocumentResult> {
  const name = target.connection.name;
  const now = options.now ?? new Date();
  const start = await inTransaction(db, (trx) => startPosting(trx, ctx, documentId, name, { retry: options.retry, now }));
  if (start.skipped) return { documentId, outcome: 'skipped', lifecycle: start.lifecycle, erpDocumentId: start.erpDocumentId, error: null };
  const jobId = job?.id ?? null;

  const mapping = await loadErpMapping(db, name, now);
  const built = await buildErpPostingDocument(db, documentId, name, mapping, { erpName: target.erpName });
  if (!built.ok) {
    const refusal = new PostingRefused(built.missing.map((m) => m.message).join('; '), 'missing_mapping', 'master_data');
    const context: LoggedPosting = { documentType: start.kind, documentId, documentNumber: start.number, entityId: start.entityId, partyId: start.customerId, totalMinor: start.totalMinor, currency: start.currency };
    return inTransaction(db, (trx) => failPosting(trx, ctx, name, documentId, context, refusal, 0, now, { jobId }));
  }
  const document = built.document;
  const logged: LoggedPosting = {
    documentType: start.kind,
    documentId,
    documentNumber: start.number,
    entityId: start.entityId,
    partyId: start.customerId,
    totalMinor: start.totalMinor,
    currency: start.currency,
    externalId: document.externalId,
  };
  let body: unknown;
  try {
    body = await renderErpBody(mapping!.templates[document.documentType], document, { connectionName: name });
  } catch (error) {
    const refusal = new PostingRefused((error as Error).message, 'template_failed', 'master_data');
    return inTransaction(db, (trx) => failPosting(trx, ctx, name, documentId, logged, refusal, 0, now, { jobId }));
  }

  const earlier = await countAttempts(db, documentId, name);
  const permit = await target.limiter.acquire(target.connection, target.holder);
  const began = performance.now();
  let outcome: Awaited<ReturnType<ErpConnector['post']>> | undefined;
  let failure: unknown;
  try {
    outcome = await target.connector.post(document, body, { attempt: earlier + 1, mayExist: earlier > 0, signal: AbortSignal.timeout(target.connection.timeoutMs + 5_000) });
  } catch (error) {
    failure = error;
  } finally {
    await permit.release();
  }
  const latencyMs = performance.now() - began;

  if (outcome) {
    const result = outcome;
    await target.limiter.record(target.connection, 'success');
    return inTransaction(db, async (trx) => {
      const lifecycle = await completePosting(trx, ctx, { documentType: document.documentType, documentId }, { outcome: result.outcome, erpDocumentId: result.erpDocumentId }, now);
      await logAttempt(trx, name, logged, { outcome: result.outcome, erpDocumentId: result.erpDocumentId, latencyMs, httpStatus: result.httpStatus, jobId, attempt: earlier + 1 }, now);
      return { documentId, outcome: result.outcome, lifecycle, erpDocumentId: result.erpDocumentId, error: null };
    });
  }

  const erpError = failure instanceof ErpCallError ? failure : undefined;
  const transient = erpError !== undefined && (erpError.retryable || erpError.kind === 'auth');
  await target.limiter.record(target.connection, transient ? 'failure' : 'neutral', failureFacts(failure).message);
  if (!transient) {
    return inTransaction(db, (trx) => failPosting(trx, ctx, name, documentId, logged, failure, latencyMs, now, { jobId, attempts: earlier + 1 }));
  }
  if (job === null || job.attempt >= job.maxAttempts) {
    const result = await inTransaction(db, (trx) => failPosting(trx, ctx, name, documentId, logged, failure, latencyMs, now, { outcome: 'dead', jobId, attempts: earlier + 1 }));
    // A job that ran out of attempts belongs in the dead-letter queue (where a replay posts the document again), not among the succeeded ones.
    if (job !== null) throw new PostingGaveUp(result.error ?? failureFacts(failure).message);
    return result;
  }
  const facts = failureFacts(failure);
  await inTransaction(db, (trx) =>
    logAttempt(trx, name, logged, {
      outcome: 'retrying',
      erpDocumentId: null,
      latencyMs,
      errorCode: facts.errorCode,
      errorMessage: facts.responseSnippet ? `${facts.message} — the ERP answered: ${facts.responseSnippet}` : facts.message,
      exceptionCategory: facts.category,
      httpStatus: facts.httpStatus,
      jobId,
      attempt: earlier + 1,
    }, now));
  throw new PostingWillRetry(facts.message, erpError!.details.retryAfterMs);
}

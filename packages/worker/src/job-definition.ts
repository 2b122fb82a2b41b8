import type { z } from 'zod';
import type { ConnectorLimiter, Db } from '@invoiceops/core';
import type { ErpResolver } from './erp/erp-resolver.ts';

/** What a handler knows about the job it runs and the services of its worker. */
export interface JobContext {
  readonly id: string;
  /** This attempt's number (1 for the first). */
  readonly attempt: number;
  readonly maxAttempts: number;
  readonly workerId: string;
  readonly services: WorkerServices;
  /**
   * Aborted when the worker is stopped with `interrupt`: a long handler (a bill run) stops
   * at its next safe point and throws the signal's reason; the job is queued again.
   */
  readonly signal?: AbortSignal;
}

/** Long-lived services a worker shares between its jobs. */
export interface WorkerServices {
  /** Concurrency, rate limits and circuit breakers of ERP connections. */
  readonly limiter: ConnectorLimiter;
  /** The external ERP connection of an entity, with its connector; null: the built-in ledger. */
  readonly erp: ErpResolver;
}

/**
 * A job type: name, version and payload schema, plus a thin handler that calls core.
 * Handlers throw `RetryableError` for transient trouble; anything else dead-letters at
 * once (retrying a bug only repeats it). A `ConnectorUnavailable` (an ERP's circuit is
 * open, or its slots stay busy) puts the job back until then without using an attempt.
 */
export interface JobDefinition<TPayload extends z.ZodType = z.ZodType> {
  type: string;
  version: number;
  payload: TPayload;
  maxAttempts?: number;
  /** Handles one job; a type has this or {@link handleBatch}. */
  handle?(db: Db, payload: z.output<TPayload>, job: JobContext): Promise<void>;
  /**
   * Handles many jobs of this type at once (postings go to an ERP a batch at a time, in a
   * few statements per batch); returns each job's outcome by job id (absent: done). A type
   * with this runs only in batches, of one job when that is all there is.
   */
  handleBatch?(db: Db, jobs: readonly BatchJob<z.output<TPayload>>[]): Promise<Map<string, BatchJobOutcome>>;
  /** At most this many jobs per batch (default 25). */
  maxBatch?: number;
}

/** One job of a batch: its payload and context. */
export interface BatchJob<TPayload> {
  readonly payload: TPayload;
  readonly job: JobContext;
}

/**
 * What became of one job of a batch: done; retried later (after `retryAfterMs` when
 * known); dead-lettered; or put back until `until` without using its attempt.
 */
export type BatchJobOutcome =
  | { readonly kind: 'done' }
  | { readonly kind: 'retry'; readonly message: string; readonly retryAfterMs?: number | undefined }
  | { readonly kind: 'dead'; readonly message: string }
  | { readonly kind: 'defer'; readonly until: Date; readonly message: string };

/** A transient failure: the job is retried with backoff (or after `retryAfterMs`). */
export class RetryableError extends Error {
  constructor(message: string, readonly retryAfterMs?: number) {
    super(message);
    this.name = 'RetryableError';
  }
}

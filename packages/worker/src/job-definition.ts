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
  handle(db: Db, payload: z.output<TPayload>, job: JobContext): Promise<void>;
}

/** A transient failure: the job is retried with backoff (or after `retryAfterMs`). */
export class RetryableError extends Error {
  constructor(message: string, readonly retryAfterMs?: number) {
    super(message);
    this.name = 'RetryableError';
  }
}

import type { z } from 'zod';
import type { Db } from '@invoiceops/core';

/**
 * A job type: name, version and payload schema, plus a thin handler that calls core.
 * Handlers throw `RetryableError` for transient trouble; anything else dead-letters at
 * once (retrying a bug only repeats it).
 */
export interface JobDefinition<TPayload extends z.ZodType = z.ZodType> {
  type: string;
  version: number;
  payload: TPayload;
  maxAttempts?: number;
  handle(db: Db, payload: z.output<TPayload>): Promise<void>;
}

/** A transient failure: the job is retried with backoff (or after `retryAfterMs`). */
export class RetryableError extends Error {
  constructor(message: string, readonly retryAfterMs?: number) {
    super(message);
    this.name = 'RetryableError';
  }
}

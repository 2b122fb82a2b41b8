/**
 * The one error type that crosses layers. Transports map `code` to a status in one
 * place (server `error-handler.ts`, CLI `fail()`); nothing else decides HTTP statuses.
 */
export type AppErrorCode =
  /** Input failed validation; `issues` name the fields. HTTP 422 (400 for unparseable bodies). */
  | 'validation_failed'
  /** Body is not parseable JSON or has the wrong media type. HTTP 400. */
  | 'bad_request'
  /** No credentials, or credentials that are invalid, expired or revoked. HTTP 401. */
  | 'unauthenticated'
  /** Authenticated, but the role or entity scope does not allow this. HTTP 403. */
  | 'forbidden'
  /** The object does not exist (or is outside the caller's entity scope). HTTP 404. */
  | 'not_found'
  /** A unique value is already taken or the object changed meanwhile. HTTP 409. */
  | 'conflict'
  /** The same Idempotency-Key was sent with a different request. HTTP 422. */
  | 'idempotency_key_reused'
  /** A request with the same Idempotency-Key is still being processed. HTTP 409. */
  | 'idempotency_in_progress'
  /** A document state transition that the state machine does not allow. HTTP 409. */
  | 'illegal_transition'
  /** Body larger than the configured limit. HTTP 413. */
  | 'payload_too_large'
  /** Too many requests. HTTP 429. */
  | 'rate_limited'
  /** A bug or an unavailable dependency. HTTP 500; details never leave the server. */
  | 'internal';

/** One problem with one input field; `path` is a JSON pointer such as `/billingAddress/country`. */
export interface FieldIssue {
  path: string;
  message: string;
  code?: string;
}

export interface AppErrorOptions {
  issues?: FieldIssue[];
  cause?: unknown;
  /** Extra members for the problem document (must be safe to show to the caller). */
  extensions?: Record<string, unknown>;
}

/** A coded, user-presentable error. `message` is written for the person who made the request. */
export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly issues: FieldIssue[];
  readonly extensions: Record<string, unknown>;

  constructor(code: AppErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.issues = options.issues ?? [];
    this.extensions = options.extensions ?? {};
  }

  /** Shorthand for a validation error on one field. */
  static invalid(path: string, message: string, code?: string): AppError {
    return new AppError('validation_failed', `${path}: ${message}`, {
      issues: [{ path, message, ...(code ? { code } : {}) }],
    });
  }

  static notFound(objectType: string, id: string): AppError {
    return new AppError('not_found', `${objectType} ${id} was not found`);
  }
}

/** True when `error` is an AppError (also across duplicated module instances). */
export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError || (error instanceof Error && error.name === 'AppError' && 'code' in error);
}

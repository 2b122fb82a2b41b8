import { AppError } from '../errors/app-error.ts';

interface PgLikeError {
  code?: string;
  constraint?: string;
  detail?: string;
  message?: string;
}

/**
 * Turns PostgreSQL constraint violations into coded errors. Both drivers expose the
 * SQLSTATE as `code`; `pg` also gives the constraint name, PGlite only the message, so
 * the name is read from either.
 */
export function translateDbError(error: unknown, uniqueFields: Record<string, string> = {}, label = 'record'): unknown {
  const e = error as PgLikeError;
  if (!e || typeof e !== 'object' || typeof e.code !== 'string') return error;
  const constraint = e.constraint ?? /constraint "([^"]+)"/.exec(e.message ?? '')?.[1] ?? '';
  if (e.code === '23505') {
    const field = uniqueFields[constraint] ?? Object.entries(uniqueFields).find(([name]) => constraint.includes(name))?.[1];
    const path = field ? `/${field}` : '/';
    return new AppError('conflict', `a ${label} with this ${field ?? 'key'} already exists`, {
      issues: [{ path, message: 'is already taken', code: 'unique' }],
      cause: error,
    });
  }
  if (e.code === '23503') {
    return new AppError('validation_failed', `a referenced object does not exist (${constraint})`, {
      issues: [{ path: '/', message: `reference ${constraint} does not exist`, code: 'reference' }],
      cause: error,
    });
  }
  if (e.code === '23514' || e.code === '22003' || e.code === '22P02' || e.code === '22001') {
    return new AppError('validation_failed', `a value is out of range or not allowed (${constraint || e.code})`, {
      issues: [{ path: '/', message: e.message ?? 'not allowed', code: 'check' }],
      cause: error,
    });
  }
  return error;
}

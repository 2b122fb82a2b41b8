import { sql } from 'kysely';
import type { Db } from '../../db/transaction.ts';
import { isAppError } from '../../errors/app-error.ts';
import type { ActorContext } from '../../shared/context.ts';
import { assignException } from './assign-exception.ts';
import type { BulkExceptionActionInput, BulkExceptionResult, ExceptionRecord } from './exception-schemas.ts';
import { resolveException, type ExceptionResolveScopes } from './resolve-exception.ts';

/**
 * Runs `work` so that its writes stand or fall alone: in a transaction of its own, or,
 * when the caller already holds one (a test, a larger use case), behind a savepoint.
 */
async function onItsOwn<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  if (!db.isTransaction) return db.transaction().execute(work);
  await sql`SAVEPOINT exception_bulk_item`.execute(db);
  try {
    const result = await work(db);
    await sql`RELEASE SAVEPOINT exception_bulk_item`.execute(db);
    return result;
  } catch (error) {
    await sql`ROLLBACK TO SAVEPOINT exception_bulk_item`.execute(db);
    throw error;
  }
}

/**
 * Assigns or resolves many exceptions. Each is judged on its own, in its own transaction:
 * one that is resolved already, out of scope, or needs a permission the caller lacks
 * fails alone, with its error, and the others go ahead. Results keep the order of `ids`.
 * Only coded errors (`AppError`) become item failures; anything else is a bug and throws.
 */
export async function applyBulkExceptionAction(db: Db, ctx: ActorContext, input: BulkExceptionActionInput, scopes: ExceptionResolveScopes, now: Date = new Date()): Promise<BulkExceptionResult> {
  const act = (trx: Db, id: string): Promise<ExceptionRecord> =>
    input.action === 'assign'
      ? assignException(trx, ctx, id, input.assignment, scopes.manage, now)
      : resolveException(trx, ctx, id, input.resolution, scopes, now);
  const results: BulkExceptionResult['results'] = [];
  for (const id of input.ids) {
    try {
      results.push({ id, ok: true, exception: await onItsOwn(db, (trx) => act(trx, id)) });
    } catch (error) {
      if (!isAppError(error)) throw error;
      results.push({ id, ok: false, error: { code: error.code, detail: error.message, ...(error.issues.length > 0 ? { errors: error.issues } : {}) } });
    }
  }
  const succeeded = results.filter((r) => r.ok).length;
  return { succeeded, failed: results.length - succeeded, results };
}

import { assertInScope, type EntityScope } from '../../access/principal.ts';
import type { Db } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import { findExceptionRow, listExceptionComments, toException } from './exception-repository.ts';
import type { ExceptionWithComments } from './exception-schemas.ts';

/** One exception with its comments; NotFound when missing, forbidden outside the scope. */
export async function getException(db: Db, id: string, scope: EntityScope, now: Date = new Date()): Promise<ExceptionWithComments> {
  const row = await findExceptionRow(db, id);
  if (!row) throw AppError.notFound('exception', id);
  assertInScope(scope, [row.entityId], 'exceptions');
  return { ...toException(row, now), comments: await listExceptionComments(db, id) };
}

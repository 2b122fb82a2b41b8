import { assertInScope, type EntityScope } from '../../access/principal.ts';
import { inTransaction, type Db } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import type { ActorContext } from '../../shared/context.ts';
import { ID_PREFIX, newId } from '../../shared/ids.ts';
import { auditException, findExceptionRow, toExceptionComment } from './exception-repository.ts';
import type { CommentOnExceptionInput, ExceptionComment } from './exception-schemas.ts';

/**
 * Adds a note to an exception, open or resolved (a resolved one can still be explained).
 * Comments are append-only: never edited or deleted.
 */
export async function commentOnException(db: Db, ctx: ActorContext, id: string, input: CommentOnExceptionInput, scope: EntityScope): Promise<ExceptionComment> {
  if (input.body.trim() === '') throw AppError.invalid('/body', 'must not be empty');
  return inTransaction(db, async (trx) => {
    const row = await findExceptionRow(trx, id);
    if (!row) throw AppError.notFound('exception', id);
    assertInScope(scope, [row.entityId], 'exceptions');
    const comment = await trx
      .insertInto('exceptionComments')
      .values({ id: newId(ID_PREFIX.exceptionComment), exceptionId: id, entityId: row.entityId, author: ctx.actor, body: input.body })
      .returningAll()
      .executeTakeFirstOrThrow();
    await auditException(trx, ctx, row, { action: 'exception.commented', diff: { commentId: comment.id, body: input.body } });
    return toExceptionComment(comment);
  });
}

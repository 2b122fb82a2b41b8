import { assertInScope, scopeIncludes, type EntityScope } from '../../access/principal.ts';
import { inTransaction, type Db } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import type { ActorContext } from '../../shared/context.ts';
import { getExceptionDocument } from './exception-documents.ts';
import { assertExceptionOpen, auditException, lockExceptionRow, toException, type ExceptionRow } from './exception-repository.ts';
import type { ExceptionRecord, ResolveExceptionInput } from './exception-schemas.ts';

/** The caller's scopes: `manage` to resolve at all, `override` to resolve by overriding. */
export interface ExceptionResolveScopes {
  manage: EntityScope;
  override: EntityScope;
}

/** A void or credit resolution must be true of the document; the queue never takes it on trust. */
async function assertDocumentMatches(db: Db, row: ExceptionRow, resolution: 'voided' | 'credited'): Promise<void> {
  const document = await getExceptionDocument(db, row.documentType, row.documentId);
  const label = `${row.documentType.replace('_', ' ')} ${row.documentId}`;
  if (resolution === 'voided' && !document.voided) {
    throw new AppError('illegal_transition', `${label} is not void; void it first, then resolve the exception as voided`);
  }
  if (resolution === 'credited' && !document.credited) {
    throw new AppError('illegal_transition', `${label} has no issued credit memo; issue one first, then resolve the exception as credited`);
  }
}

/**
 * Resolves an open exception; the row keeps the resolution (kind, reason, actor, time)
 * for good. `overridden` lets the document pass as it is: it needs a reason and the
 * `exceptions:override` permission for the entity (approvers and controllers).
 * `voided` and `credited` are accepted only when the document is void or credited.
 * `corrected_revalidated` records that the data was fixed and the document passed again.
 */
export async function resolveException(db: Db, ctx: ActorContext, id: string, input: ResolveExceptionInput, scopes: ExceptionResolveScopes, now: Date = new Date()): Promise<ExceptionRecord> {
  const reason = input.reason?.trim() ? input.reason.trim() : null;
  return inTransaction(db, async (trx) => {
    const row = await lockExceptionRow(trx, id);
    assertInScope(scopes.manage, [row.entityId], 'exceptions');
    assertExceptionOpen(row, 'resolve');
    if (input.resolution === 'overridden') {
      if (!scopeIncludes(scopes.override, row.entityId)) {
        throw new AppError('forbidden', `overriding an exception needs the exceptions:override permission (approver or controller) for entity ${row.entityId}`);
      }
      if (!reason) throw AppError.invalid('/reason', 'is required to override an exception', 'reason_required');
    }
    if (input.resolution === 'voided' || input.resolution === 'credited') await assertDocumentMatches(trx, row, input.resolution);
    const resolved = await trx
      .updateTable('exceptions')
      .set({ status: 'resolved', resolution: input.resolution, resolutionReason: reason, resolvedBy: ctx.actor, resolvedAt: now, updatedAt: now, version: row.version + 1 })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await auditException(trx, ctx, row, {
      action: input.resolution === 'overridden' ? 'exception.overridden' : 'exception.resolved',
      before: { status: row.status },
      after: { status: 'resolved', resolution: input.resolution },
      reason,
    });
    return toException(resolved, now);
  });
}

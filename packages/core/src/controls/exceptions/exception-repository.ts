import type { Selectable } from 'kysely';
import { recordAudit, type AuditEntry } from '../../audit/record-audit.ts';
import type { ExceptionCommentsTable, ExceptionsTable } from '../../db/controls-tables.ts';
import type { Db, Trx } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import type { ActorContext } from '../../shared/context.ts';
import { isExceptionOverdue } from './exception-sla.ts';
import type { ExceptionComment, ExceptionRecord } from './exception-schemas.ts';

export type ExceptionRow = Selectable<ExceptionsTable>;

/** A stored row as the API shows it; `overdue` is computed for `now`. */
export function toException(row: ExceptionRow, now: Date): ExceptionRecord {
  return {
    id: row.id,
    entityId: row.entityId,
    documentType: row.documentType,
    documentId: row.documentId,
    category: row.category,
    sourceSystem: row.sourceSystem,
    ruleId: row.ruleId,
    ruleVersion: row.ruleVersion,
    severity: row.severity,
    title: row.title,
    details: row.details,
    status: row.status,
    assigneeUserId: row.assigneeUserId,
    assigneeTeam: row.assigneeTeam,
    dueAt: row.dueAt.toISOString(),
    overdue: isExceptionOverdue(row, now),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    resolution: row.resolution,
    resolutionReason: row.resolutionReason,
    resolvedBy: row.resolvedBy,
    version: row.version,
  };
}

export function toExceptionComment(row: Selectable<ExceptionCommentsTable>): ExceptionComment {
  return { id: row.id, exceptionId: row.exceptionId, author: row.author, body: row.body, createdAt: row.createdAt.toISOString() };
}

/** The row, or undefined. */
export async function findExceptionRow(db: Db, id: string): Promise<ExceptionRow | undefined> {
  return db.selectFrom('exceptions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The row locked for an update in the caller's transaction; NotFound when missing. */
export async function lockExceptionRow(db: Db, id: string): Promise<ExceptionRow> {
  const row = await db.selectFrom('exceptions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw AppError.notFound('exception', id);
  return row;
}

/**
 * The one transition an exception has, open → resolved, checked here: assigning or
 * resolving a resolved exception is an `illegal_transition`.
 */
export function assertExceptionOpen(row: ExceptionRow, action: 'assign' | 'resolve'): void {
  if (row.status !== 'open') {
    throw new AppError('illegal_transition', `exception ${row.id} is resolved (${row.resolution}) and cannot be ${action === 'assign' ? 'assigned' : 'resolved again'}`, {
      extensions: { from: row.status, to: action === 'assign' ? 'open' : 'resolved' },
    });
  }
}

/** Comments on one exception, oldest first. */
export async function listExceptionComments(db: Db, exceptionId: string): Promise<ExceptionComment[]> {
  const rows = await db.selectFrom('exceptionComments').selectAll().where('exceptionId', '=', exceptionId).orderBy('id').execute();
  return rows.map(toExceptionComment);
}

/** Appends the audit row of one change to an exception, in the caller's transaction. */
export function auditException(trx: Trx, ctx: ActorContext, exception: { id: string; entityId: string }, entry: Omit<AuditEntry, 'objectType' | 'objectId' | 'entityId'>): Promise<void> {
  return recordAudit(trx, ctx, { ...entry, objectType: 'exception', objectId: exception.id, entityId: exception.entityId });
}

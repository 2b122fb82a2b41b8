import type { EntityScope } from '../../access/principal.ts';
import type { Db } from '../../db/transaction.ts';
import { decodeCursor, type Page, splitPage } from '../../master-data/pagination.ts';
import { toException } from './exception-repository.ts';
import type { ExceptionRecord, ListExceptionsQuery } from './exception-schemas.ts';

/**
 * Exceptions in the order they were raised, limited to entities in scope. `overdue` is
 * judged at `now`: open and past the due time.
 */
export async function listExceptions(db: Db, query: ListExceptionsQuery, scope: EntityScope, now: Date = new Date()): Promise<Page<ExceptionRecord>> {
  let qb = db.selectFrom('exceptions').selectAll().orderBy('id').limit(query.limit + 1);
  if (!scope.all) {
    if (scope.entityIds.length === 0) return { data: [], nextCursor: null };
    qb = qb.where('entityId', 'in', scope.entityIds);
  }
  if (query.cursor) qb = qb.where('id', '>', decodeCursor(query.cursor));
  if (query.status) qb = qb.where('status', '=', query.status);
  if (query.category) qb = qb.where('category', '=', query.category);
  if (query.entityId) qb = qb.where('entityId', '=', query.entityId);
  if (query.assigneeUserId) qb = qb.where('assigneeUserId', '=', query.assigneeUserId);
  if (query.assigneeTeam) qb = qb.where('assigneeTeam', '=', query.assigneeTeam);
  if (query.documentType) qb = qb.where('documentType', '=', query.documentType);
  if (query.documentId) qb = qb.where('documentId', '=', query.documentId);
  if (query.sourceSystem) qb = qb.where('sourceSystem', '=', query.sourceSystem);
  if (query.overdue === 'true') qb = qb.where('status', '=', 'open').where('dueAt', '<', now);
  if (query.overdue === 'false') qb = qb.where((eb) => eb.or([eb('status', '<>', 'open'), eb('dueAt', '>=', now)]));
  const rows = await qb.execute();
  const { page, nextCursor } = splitPage(rows, query.limit);
  return { data: page.map((row) => toException(row, now)), nextCursor };
}

import type { EntityScope } from '../../access/principal.ts';
import type { Db } from '../../db/transaction.ts';
import { decodeCursor, splitPage, type Page } from '../../master-data/pagination.ts';
import { toApprovalLimit } from './approval-limit-repository.ts';
import type { ApprovalLimitRecord } from './approval-schemas.ts';

/** Approval limits for entities in scope (all-entities limits are always listed), oldest first. */
export async function listApprovalLimits(db: Db, query: { userId?: string | undefined; entityId?: string | undefined; limit: number; cursor?: string | undefined }, scope: EntityScope): Promise<Page<ApprovalLimitRecord>> {
  let qb = db.selectFrom('entityApprovalLimits').selectAll().orderBy('id').limit(query.limit + 1);
  if (!scope.all) qb = qb.where((eb) => eb.or([eb('entityId', 'is', null), ...(scope.entityIds.length > 0 ? [eb('entityId', 'in', scope.entityIds)] : [])]));
  if (query.cursor) qb = qb.where('id', '>', decodeCursor(query.cursor));
  if (query.userId) qb = qb.where('userId', '=', query.userId);
  if (query.entityId) qb = qb.where('entityId', '=', query.entityId);
  const { page, nextCursor } = splitPage(await qb.execute(), query.limit);
  return { data: page.map(toApprovalLimit), nextCursor };
}

import type { Db } from '../../db/transaction.ts';
import { decodeCursor, splitPage, type Page } from '../../master-data/pagination.ts';
import { toDelegation } from './approval-delegation-repository.ts';
import type { ApprovalDelegationRecord } from './approval-schemas.ts';

/**
 * Delegations, oldest first. Without `approvals:manage` (`viewerUserId` set) only those
 * from or to the viewer are listed.
 */
export async function listApprovalDelegations(
  db: Db,
  query: { userId?: string | undefined; inForce?: boolean | undefined; limit: number; cursor?: string | undefined },
  viewerUserId: string | null,
  now: Date = new Date(),
): Promise<Page<ApprovalDelegationRecord>> {
  let qb = db.selectFrom('approvalDelegations').selectAll().orderBy('id').limit(query.limit + 1);
  for (const userId of [viewerUserId, query.userId]) {
    if (userId) qb = qb.where((eb) => eb.or([eb('fromUserId', '=', userId), eb('toUserId', '=', userId)]));
  }
  if (query.cursor) qb = qb.where('id', '>', decodeCursor(query.cursor));
  if (query.inForce === true) qb = qb.where('revokedAt', 'is', null).where('startsAt', '<=', now).where('endsAt', '>', now);
  if (query.inForce === false) qb = qb.where((eb) => eb.or([eb('revokedAt', 'is not', null), eb('startsAt', '>', now), eb('endsAt', '<=', now)]));
  const { page, nextCursor } = splitPage(await qb.execute(), query.limit);
  return { data: page.map((r) => toDelegation(r, now)), nextCursor };
}

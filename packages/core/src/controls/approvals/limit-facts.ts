import type { Db } from '../../db/transaction.ts';
import type { ApprovalLimitFact } from './effective-limit.ts';

/**
 * The approval limits of users (all users when `userIds` is undefined): the per-entity
 * limits of `entity_approval_limits`, plus the user-level `approval_limits` (set with the
 * user) as all-entities limits where no all-entities row of the same currency exists.
 */
export async function loadLimitFacts(db: Db, userIds?: readonly string[]): Promise<ApprovalLimitFact[]> {
  if (userIds !== undefined && userIds.length === 0) return [];
  let own = db.selectFrom('entityApprovalLimits').select(['userId', 'entityId', 'currency', 'amountMinor']);
  let legacy = db.selectFrom('approvalLimits').select(['userId', 'currency', 'amountMinor']);
  if (userIds !== undefined) {
    own = own.where('userId', 'in', [...userIds]);
    legacy = legacy.where('userId', 'in', [...userIds]);
  }
  const [rows, legacyRows] = await Promise.all([own.execute(), legacy.execute()]);
  const facts: ApprovalLimitFact[] = rows.map((r) => ({ userId: r.userId, entityId: r.entityId, currency: r.currency, amountMinor: BigInt(r.amountMinor) }));
  const general = new Set(facts.filter((f) => f.entityId === null).map((f) => `${f.userId}|${f.currency}`));
  for (const r of legacyRows) {
    if (!general.has(`${r.userId}|${r.currency}`)) facts.push({ userId: r.userId, entityId: null, currency: r.currency, amountMinor: BigInt(r.amountMinor) });
  }
  return facts;
}

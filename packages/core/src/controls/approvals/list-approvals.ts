import { sql, type Expression, type SqlBool } from 'kysely';
import type { EntityScope } from '../../access/principal.ts';
import type { ApprovalRequestStatus } from '../../db/controls-tables.ts';
import type { Db } from '../../db/transaction.ts';
import { decodeCursor, splitPage, type Page } from '../../master-data/pagination.ts';
import type { ApprovalRequestRecord } from './approval-records.ts';
import { loadSteps, toRequest } from './approval-repository.ts';
import { activeDelegationsTo } from './load-acting-authority.ts';

/** Filters of the approvals list. */
export interface ListApprovalsQuery {
  /** Only requests with an open step the viewer may act on as a candidate or a delegate. */
  readonly mine?: boolean | undefined;
  readonly status?: ApprovalRequestStatus | undefined;
  /** true: with an open step past its due time; false: without one. */
  readonly overdue?: boolean | undefined;
  readonly entityId?: string | undefined;
  readonly documentId?: string | undefined;
  readonly limit: number;
  readonly cursor?: string | undefined;
}

/** The candidate conditions (on `s`, an open step) under which `userId`, or a delegator of theirs, is a candidate. */
async function candidacyCondition(db: Db, userId: string, now: Date): Promise<Expression<SqlBool>> {
  const identities = [userId, ...(await activeDelegationsTo(db, userId, now)).map((d) => d.fromUserId)];
  const grants = await db.selectFrom('roleGrants').select(['role', 'entityId']).where('userId', 'in', identities).execute();
  const users = identities.map((id) => sql<SqlBool>`s.candidates @> ${JSON.stringify([{ kind: 'user', userId: id }])}::jsonb`);
  const roles = grants.map((g) => (g.entityId === null
    ? sql<SqlBool>`s.candidates @> ${JSON.stringify([{ kind: 'role', role: g.role }])}::jsonb`
    : sql<SqlBool>`(s.candidates @> ${JSON.stringify([{ kind: 'role', role: g.role }])}::jsonb AND s.entity_id = ${g.entityId})`));
  return sql<SqlBool>`(${sql.join([...users, ...roles], sql` OR `)})`;
}

/**
 * Approval requests in creation order within the viewer's entity scope. `mine` is the
 * viewer's queue: requests with an open step where they (or someone who delegated to them,
 * now) are a candidate — whether they may actually approve is checked when they do
 * (creator, limit). Overdue is judged at `now`.
 */
export async function listApprovals(db: Db, query: ListApprovalsQuery, viewer: { userId: string; scope: EntityScope }, now: Date = new Date()): Promise<Page<ApprovalRequestRecord>> {
  const { scope } = viewer;
  if (!scope.all && scope.entityIds.length === 0) return { data: [], nextCursor: null };
  let qb = db.selectFrom('approvalRequests as r').selectAll('r').orderBy('r.id').limit(query.limit + 1);
  if (!scope.all) qb = qb.where('r.entityId', 'in', scope.entityIds);
  if (query.cursor) qb = qb.where('r.id', '>', decodeCursor(query.cursor));
  if (query.status) qb = qb.where('r.status', '=', query.status);
  if (query.entityId) qb = qb.where('r.entityId', '=', query.entityId);
  if (query.documentId) qb = qb.where('r.documentId', '=', query.documentId);
  if (query.overdue !== undefined) {
    const overdue = sql<SqlBool>`EXISTS (SELECT 1 FROM approval_steps s WHERE s.request_id = r.id AND s.status = 'pending' AND s.due_at < ${now})`;
    qb = qb.where(query.overdue ? overdue : sql<SqlBool>`NOT ${overdue}`);
  }
  if (query.mine) {
    const candidate = await candidacyCondition(db, viewer.userId, now);
    qb = qb.where('r.status', '=', 'pending').where(sql<SqlBool>`EXISTS (SELECT 1 FROM approval_steps s WHERE s.request_id = r.id AND s.status = 'pending' AND ${candidate})`);
  }
  const rows = await qb.execute();
  const { page, nextCursor } = splitPage(rows, query.limit);
  const steps = await loadSteps(db, page.map((r) => r.id));
  return { data: page.map((r) => toRequest(r, steps.filter((s) => s.requestId === r.id), now)), nextCursor };
}

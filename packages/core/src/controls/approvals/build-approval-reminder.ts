import type { Db } from '../../db/transaction.ts';
import type { OutgoingEmail } from '../../receivables/distribution/distribution-ports.ts';
import { candidatesOf, documentLabel } from './approval-repository.ts';

/**
 * The reminder email for one open step: to its candidate users, the active holders of its
 * candidate roles for the entity, and whoever holds a delegation from one of them now —
 * without the document's creator, who may not approve. Undefined when the step is no
 * longer open or nobody has an address.
 */
export async function buildApprovalReminder(db: Db, stepId: string, now: Date = new Date()): Promise<OutgoingEmail | undefined> {
  const step = await db.selectFrom('approvalSteps as s').innerJoin('approvalRequests as r', 'r.id', 's.requestId')
    .select(['s.id', 's.name', 's.status', 's.dueAt', 's.candidates', 's.entityId', 'r.documentType', 'r.documentId', 'r.creatorUserId', 'r.amountMinor', 'r.currency', 'r.id as requestId'])
    .where('s.id', '=', stepId).executeTakeFirst();
  if (!step || step.status !== 'pending') return undefined;
  const candidates = candidatesOf(step as never);
  const roles = candidates.flatMap((c) => (c.kind === 'role' ? [c.role] : []));
  const holders = roles.length === 0 ? [] : await db.selectFrom('roleGrants').select('userId').where('role', 'in', roles)
    .where((eb) => eb.or([eb('entityId', 'is', null), eb('entityId', '=', step.entityId)])).execute();
  const direct = [...new Set([...candidates.flatMap((c) => (c.kind === 'user' ? [c.userId] : [])), ...holders.map((h) => h.userId)])];
  const delegates = await db.selectFrom('approvalDelegations').select('toUserId').where('fromUserId', 'in', direct.length > 0 ? direct : ['-'])
    .where('revokedAt', 'is', null).where('startsAt', '<=', now).where('endsAt', '>', now).execute();
  const ids = [...new Set([...direct, ...delegates.map((d) => d.toUserId)])].filter((id) => id !== step.creatorUserId);
  if (ids.length === 0) return undefined;
  const users = await db.selectFrom('users').select('email').where('id', 'in', ids).where('active', '=', true).where('kind', '=', 'human').orderBy('email').execute();
  if (users.length === 0) return undefined;
  const label = documentLabel(step);
  return {
    to: users.map((u) => u.email),
    subject: `Approval needed: ${label} (due ${step.dueAt?.toISOString() ?? 'soon'})`,
    text: `Step "${step.name}" of approval request ${step.requestId} for ${label} is waiting for your decision and is due at ${step.dueAt?.toISOString()}.\n` +
      'Open the approvals queue to approve or reject it.\n',
    attachments: [],
  };
}

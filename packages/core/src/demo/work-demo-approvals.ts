import { ALL_ENTITIES } from '../access/principal.ts';
import { approveStep } from '../controls/approvals/approve-step.ts';
import { processApprovalDeadlines } from '../controls/approvals/process-approval-deadlines.ts';
import type { Trx } from '../db/transaction.ts';
import { isAppError } from '../errors/app-error.ts';
import { SYSTEM_CONTEXT } from '../shared/context.ts';

/** One in this many approval requests of a month is still in the approver's queue (the 1st, the 6th, …, by customer number). */
export const APPROVAL_LEFT_ONE_IN = 5;

const HOUR_MS = 3_600_000;

/** What the approvers did with a month's requests. */
export interface ApprovalWork {
  approved: number;
  /** Left in the queue on purpose. */
  leftPending: number;
  /** No approver could take a step (limits, segregation of duties): waiting for the escalation. */
  stuck: number;
}

/**
 * The approvers' side of a month of the demo's history, on the history's clock: hours after
 * the bill run at `runAt`, the approver and then the CFO work the pending requests in
 * customer order, each taking the first step they may (segregation of duties and limits
 * are checked by `approveStep`, as for anyone); every {@link APPROVAL_LEFT_ONE_IN}th request
 * is left in the queue. The scheduled deadline job then runs when the steps fall due, as it
 * would have every 15 minutes: it escalates what is overdue and raises `approval_delay`.
 */
export async function workDemoApprovals(trx: Trx, runAt: Date, approvers: readonly string[]): Promise<ApprovalWork> {
  const requests = await trx
    .selectFrom('approvalRequests as r')
    .innerJoin('invoices as i', 'i.id', 'r.documentId')
    .innerJoin('customers as c', 'c.id', 'i.customerId')
    .select('r.id')
    .where('r.status', '=', 'pending')
    .orderBy('c.number')
    .orderBy('i.kind')
    .execute();
  const work: ApprovalWork = { approved: 0, leftPending: 0, stuck: 0 };
  for (const [index, request] of requests.entries()) {
    if (index % APPROVAL_LEFT_ONE_IN === 0) {
      work.leftPending += 1;
      continue;
    }
    // A second step opens when the first is approved: the next approver takes it an hour later.
    let at = runAt.getTime() + 2 * HOUR_MS;
    let status = 'pending';
    while (status === 'pending') {
      const decided = await firstAllowed(trx, request.id, approvers, new Date(at));
      if (decided === null) break;
      status = decided;
      at += HOUR_MS;
    }
    if (status === 'approved') work.approved += 1;
    else work.stuck += 1;
  }
  // The job's runs just after the 24-hour steps and the 48-hour (CFO) steps fell due.
  for (const hours of [24.25, 51.25]) await processApprovalDeadlines(trx, SYSTEM_CONTEXT, new Date(runAt.getTime() + hours * HOUR_MS));
  return work;
}

/** Approves the next step as the first of `approvers` allowed to; the request's status after, or null when none may. */
async function firstAllowed(trx: Trx, requestId: string, approvers: readonly string[], at: Date): Promise<string | null> {
  for (const userId of approvers) {
    try {
      return (await approveStep(trx, { actor: `user:${userId}` }, requestId, { userId, comment: 'Checked against the contract.' }, ALL_ENTITIES, at)).status;
    } catch (error) {
      if (isAppError(error) && error.code === 'forbidden') continue;
      throw error;
    }
  }
  return null;
}

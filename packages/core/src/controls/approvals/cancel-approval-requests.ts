import { sql } from 'kysely';
import { recordAudit } from '../../audit/record-audit.ts';
import type { Trx } from '../../db/transaction.ts';
import type { ActorContext } from '../../shared/context.ts';

/**
 * Cancels pending approval requests and their open steps, with an audit row each saying
 * why (the document was routed again, or voided). Requests that are not pending are left alone.
 */
export async function cancelApprovalRequests(trx: Trx, ctx: ActorContext, requests: readonly { id: string; entityId: string }[], reason: string, now: Date): Promise<void> {
  if (requests.length === 0) return;
  const ids = requests.map((r) => r.id);
  const cancelled = await sql<{ id: string; entityId: string }>`
    UPDATE approval_requests SET status = 'cancelled', decided_at = ${now}, decided_by = ${ctx.actor}, version = version + 1
    WHERE id = ANY(${ids}::text[]) AND status = 'pending'
    RETURNING id, entity_id AS "entityId"`.execute(trx);
  if (cancelled.rows.length === 0) return;
  await sql`UPDATE approval_steps SET status = 'cancelled', completed_at = ${now}
    WHERE request_id = ANY(${cancelled.rows.map((r) => r.id)}::text[]) AND status IN ('waiting','pending')`.execute(trx);
  await recordAudit(trx, ctx, cancelled.rows.map((r) => ({
    action: 'approval_request.cancelled', objectType: 'approval_request', objectId: r.id, entityId: r.entityId,
    diff: { before: { status: 'pending' }, after: { status: 'cancelled' } }, reason,
  })));
}

import { sql, type RawBuilder } from 'kysely';
import { recordAudit } from '../../audit/record-audit.ts';
import type { Trx } from '../../db/transaction.ts';
import type { ActorContext } from '../../shared/context.ts';

/**
 * Resolves, in one statement, the open exceptions that `where` selects — for the system's
 * own resolutions (a re-validation that no longer finds the problem, a posting that
 * succeeded, a void) — with the resolution, reason, actor and time recorded, and an
 * `exception.resolved` audit row each. A person's resolution goes through
 * `resolveException`, which checks permissions and the document. Returns how many.
 */
export async function resolveOpenExceptions(
  trx: Trx,
  ctx: ActorContext,
  where: RawBuilder<unknown>,
  resolution: 'corrected_revalidated' | 'voided',
  reason: string,
  now: Date,
): Promise<number> {
  const resolved = await sql<{ id: string; entityId: string }>`
    UPDATE exceptions SET status = 'resolved', resolution = ${resolution}, resolution_reason = ${reason}, resolved_by = ${ctx.actor},
      resolved_at = ${now}, updated_at = ${now}, version = version + 1
    WHERE status = 'open' AND (${where})
    RETURNING id, entity_id AS "entityId"`.execute(trx);
  await recordAudit(trx, ctx, resolved.rows.map((e) => ({
    action: 'exception.resolved',
    objectType: 'exception',
    objectId: e.id,
    entityId: e.entityId,
    diff: { before: { status: 'open' }, after: { status: 'resolved', resolution } },
    reason,
  })));
  return resolved.rows.length;
}

import { inTransaction, type Db } from '../../db/transaction.ts';
import { assertMayDraft, type ReleaseActor } from './release-actor.ts';
import { getReleaseKind } from './release-kinds.ts';
import { auditRelease, findInForceRow, getDraftForChange, lockReleaseKind, toRelease } from './release-repository.ts';
import type { DiscardReleaseDraftInput, ReleaseRecord } from './release-schemas.ts';

/**
 * Discards a draft. The row stays, marked `discarded` with who and when, and keeps its
 * version number (published numbers may therefore have gaps); a new draft can then be
 * opened. Audited with the reason.
 */
export async function discardReleaseDraft(db: Db, actor: ReleaseActor, kind: string, version: number, input: DiscardReleaseDraftInput = {}, now: Date = new Date()): Promise<ReleaseRecord> {
  getReleaseKind(kind);
  assertMayDraft(actor);
  return inTransaction(db, async (trx) => {
    await lockReleaseKind(trx, kind);
    const row = await getDraftForChange(trx, kind, version, input.revision, 'discarded');
    const discarded = await trx
      .updateTable('controlReleases')
      .set({ status: 'discarded', discardedAt: now, discardedBy: actor.actor, updatedAt: now })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await auditRelease(trx, actor, row, {
      action: 'control_release.discarded',
      before: { kind, version, status: 'draft' },
      after: { kind, version, status: 'discarded' },
      reason: input.reason?.trim() ? input.reason.trim() : null,
    });
    const inForce = await findInForceRow(trx, kind, now);
    return toRelease(discarded, inForce?.version ?? null, now);
  });
}

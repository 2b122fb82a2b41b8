import { inTransaction, type Db } from '../../db/transaction.ts';
import { describeReleaseDiff } from './describe-release-diff.ts';
import { assertMayDraft, type ReleaseActor } from './release-actor.ts';
import { getReleaseKind } from './release-kinds.ts';
import { auditRelease, findInForceRow, getDraftForChange, jsonText, lockReleaseKind, toRelease } from './release-repository.ts';
import type { ReleaseRecord, UpdateReleaseDraftInput } from './release-schemas.ts';

/**
 * Changes a draft's content and/or notes. `input.revision` must be the draft's current
 * revision (409 otherwise: someone else changed it since it was read). Content is checked as
 * at creation (422 with pointers such as `/content/rules/3/condition`). Whoever edits is
 * recorded, and may then not publish the draft (four-eyes). Audited with the readable diff.
 */
export async function updateReleaseDraft(db: Db, actor: ReleaseActor, kind: string, version: number, input: UpdateReleaseDraftInput, now: Date = new Date()): Promise<ReleaseRecord> {
  const definition = getReleaseKind(kind);
  assertMayDraft(actor);
  const parsed = input.content === undefined ? undefined : definition.parseContent(input.content, '/content');
  return inTransaction(db, async (trx) => {
    await lockReleaseKind(trx, kind);
    const row = await getDraftForChange(trx, kind, version, input.revision, 'edited');
    const content = parsed ?? row.body;
    const notes = input.notes === undefined ? row.notes : input.notes?.trim() ? input.notes.trim() : null;
    const isAuthor = row.author === actor.actor || (row.authorUserId !== null && row.authorUserId === actor.userId);
    const known = row.editors.some((e) => e.actor === actor.actor && e.userId === actor.userId);
    const editors = isAuthor || known ? row.editors : [...row.editors, { actor: actor.actor, userId: actor.userId }];
    const updated = await trx
      .updateTable('controlReleases')
      .set({ body: jsonText(content), notes, editors: jsonText(editors), revision: row.revision + 1, updatedAt: now })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await auditRelease(trx, actor, row, {
      action: 'control_release.draft_updated',
      diff: {
        kind,
        version,
        revision: updated.revision,
        changes: parsed === undefined ? [] : describeReleaseDiff(definition.diff(row.body, content)),
        ...(notes === row.notes ? {} : { notes: { before: row.notes, after: notes } }),
      },
    });
    const inForce = await findInForceRow(trx, kind, now);
    return toRelease(updated, inForce?.version ?? null, now);
  });
}

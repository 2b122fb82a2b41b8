import { inTransaction, type Db } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import { ID_PREFIX, newId } from '../../shared/ids.ts';
import { assertMayDraft, type ReleaseActor } from './release-actor.ts';
import { getReleaseKind } from './release-kinds.ts';
import { auditRelease, findInForceRow, getReleaseRow, jsonText, lockReleaseKind, toRelease, type ReleaseRow } from './release-repository.ts';
import type { CreateReleaseDraftInput, ReleaseRecord } from './release-schemas.ts';

/** The latest published version of a kind (scheduled ones included: a new draft builds on them). */
async function latestPublished(db: Db, kind: string): Promise<ReleaseRow | undefined> {
  return db.selectFrom('controlReleases').selectAll().where('kind', '=', kind).where('status', '=', 'published').orderBy('version', 'desc').limit(1).executeTakeFirst();
}

/**
 * Opens the draft of the next version of `kind`. Its content is `input.content` (checked
 * in full: for a rule set every CEL expression, refused with 422 naming rule, field, line
 * and column), or a copy of `copyFromVersion`, or of the latest published version, or the
 * kind's empty content when nothing is published yet. Only one draft per kind is open at a
 * time: a second is refused with 409 naming the open one. Needs `controls:write` for all
 * entities. Audited.
 */
export async function createReleaseDraft(db: Db, actor: ReleaseActor, kind: string, input: CreateReleaseDraftInput, now: Date = new Date()): Promise<ReleaseRecord> {
  const definition = getReleaseKind(kind);
  assertMayDraft(actor);
  const parsed = input.content === undefined ? undefined : definition.parseContent(input.content, '/content');
  return inTransaction(db, async (trx) => {
    await lockReleaseKind(trx, kind);
    const open = await trx.selectFrom('controlReleases').select(['version', 'author']).where('kind', '=', kind).where('status', '=', 'draft').executeTakeFirst();
    if (open) {
      throw new AppError('conflict', `${kind} v${open.version} is already an open draft (by ${open.author}); edit, publish or discard it first`, {
        extensions: { openDraftVersion: open.version },
      });
    }
    let content: object;
    let basedOnVersion: number | null = null;
    if (parsed !== undefined) {
      content = parsed;
    } else {
      const source = input.copyFromVersion === undefined ? await latestPublished(trx, kind) : await getReleaseRow(trx, kind, input.copyFromVersion);
      if (source !== undefined && source.status !== 'published') {
        throw AppError.invalid('/copyFromVersion', `${kind} v${source.version} is ${source.status}; only a published version can be copied`);
      }
      if (source !== undefined) {
        content = source.body;
        basedOnVersion = source.version;
      } else if (definition.emptyContent) {
        content = definition.emptyContent();
      } else {
        throw AppError.invalid('/content', `is required: no ${kind} has been published yet to copy`);
      }
    }
    const last = await trx.selectFrom('controlReleases').select((eb) => eb.fn.max('version').as('version')).where('kind', '=', kind).executeTakeFirst();
    const version = (last?.version ?? 0) + 1;
    const row = await trx
      .insertInto('controlReleases')
      .values({
        id: newId(ID_PREFIX.controlRelease, now.getTime()),
        kind,
        version,
        status: 'draft',
        body: jsonText(content),
        notes: input.notes?.trim() ? input.notes.trim() : null,
        basedOnVersion,
        author: actor.actor,
        authorUserId: actor.userId,
        editors: '[]',
        createdAt: now,
        updatedAt: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await auditRelease(trx, actor, row, {
      action: 'control_release.draft_created',
      after: { kind, version, status: 'draft', basedOnVersion, notes: row.notes, content },
    });
    const inForce = await findInForceRow(trx, kind, now);
    return toRelease(row, inForce?.version ?? null, now);
  });
}

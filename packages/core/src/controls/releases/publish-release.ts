import { inTransaction, type Db, type Trx } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import { describeReleaseDiff } from './describe-release-diff.ts';
import { assertMayPublish, type ReleaseActor } from './release-actor.ts';
import { getReleaseKind } from './release-kinds.ts';
import { auditRelease, authorOf, findInForceRow, getDraftForChange, lockReleaseKind, toRelease, type ReleaseRow } from './release-repository.ts';
import type { PublishReleaseInput, ReleaseRecord } from './release-schemas.ts';

/** A requested effective time this close to the past counts as "now" (clock skew between client and server). */
export const EFFECTIVE_FROM_SKEW_MS = 5 * 60_000;

/** How publishing may bend the rules: only for the shipped defaults (see `seedBuiltinRuleSet`). */
export interface PublishOptions {
  /** Skip the role and four-eyes checks: the system publishing content it ships, not a person's draft. */
  readonly systemDefault?: boolean;
  /** Allow an effective time in the past for the first published version of a kind (seeding history). */
  readonly backdateFirst?: boolean;
}

/** The effective time: now by default; never in the past, and never before the latest published one. */
async function effectiveTimeFor(trx: Trx, row: ReleaseRow, requested: string | undefined, now: Date, options: PublishOptions): Promise<Date> {
  const latest = await trx
    .selectFrom('controlReleases')
    .select(['version', 'effectiveFrom'])
    .where('kind', '=', row.kind)
    .where('status', '=', 'published')
    .orderBy('effectiveFrom', 'desc')
    .limit(1)
    .executeTakeFirst();
  let at = requested === undefined ? now : new Date(requested);
  if (at < now && !(options.backdateFirst && latest === undefined)) {
    if (now.getTime() - at.getTime() > EFFECTIVE_FROM_SKEW_MS) {
      throw AppError.invalid('/effectiveFrom', `${requested} is in the past; a release takes effect now or later, so documents already decided are never re-interpreted`, 'effective_from_past');
    }
    at = now;
  }
  if (latest?.effectiveFrom && at < latest.effectiveFrom) {
    throw AppError.invalid(
      '/effectiveFrom',
      `must not be before ${latest.effectiveFrom.toISOString()}, when ${row.kind} v${latest.version} takes effect: versions take effect in order`,
      'effective_from_before_current',
    );
  }
  return at;
}

/** Publishing in the caller's transaction, for `publishRelease` and the seeders. */
export async function publishReleaseIn(trx: Trx, actor: ReleaseActor, kind: string, version: number, input: PublishReleaseInput, now: Date, options: PublishOptions = {}): Promise<ReleaseRecord> {
  const definition = getReleaseKind(kind);
  await lockReleaseKind(trx, kind);
  const row = await getDraftForChange(trx, kind, version, input.revision, 'published');
  if (!options.systemDefault) assertMayPublish(actor, { kind, version, author: authorOf(row), editors: row.editors });
  const problems = definition.findPublishProblems ? await definition.findPublishProblems(trx, row.body) : [];
  if (problems.length > 0) {
    throw new AppError('validation_failed', `${kind} v${version} cannot be published: ${problems.map((p) => p.message).join('; ')}`, {
      issues: problems,
      extensions: { reason: 'publish_check_failed' },
    });
  }
  const effectiveFrom = await effectiveTimeFor(trx, row, input.effectiveFrom, now, options);
  const previous = await findInForceRow(trx, kind, effectiveFrom);
  const published = await trx
    .updateTable('controlReleases')
    .set({ status: 'published', publishedAt: now, publishedBy: actor.actor, publisherUserId: actor.userId, effectiveFrom, updatedAt: now })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await auditRelease(trx, actor, row, {
    action: 'control_release.published',
    diff: {
      kind,
      version,
      revision: row.revision,
      effectiveFrom: effectiveFrom.toISOString(),
      author: row.author,
      editors: row.editors.map((e) => e.actor),
      supersedes: previous?.version ?? null,
      changes: describeReleaseDiff(definition.diff(previous?.body ?? definition.emptyContent?.() ?? {}, row.body)),
    },
    reason: options.systemDefault ? 'shipped default published by the system (no human draft to review)' : null,
  });
  const inForce = await findInForceRow(trx, kind, now);
  return toRelease(published, inForce?.version ?? null, now);
}

/**
 * Publishes a draft: from `effectiveFrom` (default now; not in the past, not before the
 * version in force took effect) it supersedes the version in force, and it is immutable from
 * now on. `input.revision` must be the revision the publisher reviewed (409 otherwise).
 * Needs the controller role for all entities, and a second person: the draft's author and
 * editors are refused with 403 and the reason (four-eyes). The kind's publish check runs
 * first (an approval policy with gaps is refused with 422 listing them). Audited with the
 * readable diff against the version it supersedes.
 */
export async function publishRelease(db: Db, actor: ReleaseActor, kind: string, version: number, input: PublishReleaseInput, now: Date = new Date()): Promise<ReleaseRecord> {
  getReleaseKind(kind);
  return inTransaction(db, (trx) => publishReleaseIn(trx, actor, kind, version, input, now));
}

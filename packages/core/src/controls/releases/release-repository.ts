import { sql, type Selectable } from 'kysely';
import { recordAudit, type AuditEntry } from '../../audit/record-audit.ts';
import type { ControlReleasesTable, ReleaseEditor } from '../../db/controls-tables.ts';
import type { Db, Trx } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import type { ActorContext } from '../../shared/context.ts';
import type { ReleaseRecord, ReleaseState, ReleaseSummary } from './release-schemas.ts';

export type ReleaseRow = Selectable<ControlReleasesTable>;

/** Where a release stands at `now`; `inForceVersion` is the version in force then (null: none). */
export function releaseState(row: Pick<ReleaseRow, 'status' | 'version' | 'effectiveFrom'>, inForceVersion: number | null, now: Date): ReleaseState {
  if (row.status !== 'published') return row.status;
  if (row.effectiveFrom !== null && row.effectiveFrom > now) return 'scheduled';
  return row.version === inForceVersion ? 'in_force' : 'superseded';
}

/** A stored row as lists show it. */
export function toReleaseSummary(row: ReleaseRow, inForceVersion: number | null, now: Date): ReleaseSummary {
  return {
    id: row.id,
    kind: row.kind,
    version: row.version,
    status: row.status,
    state: releaseState(row, inForceVersion, now),
    notes: row.notes,
    basedOnVersion: row.basedOnVersion,
    author: row.author,
    editors: row.editors.map((e) => e.actor),
    revision: row.revision,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    publishedAt: row.publishedAt?.toISOString() ?? null,
    publishedBy: row.publishedBy,
    effectiveFrom: row.effectiveFrom?.toISOString() ?? null,
    discardedAt: row.discardedAt?.toISOString() ?? null,
    discardedBy: row.discardedBy,
  };
}

/** A stored row with its content. */
export function toRelease(row: ReleaseRow, inForceVersion: number | null, now: Date): ReleaseRecord {
  return { ...toReleaseSummary(row, inForceVersion, now), content: row.body };
}

/** The author as an editor entry, for the four-eyes check. */
export const authorOf = (row: ReleaseRow): ReleaseEditor => ({ actor: row.author, userId: row.authorUserId });

/** One version of a kind, or undefined. */
export async function findReleaseRow(db: Db, kind: string, version: number): Promise<ReleaseRow | undefined> {
  return db.selectFrom('controlReleases').selectAll().where('kind', '=', kind).where('version', '=', version).executeTakeFirst();
}

/** One version of a kind; NotFound when missing. */
export async function getReleaseRow(db: Db, kind: string, version: number): Promise<ReleaseRow> {
  const row = await findReleaseRow(db, kind, version);
  if (!row) throw AppError.notFound(`${kind} version`, String(version));
  return row;
}

/** The published version in force at `at`: the latest effective time not after `at` (a tie goes to the higher version). */
export async function findInForceRow(db: Db, kind: string, at: Date): Promise<ReleaseRow | undefined> {
  return inForce(db, kind, at).selectAll().executeTakeFirst();
}

/** The published versions of a kind in force at `at`, latest first, limited to the one that wins; the caller picks the columns. */
export function inForce(db: Db, kind: string, at: Date) {
  return db
    .selectFrom('controlReleases')
    .where('kind', '=', kind)
    .where('status', '=', 'published')
    .where('effectiveFrom', '<=', at)
    .orderBy('effectiveFrom', 'desc')
    .orderBy('version', 'desc')
    .limit(1);
}

/**
 * Serializes drafting and publishing of one kind for the rest of the transaction (a
 * transaction-scoped advisory lock), so version numbers, the one open draft and effective
 * times stay consistent across processes.
 */
export async function lockReleaseKind(trx: Trx, kind: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(7202001, hashtext(${kind}))`.execute(trx);
}

/** The draft locked for a change (caller holds the kind lock); NotFound, or 409 when it is no longer a draft or changed meanwhile. */
export async function getDraftForChange(trx: Trx, kind: string, version: number, revision: number | undefined, action: string): Promise<ReleaseRow> {
  const row = await trx.selectFrom('controlReleases').selectAll().where('kind', '=', kind).where('version', '=', version).forUpdate().executeTakeFirst();
  if (!row) throw AppError.notFound(`${kind} version`, String(version));
  if (row.status !== 'draft') {
    throw new AppError('illegal_transition', `${kind} v${version} is ${row.status} and cannot be ${action}; create a new draft instead`, {
      extensions: { from: row.status, to: action },
    });
  }
  if (revision !== undefined && revision !== row.revision) {
    throw new AppError('conflict', `${kind} v${version} changed meanwhile (revision ${row.revision}, you sent ${revision}); read it again`, {
      extensions: { currentRevision: row.revision },
    });
  }
  return row;
}

/** Appends the audit row of one change to a release, in the caller's transaction. */
export function auditRelease(trx: Trx, ctx: ActorContext, row: Pick<ReleaseRow, 'id'>, entry: Omit<AuditEntry, 'objectType' | 'objectId' | 'entityId'>): Promise<void> {
  return recordAudit(trx, ctx, { ...entry, objectType: 'control_release', objectId: row.id, entityId: null });
}

/** JSON text for a jsonb column. */
export const jsonText = (value: unknown): string => JSON.stringify(value);

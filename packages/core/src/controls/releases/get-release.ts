import type { Db } from '../../db/transaction.ts';
import { getReleaseKind } from './release-kinds.ts';
import { findInForceRow, findReleaseRow, getReleaseRow, toRelease, toReleaseSummary } from './release-repository.ts';
import type { ReleaseRecord, ReleaseSummary } from './release-schemas.ts';

/** One version of a kind with its content, or undefined. */
export async function findRelease(db: Db, kind: string, version: number, now: Date = new Date()): Promise<ReleaseRecord | undefined> {
  getReleaseKind(kind);
  const row = await findReleaseRow(db, kind, version);
  if (!row) return undefined;
  return toRelease(row, (await findInForceRow(db, kind, now))?.version ?? null, now);
}

/** One version of a kind with its content; NotFound when missing. */
export async function getRelease(db: Db, kind: string, version: number, now: Date = new Date()): Promise<ReleaseRecord> {
  getReleaseKind(kind);
  const row = await getReleaseRow(db, kind, version);
  return toRelease(row, (await findInForceRow(db, kind, now))?.version ?? null, now);
}

/** Every version of a kind, newest first, without content; optionally only one status. */
export async function listReleases(db: Db, kind: string, filter: { status?: 'draft' | 'published' | 'discarded' | undefined } = {}, now: Date = new Date()): Promise<ReleaseSummary[]> {
  getReleaseKind(kind);
  let query = db.selectFrom('controlReleases').selectAll().where('kind', '=', kind);
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  const rows = await query.orderBy('version', 'desc').execute();
  const inForce = (await findInForceRow(db, kind, now))?.version ?? null;
  return rows.map((row) => toReleaseSummary(row, inForce, now));
}

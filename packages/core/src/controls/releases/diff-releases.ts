import type { Db } from '../../db/transaction.ts';
import { describeReleaseDiff } from './describe-release-diff.ts';
import { getReleaseKind } from './release-kinds.ts';
import { getReleaseRow } from './release-repository.ts';
import type { ReleaseDiffResult } from './release-schemas.ts';

/**
 * What changes from version `from` to version `to` of a kind (any statuses, either order):
 * for rule sets the rules added, removed and changed with each changed field old → new; for
 * approval policies a structural diff with JSON pointers. `lines` is the same as text.
 */
export async function diffReleases(db: Db, kind: string, from: number, to: number): Promise<ReleaseDiffResult> {
  const definition = getReleaseKind(kind);
  const [older, newer] = await Promise.all([getReleaseRow(db, kind, from), getReleaseRow(db, kind, to)]);
  const diff = definition.diff(older.body, newer.body);
  return { kind, from, to, lines: describeReleaseDiff(diff), diff } as ReleaseDiffResult;
}

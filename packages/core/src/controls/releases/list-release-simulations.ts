import type { Db } from '../../db/transaction.ts';
import { assertMaySimulate, type ReleaseActor } from './release-actor.ts';
import { getReleaseKind } from './release-kinds.ts';
import { getReleaseRow } from './release-repository.ts';
import { toReleaseSimulationSummary } from './release-simulation-repository.ts';
import type { ReleaseSimulationSummary } from './simulation-schemas.ts';

/**
 * The stored simulations of one version of `kind`, newest first, without the documents
 * they list (read one with `getReleaseSimulation`). NotFound for an unknown version; needs
 * `controls:write` for all entities, as running one does.
 */
export async function listReleaseSimulations(db: Db, actor: ReleaseActor, kind: string, version: number): Promise<ReleaseSimulationSummary[]> {
  getReleaseKind(kind);
  assertMaySimulate(actor);
  await getReleaseRow(db, kind, version);
  const rows = await db
    .selectFrom('releaseSimulations')
    .select(['id', 'releaseId', 'kind', 'version', 'revision', 'inForceVersion', 'days', 'windowFrom', 'asOf', 'counts', 'changeLimit', 'truncated', 'actor', 'actorUserId', 'createdAt'])
    .where('kind', '=', kind)
    .where('version', '=', version)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toReleaseSimulationSummary);
}

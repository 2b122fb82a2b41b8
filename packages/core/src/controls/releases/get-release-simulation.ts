import type { Db } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import { assertMaySimulate, type ReleaseActor } from './release-actor.ts';
import { getReleaseKind } from './release-kinds.ts';
import { getReleaseRow } from './release-repository.ts';
import { toReleaseSimulation } from './release-simulation-repository.ts';
import type { ReleaseSimulation } from './simulation-schemas.ts';

/**
 * One stored simulation of a version of `kind`, with the documents it lists: by id, or
 * `latest` for the one run last. NotFound for an unknown version, an id of another
 * version, or `latest` when the version was never simulated. Needs `controls:write` for
 * all entities, as running one does.
 */
export async function getReleaseSimulation(db: Db, actor: ReleaseActor, kind: string, version: number, simulationId: string | 'latest'): Promise<ReleaseSimulation> {
  getReleaseKind(kind);
  assertMaySimulate(actor);
  await getReleaseRow(db, kind, version);
  let q = db.selectFrom('releaseSimulations').selectAll().where('kind', '=', kind).where('version', '=', version);
  q = simulationId === 'latest' ? q.orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(1) : q.where('id', '=', simulationId);
  const row = await q.executeTakeFirst();
  if (!row) {
    throw simulationId === 'latest'
      ? new AppError('not_found', `${kind} v${version} has not been simulated yet`)
      : AppError.notFound(`simulation of ${kind} v${version}`, simulationId);
  }
  return toReleaseSimulation(row);
}

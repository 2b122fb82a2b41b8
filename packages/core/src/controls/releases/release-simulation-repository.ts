import type { Insertable, Selectable } from 'kysely';
import type { ReleaseSimulationsTable } from '../../db/controls-tables.ts';
import type { Trx } from '../../db/transaction.ts';
import type { ReleaseSimulation, ReleaseSimulationSummary } from './simulation-schemas.ts';

export type ReleaseSimulationRow = Selectable<ReleaseSimulationsTable>;

/** A stored run without the documents it lists (`changes`, `skipped`). */
export function toReleaseSimulationSummary(row: Omit<ReleaseSimulationRow, 'changes' | 'skipped'>): ReleaseSimulationSummary {
  const counts = row.counts;
  return {
    id: row.id,
    kind: row.kind,
    version: row.version,
    revision: row.revision,
    inForceVersion: row.inForceVersion,
    days: row.days,
    from: row.windowFrom.toISOString(),
    asOf: row.asOf.toISOString(),
    simulatedBy: row.actor,
    simulatedAt: row.createdAt.toISOString(),
    limit: row.changeLimit,
    counts: {
      documents: counts.documents ?? 0,
      changed: counts.changed ?? 0,
      newlyBlocked: counts.newlyBlocked ?? 0,
      newlyPassing: counts.newlyPassing ?? 0,
      routeChanged: counts.routeChanged ?? 0,
      rulesChanged: counts.rulesChanged ?? 0,
      skipped: counts.skipped ?? 0,
    },
    truncated: row.truncated,
  };
}

/** A stored run as the API shows it, with the documents it lists. */
export function toReleaseSimulation(row: ReleaseSimulationRow): ReleaseSimulation {
  return { ...toReleaseSimulationSummary(row), changes: row.changes as unknown as ReleaseSimulation['changes'], skipped: row.skipped };
}

/** Stores one run, in the caller's transaction. */
export async function insertReleaseSimulation(trx: Trx, row: Insertable<ReleaseSimulationsTable>): Promise<ReleaseSimulationRow> {
  return trx.insertInto('releaseSimulations').values(row).returningAll().executeTakeFirstOrThrow();
}

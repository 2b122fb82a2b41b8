import { sql } from 'kysely';
import type { Db } from '../../db/transaction.ts';

/** One item judged by a duplicate check: whose entity it belongs to, and whether it was refused as a duplicate. */
export interface DuplicateCheckOutcome {
  readonly entityId: string;
  readonly duplicate: boolean;
}

/**
 * Records what a duplicate check at ingestion decided (for the duplicates-prevented
 * metric), inside the caller's transaction so a batch that rolls back counts nothing: one
 * `duplicate_checks` row per entity with how many items were checked and how many were
 * refused as duplicates. `kind` names what was checked (`usage_event`).
 */
export async function recordDuplicateChecks(db: Db, kind: string, outcomes: readonly DuplicateCheckOutcome[], at: Date): Promise<void> {
  const tally = new Map<string, { checked: number; duplicates: number }>();
  for (const o of outcomes) {
    const t = tally.get(o.entityId) ?? { checked: 0, duplicates: 0 };
    t.checked += 1;
    if (o.duplicate) t.duplicates += 1;
    tally.set(o.entityId, t);
  }
  if (tally.size === 0) return;
  const values = [...tally].map(([entityId, t]) => sql`(${entityId}, ${kind}, ${at}::timestamptz, ${t.checked}::integer, ${t.duplicates}::integer)`);
  await sql`INSERT INTO duplicate_checks (entity_id, kind, checked_at, checked, duplicates) VALUES ${sql.join(values)}`.execute(db);
}

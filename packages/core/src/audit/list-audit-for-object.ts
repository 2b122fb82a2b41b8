import type { Db } from '../db/transaction.ts';

/** One audit row as shown to users (the hash chain fields included, for auditors). */
export interface AuditRecord {
  seq: string;
  id: string;
  occurredAt: string;
  actor: string;
  action: string;
  objectType: string;
  objectId: string;
  entityId: string | null;
  diff: Record<string, unknown>;
  reason: string | null;
  requestId: string | null;
  hash: string;
  prevHash: string;
}

/** The history of one object, oldest first. */
export async function listAuditForObject(db: Db, objectType: string, objectId: string): Promise<AuditRecord[]> {
  const rows = await db
    .selectFrom('auditLog')
    .selectAll()
    .where('objectType', '=', objectType)
    .where('objectId', '=', objectId)
    .orderBy('seq')
    .execute();
  return rows.map((row) => ({ ...row, seq: row.seq.toString(), occurredAt: row.occurredAt.toISOString() }));
}

import type { Selectable } from 'kysely';
import type { ApprovalDelegationsTable } from '../../db/controls-tables.ts';
import type { ApprovalDelegationRecord } from './approval-schemas.ts';

/** A delegation row as the API shows it; `inForce` is judged at `now`. */
export function toDelegation(row: Selectable<ApprovalDelegationsTable>, now: Date): ApprovalDelegationRecord {
  return {
    id: row.id, fromUserId: row.fromUserId, toUserId: row.toUserId, startsAt: row.startsAt.toISOString(), endsAt: row.endsAt.toISOString(),
    reason: row.reason, createdBy: row.createdBy, createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null, revokedBy: row.revokedBy,
    inForce: row.revokedAt === null && row.startsAt <= now && row.endsAt > now,
  };
}

import type { Selectable } from 'kysely';
import type { EntityApprovalLimitsTable } from '../../db/controls-tables.ts';
import { formatMoney } from '../../money/parse-format.ts';
import type { ApprovalLimitRecord } from './approval-schemas.ts';

/** An `entity_approval_limits` row as the API shows it (amount as a decimal string). */
export function toApprovalLimit(row: Selectable<EntityApprovalLimitsTable>): ApprovalLimitRecord {
  return {
    id: row.id, userId: row.userId, entityId: row.entityId, currency: row.currency,
    amount: formatMoney({ amount: BigInt(row.amountMinor), currency: row.currency }),
    createdBy: row.createdBy, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(), version: row.version,
  };
}

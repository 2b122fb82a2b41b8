import { sql } from 'kysely';
import type { Db } from '../../db/transaction.ts';
import type { EntitlementLine } from './usage-entitlements.ts';

/** A usage line version of a customer: when it is in force, and its hard entitlement if any. */
export interface ContractUsageLine extends Omit<EntitlementLine, 'includedQuantity'> {
  includedQuantity: string | null;
}

/**
 * Usage lines per customer and metric (keyed `customer|metric`), to flag usage no contract
 * prices — and to refuse releasing such usage from review — with the included quantity of
 * those whose allowance is a hard entitlement (`overage: 'review'`).
 */
export async function loadContractMetrics(db: Db, customerIds: readonly string[]): Promise<Map<string, ContractUsageLine[]>> {
  const unique = [...new Set(customerIds)];
  const map = new Map<string, ContractUsageLine[]>();
  if (unique.length === 0) return map;
  const lines = await db
    .selectFrom('contractLines')
    .select([
      'customerId',
      'metricCode',
      'contractId',
      'startDate',
      'endDate',
      sql<string | null>`CASE WHEN charge->>'model' = 'included_allowance' AND charge->'params'->>'overage' = 'review' THEN charge->'params'->>'includedQuantity' END`.as('includedQuantity'),
    ])
    .where('customerId', 'in', unique)
    .where('kind', '=', 'usage')
    .execute();
  for (const l of lines) {
    const key = `${l.customerId}|${l.metricCode}`;
    map.set(key, [...(map.get(key) ?? []), { contractId: l.contractId, startDate: l.startDate, endDate: l.endDate, includedQuantity: l.includedQuantity }]);
  }
  return map;
}

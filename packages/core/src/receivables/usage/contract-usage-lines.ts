import { sql } from 'kysely';
import { lookUpEach } from '../../db/id-list.ts';
import { selectJsonRows } from '../../db/select-json-rows.ts';
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
  const lines = await selectJsonRows<{ customerId: string; metricCode: string; contractId: string; startDate: string; endDate: string; includedQuantity: string | null }>(
    db,
    sql`SELECT l.customer_id, l.metric_code, l.contract_id, l.start_date, l.end_date,
        CASE WHEN l.charge->>'model' = 'included_allowance' AND l.charge->'params'->>'overage' = 'review' THEN l.charge->'params'->>'includedQuantity' END AS included_quantity
      FROM ${lookUpEach(unique, 'contract_lines', 'customer_id', 'l', sql`l.kind = 'usage'`)}`,
    { customerId: 'text', metricCode: 'text', contractId: 'text', startDate: 'date', endDate: 'date', includedQuantity: 'text' },
  );
  for (const l of lines) {
    const key = `${l.customerId}|${l.metricCode}`;
    map.set(key, [...(map.get(key) ?? []), { contractId: l.contractId, startDate: l.startDate, endDate: l.endDate, includedQuantity: l.includedQuantity }]);
  }
  return map;
}

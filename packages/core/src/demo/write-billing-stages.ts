import type { Selectable } from 'kysely';
import type { ContractLinesTable, ContractsTable } from '../db/schema.ts';
import { externalIdResource } from '../master-data/external-ids/external-id-resource.ts';
import { toContract } from '../receivables/contracts/contract-repository.ts';
import { billableMetricResource } from '../receivables/usage/billable-metric-resource.ts';
import { MAX_USAGE_BATCH } from '../receivables/usage/ingest-usage-events.ts';
import type { DemoBillableMetric } from './demo-metrics.ts';
import type { DemoContract } from './generate-contracts.ts';
import type { DemoExternalId } from './generate-external-ids.ts';
import type { DemoUsageEvent } from './generate-usage-events.ts';
import { mapItems, type AuditedRow, type PartRow, type SeedWriter } from './seed-writer.ts';

/**
 * The billing stages of the seed: metrics, CRM ids, contracts and a month of usage. Same
 * contract as the master-data stages: each object's audit `after` is what the API shows.
 */

const stamps = (now: Date): { createdAt: Date; updatedAt: Date } => ({ createdAt: now, updatedAt: now });

/** Billable metrics (contract lines and usage events refer to their codes: write them first). */
export async function writeBillableMetrics(w: SeedWriter, metrics: readonly DemoBillableMetric[], now: Date): Promise<number> {
  return w.insertAudited('billable metrics', 'billableMetrics', billableMetricResource.objectType, mapItems(metrics, (m): AuditedRow => ({
    row: { ...m, ...stamps(now) },
    objectId: m.id,
    entityId: null,
    after: billableMetricResource.toOutput({ ...m, active: true, version: 1, ...stamps(now) }) as object,
  })));
}

/** External id mappings (the customers' CRM account ids). */
export async function writeExternalIds(w: SeedWriter, mappings: Iterable<DemoExternalId>, now: Date): Promise<number> {
  return w.insertAudited('CRM ids', 'externalIds', externalIdResource.objectType, mapItems(mappings, (x): AuditedRow => ({
    row: { ...x, ...stamps(now) },
    objectId: x.id,
    entityId: null,
    after: externalIdResource.toOutput({ ...x, version: 1, ...stamps(now) }) as object,
  })));
}

/** What {@link writeContracts} wrote. */
export interface ContractCounts {
  contracts: number;
  lines: number;
  milestonesCompleted: number;
}

/**
 * Contracts, each with its lines and completed milestones in the same chunk. The audit
 * rows are those of `createContract` (`contract.created`, after = the contract as
 * `GET /v1/contracts/:id` shows it) and of `completeMilestone` (`contract.milestone_completed`).
 */
export async function writeContracts(w: SeedWriter, contracts: Iterable<DemoContract>, now: Date): Promise<ContractCounts> {
  let lines = 0;
  let milestonesCompleted = 0;
  const count = await w.insertAudited('contracts', 'contracts', 'contract', mapItems(contracts, (c): AuditedRow => {
    const { lines: contractLines, milestones, ...columns } = c;
    lines += contractLines.length;
    milestonesCompleted += milestones.length;
    const stored: Selectable<ContractsTable> = { ...columns, cancelledOn: null, cancellationReason: null, renewedFromId: null, version: 1, ...stamps(now) };
    const storedLines: Selectable<ContractLinesTable>[] = contractLines
      .map((line) => ({ ...line, charge: line.charge as Record<string, unknown>, amendmentId: null, createdAt: now }))
      .sort((a, b) => (a.lineKey < b.lineKey ? -1 : a.lineKey > b.lineKey ? 1 : 0));
    const parts: PartRow[] = [
      ...contractLines.map((line): PartRow => ({ table: 'contractLines', row: { ...line, charge: JSON.stringify(line.charge), createdAt: now } })),
      ...milestones.map((m): PartRow => ({ table: 'contractMilestones', row: { contractId: c.id, customerId: c.customerId, ...m, actor: 'system', createdAt: now } })),
    ];
    return {
      row: { ...columns, ...stamps(now) },
      objectId: c.id,
      entityId: c.entityId,
      after: toContract(stored, storedLines),
      parts,
      events: milestones.map((m) => ({ action: 'contract.milestone_completed', objectType: 'contract', objectId: c.id, entityId: c.entityId, diff: { ...m } })),
    };
  }));
  return { contracts: count, lines, milestonesCompleted };
}

/**
 * Usage events in batches of the API's batch size, each batch with one
 * `usage_events.ingested` audit row as `ingestUsageEvents` writes it (no row per event).
 */
export async function writeUsageEvents(w: SeedWriter, events: Iterable<DemoUsageEvent>): Promise<number> {
  const rows = mapItems(events, (e) => ({ ...e, properties: JSON.stringify(e.properties), correctsEventId: null, status: 'accepted', flagReason: null }));
  return w.insertBatches('usage events', 'usageEvents', rows, (batch) => ({
    action: 'usage_events.ingested',
    objectType: 'usage_batch',
    // One id per batch, derived from its first event so a reseed names batches alike.
    objectId: `ubt_${String(batch[0]!.id).slice(4)}`,
    diff: { received: batch.length, stored: batch.length, flagged: 0, firstEventId: batch[0]!.id },
  }), MAX_USAGE_BATCH);
}

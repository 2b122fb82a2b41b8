import type { Selectable } from 'kysely';
import type { ErpConnectionsTable } from '../../db/integration-tables.ts';
import type { ErpConnection } from './erp-connection-schemas.ts';

/** A connection row as the API shows it. */
export function toErpConnection(row: Selectable<ErpConnectionsTable>): ErpConnection {
  return {
    name: row.name,
    kind: row.kind,
    baseUrl: row.baseUrl,
    settings: row.settings,
    secretName: row.secretName,
    entityIds: row.entityIds,
    enabled: row.enabled,
    maxConcurrency: row.maxConcurrency,
    maxPerMinute: row.maxPerMinute,
    timeoutMs: row.timeoutMs,
    breakerThreshold: row.breakerThreshold,
    breakerCooldownMs: row.breakerCooldownMs,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

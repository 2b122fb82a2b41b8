import { sql } from 'kysely';
import type { Db } from '../../db/transaction.ts';
import { POST_DOCUMENT_JOB } from '../enqueue-postings.ts';
import type { ConnectorStatus, ErpConnection } from './erp-connection-schemas.ts';
import { connectionForEntity, listErpConnections } from './list-erp-connections.ts';

/** Recent failures (consecutive) that make a closed circuit "degraded". */
const DEGRADED_AFTER = 1;

/**
 * The health of every ERP connection (`GET /v1/integrations/status`): the circuit, recent
 * failures, the queue of documents approved and waiting to be posted to it (business
 * continuity: while an ERP is down they wait here and drain in order), the oldest of them,
 * and the posting jobs in the dead-letter queue. Documents are counted per entity and
 * attributed to the connection that entity posts to.
 */
export async function getConnectorStatuses(db: Db): Promise<ConnectorStatus[]> {
  const connections = await listErpConnections(db);
  if (connections.length === 0) return [];
  const states = await db.selectFrom('connectorStates').selectAll().execute();
  const waiting = await sql<{ entityId: string; n: string; oldest: Date | null }>`
    SELECT entity_id AS "entityId", count(*)::text AS n, min(updated_at) AS oldest
    FROM invoices WHERE lifecycle IN ('approved', 'posting') GROUP BY entity_id`.execute(db);
  const dead = await sql<{ entityId: string; n: string }>`
    SELECT i.entity_id AS "entityId", count(*)::text AS n FROM jobs j JOIN invoices i ON i.id = j.payload->>'documentId'
    WHERE j.state = 'dead' AND j.type = ${POST_DOCUMENT_JOB} GROUP BY i.entity_id`.execute(db);
  const perConnection = new Map<string, { depth: number; oldest: Date | null; dead: number }>();
  const slot = (c: ErpConnection | null) => {
    if (c === null) return undefined;
    let entry = perConnection.get(c.name);
    if (!entry) perConnection.set(c.name, (entry = { depth: 0, oldest: null, dead: 0 }));
    return entry;
  };
  for (const row of waiting.rows) {
    const entry = slot(connectionForEntity(connections, row.entityId));
    if (!entry) continue;
    entry.depth += Number(row.n);
    const oldest = row.oldest === null ? null : new Date(row.oldest);
    if (oldest && (entry.oldest === null || oldest < entry.oldest)) entry.oldest = oldest;
  }
  for (const row of dead.rows) {
    const entry = slot(connectionForEntity(connections, row.entityId));
    if (entry) entry.dead += Number(row.n);
  }
  return connections.map((c) => {
    const state = states.find((s) => s.connection === c.name);
    const queue = perConnection.get(c.name) ?? { depth: 0, oldest: null, dead: 0 };
    const circuit = state?.circuit ?? 'closed';
    const failures = state?.consecutiveFailures ?? 0;
    const health = !c.enabled ? 'disabled' : circuit === 'open' ? 'circuit_open' : circuit === 'half_open' || failures >= DEGRADED_AFTER ? 'degraded' : 'healthy';
    return {
      connection: c.name,
      kind: c.kind,
      health,
      circuit,
      consecutiveFailures: failures,
      nextProbeAt: state?.nextProbeAt?.toISOString() ?? null,
      lastSuccessAt: state?.lastSuccessAt?.toISOString() ?? null,
      lastFailureAt: state?.lastFailureAt?.toISOString() ?? null,
      lastError: state?.lastError ?? null,
      queueDepth: queue.depth,
      oldestWaitingSince: queue.oldest?.toISOString() ?? null,
      deadLetters: queue.dead,
    };
  });
}

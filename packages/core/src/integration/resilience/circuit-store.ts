import { sql } from 'kysely';
import type { Db } from '../../db/transaction.ts';
import { admitCall, afterCall, type CircuitAdmission, type CircuitState } from './circuit-policy.ts';
import type { ConnectionLimits } from './connector-limiter.ts';

const CACHE_MS = 250;

/**
 * The circuit breakers, kept in `connector_states` so all workers share them, with a
 * short read cache (a closed circuit is re-read at most every 250 ms per process; a
 * change this process makes is seen at once).
 */
export class CircuitStore {
  private readonly cache = new Map<string, { state: CircuitState; readAt: number }>();

  constructor(private readonly db: Db) {}

  /** Whether a call may go now; `probe` is granted to one caller across all workers. */
  async admit(connection: ConnectionLimits): Promise<CircuitAdmission> {
    const now = new Date();
    const state = await this.read(connection.name);
    const admission = admitCall(state, now, connection.timeoutMs);
    if (admission.kind !== 'probe') return admission;
    const probeUntil = new Date(now.getTime() + connection.timeoutMs + 1_000);
    const claimed = await this.db
      .updateTable('connectorStates')
      .set({ circuit: 'half_open', nextProbeAt: probeUntil, probeUntil })
      .where('connection', '=', connection.name)
      .where('circuit', '!=', 'closed')
      .where(sql<boolean>`coalesce(next_probe_at, '-infinity') <= ${now}`)
      .executeTakeFirst();
    this.cache.delete(connection.name);
    if (Number(claimed.numUpdatedRows) === 1) return { kind: 'probe' };
    return admitCall(await this.read(connection.name), now, connection.timeoutMs);
  }

  /**
   * Applies a call's outcome in one statement, two when the circuit opens: a failure counts
   * atomically (concurrent workers never lose one), and the count returned decides, by
   * {@link afterCall}, whether it opens; a success clears a count or closes the circuit,
   * and writes nothing when there is nothing to clear.
   */
  async record(connection: ConnectionLimits, outcome: 'success' | 'failure' | 'neutral', error?: string): Promise<void> {
    const cached = this.cache.get(connection.name)?.state;
    if (outcome !== 'failure' && cached && cached.circuit === 'closed' && cached.consecutiveFailures === 0) return;
    const now = new Date();
    const settings = { threshold: connection.breakerThreshold, cooldownMs: connection.breakerCooldownMs };
    if (outcome !== 'failure') {
      const after = afterCall(cached ?? { circuit: 'closed', consecutiveFailures: 0, openedAt: null, nextProbeAt: null }, outcome, settings, now);
      await this.db.updateTable('connectorStates')
        .set({ circuit: after.circuit, consecutiveFailures: after.consecutiveFailures, openedAt: after.openedAt, nextProbeAt: after.nextProbeAt, probeUntil: null, lastSuccessAt: now })
        .where('connection', '=', connection.name)
        .where((eb) => eb.or([eb('circuit', '!=', 'closed'), eb('consecutiveFailures', '>', 0)]))
        .execute();
      this.cache.set(connection.name, { state: after, readAt: Date.now() });
      return;
    }
    const counted = await this.db.updateTable('connectorStates')
      .set((eb) => ({ consecutiveFailures: eb('consecutiveFailures', '+', 1), lastFailureAt: now, lastError: (error ?? 'failed').slice(0, 1000) }))
      .where('connection', '=', connection.name)
      .returning(['circuit', 'consecutiveFailures', 'openedAt', 'nextProbeAt'])
      .executeTakeFirst();
    if (!counted) return;
    const before: CircuitState = { ...counted, consecutiveFailures: counted.consecutiveFailures - 1 };
    const after = afterCall(before, 'failure', settings, now);
    if (after.circuit !== counted.circuit || after.nextProbeAt?.getTime() !== counted.nextProbeAt?.getTime()) {
      await this.db.updateTable('connectorStates')
        .set({ circuit: after.circuit, openedAt: after.openedAt, nextProbeAt: after.nextProbeAt, probeUntil: null })
        .where('connection', '=', connection.name)
        .execute();
    }
    this.cache.set(connection.name, { state: after, readAt: Date.now() });
  }

  private async read(name: string): Promise<CircuitState> {
    const hit = this.cache.get(name);
    if (hit && Date.now() - hit.readAt < CACHE_MS) return hit.state;
    const row = await this.db.selectFrom('connectorStates').select(['circuit', 'consecutiveFailures', 'openedAt', 'nextProbeAt']).where('connection', '=', name).executeTakeFirst();
    const state: CircuitState = row ?? { circuit: 'closed', consecutiveFailures: 0, openedAt: null, nextProbeAt: null };
    this.cache.set(name, { state, readAt: Date.now() });
    return state;
  }
}

import { sql } from 'kysely';
import type { Db } from '../../db/transaction.ts';
import { CircuitStore } from './circuit-store.ts';
import { ConnectorUnavailable, sleep, type ConnectionLimits, type ConnectorLimiter, type Permit } from './connector-limiter.ts';
import { bucketCapacity, takeToken } from './token-bucket.ts';

/** How long a slot is leased; the holder's heartbeat renews it, so a dead holder's slot frees within this. */
export const SLOT_LEASE_MS = 15_000;
/** How long a call waits for a slot before its job is put back in the queue. */
const MAX_SLOT_WAIT_MS = 2_000;

/**
 * The limiter for PostgreSQL with many worker processes: slots are leased rows of
 * `connector_slots` claimed with `FOR UPDATE SKIP LOCKED`, the rate limit a token bucket
 * in `connector_states` updated atomically, the breaker a {@link CircuitStore}.
 */
export class DbConnectorLimiter implements ConnectorLimiter {
  private readonly circuits: CircuitStore;
  /** In-process gates: at most a connection's limit of this process's calls compete for its slots in the database. */
  private readonly local = new Map<string, { inUse: number; waiting: Array<() => void> }>();

  constructor(private readonly db: Db) {
    this.circuits = new CircuitStore(db);
  }

  async acquire(connection: ConnectionLimits, holder: string): Promise<Permit> {
    const admission = await this.circuits.admit(connection);
    if (admission.kind === 'wait') throw new ConnectorUnavailable(connection.name, 'circuit_open', admission.until);
    const leaveGate = await this.enterGate(connection);
    let slot: number;
    try {
      slot = await this.claimSlot(connection, holder);
    } catch (error) {
      leaveGate();
      throw error;
    }
    try {
      await this.takeToken(connection);
    } catch (error) {
      await this.releaseSlot(connection.name, slot, holder);
      leaveGate();
      throw error;
    }
    let released = false;
    return {
      probe: admission.kind === 'probe',
      release: async () => {
        if (released) return;
        released = true;
        try {
          await this.releaseSlot(connection.name, slot, holder);
        } finally {
          leaveGate();
        }
      },
    };
  }

  /** Waits (FIFO, in memory) until fewer than the connection's limit of this process's calls hold or seek a slot. */
  private async enterGate(connection: ConnectionLimits): Promise<() => void> {
    let gate = this.local.get(connection.name);
    if (!gate) this.local.set(connection.name, (gate = { inUse: 0, waiting: [] }));
    const g = gate;
    if (g.inUse >= connection.maxConcurrency) await new Promise<void>((resolve) => g.waiting.push(resolve));
    else g.inUse += 1;
    return () => {
      const next = g.waiting.shift();
      if (next) next();
      else g.inUse -= 1;
    };
  }

  record(connection: ConnectionLimits, outcome: 'success' | 'failure' | 'neutral', error?: string): Promise<void> {
    return this.circuits.record(connection, outcome, error);
  }

  async renew(holder: string): Promise<void> {
    await sql`UPDATE connector_slots SET held_until = clock_timestamp() + make_interval(secs => ${SLOT_LEASE_MS / 1000}) WHERE held_by = ${holder}`.execute(this.db);
  }

  private async claimSlot(connection: ConnectionLimits, holder: string): Promise<number> {
    const deadline = Date.now() + MAX_SLOT_WAIT_MS;
    for (let wait = 2; ; wait = Math.min(50, wait * 2)) {
      const claimed = await sql<{ slot: number }>`
        UPDATE connector_slots SET held_by = ${holder}, held_until = clock_timestamp() + make_interval(secs => ${SLOT_LEASE_MS / 1000})
        WHERE (connection, slot) IN (
          SELECT connection, slot FROM connector_slots
          WHERE connection = ${connection.name} AND slot <= ${connection.maxConcurrency} AND held_until < clock_timestamp()
          LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING slot`.execute(this.db);
      if (claimed.rows[0]) return claimed.rows[0].slot;
      if (Date.now() > deadline) throw new ConnectorUnavailable(connection.name, 'busy', new Date(Date.now() + 100));
      await sleep(wait * (0.5 + Math.random()));
    }
  }

  private async releaseSlot(name: string, slot: number, holder: string): Promise<void> {
    await sql`UPDATE connector_slots SET held_by = NULL, held_until = '-infinity' WHERE connection = ${name} AND slot = ${slot} AND held_by = ${holder}`.execute(this.db);
  }

  private async takeToken(connection: ConnectionLimits): Promise<void> {
    const perMs = connection.maxPerMinute / 60_000;
    const capacity = bucketCapacity(connection.maxPerMinute);
    for (;;) {
      const taken = await sql<{ tokens: number }>`
        UPDATE connector_states
        SET tokens = LEAST(${capacity}::float8, tokens + EXTRACT(EPOCH FROM clock_timestamp() - tokens_at) * 1000 * ${perMs}::float8) - 1,
            tokens_at = clock_timestamp()
        WHERE connection = ${connection.name}
          AND LEAST(${capacity}::float8, tokens + EXTRACT(EPOCH FROM clock_timestamp() - tokens_at) * 1000 * ${perMs}::float8) >= 1
        RETURNING tokens`.execute(this.db);
      if (taken.rows.length > 0) return;
      const row = await this.db.selectFrom('connectorStates').select(['tokens', 'tokensAt']).where('connection', '=', connection.name).executeTakeFirst();
      if (!row) return; // no state row: the connection was removed meanwhile; nothing to limit
      const result = takeToken({ tokens: row.tokens, at: row.tokensAt.getTime() }, connection.maxPerMinute, Date.now());
      await sleep(result.ok ? 1 : Math.min(result.waitMs, 1_000) * (1 + Math.random() * 0.2));
    }
  }
}

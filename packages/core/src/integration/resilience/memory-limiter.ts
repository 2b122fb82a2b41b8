import type { Db } from '../../db/transaction.ts';
import { CircuitStore } from './circuit-store.ts';
import { ConnectorUnavailable, sleep, type ConnectionLimits, type ConnectorLimiter, type Permit } from './connector-limiter.ts';
import { takeToken, type Bucket } from './token-bucket.ts';

interface Lane {
  inUse: number;
  waiting: Array<() => void>;
  bucket: Bucket;
}

/**
 * The limiter for the embedded database, which one process opens: slots are a FIFO
 * semaphore and the rate a token bucket, both in memory (exact, no polling); the breaker
 * is still kept in the database, where the status API and the web app read it.
 */
export class MemoryConnectorLimiter implements ConnectorLimiter {
  private readonly lanes = new Map<string, Lane>();
  private readonly circuits: CircuitStore;

  constructor(db: Db) {
    this.circuits = new CircuitStore(db);
  }

  async acquire(connection: ConnectionLimits): Promise<Permit> {
    const admission = await this.circuits.admit(connection);
    if (admission.kind === 'wait') throw new ConnectorUnavailable(connection.name, 'circuit_open', admission.until);
    const lane = this.lane(connection.name);
    if (lane.inUse >= connection.maxConcurrency) await new Promise<void>((resolve) => lane.waiting.push(resolve));
    else lane.inUse += 1;
    let released = false;
    const release = async () => {
      if (released) return;
      released = true;
      const next = lane.waiting.shift();
      if (next) next(); // the slot passes straight to the next waiter
      else lane.inUse -= 1;
    };
    for (;;) {
      const result = takeToken(lane.bucket, connection.maxPerMinute, Date.now());
      if (result.ok) {
        lane.bucket = result.bucket;
        break;
      }
      await sleep(result.waitMs);
    }
    return { probe: admission.kind === 'probe', release };
  }

  record(connection: ConnectionLimits, outcome: 'success' | 'failure' | 'neutral', error?: string): Promise<void> {
    return this.circuits.record(connection, outcome, error);
  }

  async renew(): Promise<void> {
    // Nothing is leased: slots live and die with this process.
  }

  private lane(name: string): Lane {
    let lane = this.lanes.get(name);
    if (!lane) {
      lane = { inUse: 0, waiting: [], bucket: { tokens: 1, at: Date.now() } };
      this.lanes.set(name, lane);
    }
    return lane;
  }
}

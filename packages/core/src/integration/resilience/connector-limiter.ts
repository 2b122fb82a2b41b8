/** The limits and breaker settings of one connection (from `erp_connections`). */
export interface ConnectionLimits {
  readonly name: string;
  readonly maxConcurrency: number;
  readonly maxPerMinute: number;
  readonly timeoutMs: number;
  readonly breakerThreshold: number;
  readonly breakerCooldownMs: number;
}

/** Leave to make one call: give it back when the call is over. */
export interface Permit {
  /** This call is the circuit's half-open probe. */
  readonly probe: boolean;
  release(): Promise<void>;
}

/**
 * The connection cannot take a call now: its circuit is open, or every slot stayed busy.
 * The job waits until `retryAt` without using up an attempt.
 */
export class ConnectorUnavailable extends Error {
  override readonly name = 'ConnectorUnavailable';
  constructor(readonly connection: string, readonly reason: 'circuit_open' | 'busy', readonly retryAt: Date) {
    super(reason === 'circuit_open'
      ? `the connection ${connection} is paused after repeated failures (circuit open); it is tried again at ${retryAt.toISOString()}`
      : `the connection ${connection} is at its concurrency limit`);
  }
}

/**
 * Concurrency slots, the rate limit and the circuit breaker of ERP connections. One limit
 * for all workers: the database implementation serves any number of processes; the
 * in-memory one serves the embedded database, which only one process can open.
 */
export interface ConnectorLimiter {
  /** Waits (briefly) for a slot and a rate token; throws {@link ConnectorUnavailable}. */
  acquire(connection: ConnectionLimits, holder: string): Promise<Permit>;
  /**
   * Feeds the breaker: `success`, `failure` (no answer, 5xx, 429, auth) or `neutral` (the
   * ERP answered and refused the data: it is up).
   */
  record(connection: ConnectionLimits, outcome: 'success' | 'failure' | 'neutral', error?: string): Promise<void>;
  /** Extends the leases of the slots `holder` holds (the worker's heartbeat). */
  renew(holder: string): Promise<void>;
  /** Gives back whatever this process keeps (a worker stopping). */
  close?(): Promise<void>;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

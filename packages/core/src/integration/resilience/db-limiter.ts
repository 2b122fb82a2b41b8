import { sql } from 'kysely';
import type { Db } from '../../db/transaction.ts';
import { CircuitStore } from './circuit-store.ts';
import { ConnectorUnavailable, type ConnectionLimits, type ConnectorLimiter, type Permit } from './connector-limiter.ts';
import { bucketCapacity, takeToken } from './token-bucket.ts';
import { slotShare } from './slot-share.ts';

/** How long a slot is leased; renewed every third of it while kept, so a dead holder's slots free within this. */
export const SLOT_LEASE_MS = 6_000;
/** How long a call waits for a slot before its job is put back in the queue. */
const MAX_SLOT_WAIT_MS = 2_000;
/** A kept slot nobody here used for this long goes back to the database for the others. */
const IDLE_RELEASE_MS = 100;
/** How often a process with slots or waiting calls looks at who else wants the connection. */
const SHARE_EVERY_MS = 500;
/** How often waiting calls look for a freed slot: often when short of the share, rarely when not. */
const SHORT_POLL_MS = 15;
const WAITING_POLL_MS = 200;
/** How long a "we want slots" row stands unless renewed. */
const WANT_MS = 1_500;
/**
 * Rate tokens taken from the shared bucket in one statement (at most a quarter of the
 * bucket, so a tight limit is still shared), and how long unused ones stay valid here.
 */
const TOKEN_BATCH = 16;
const TOKEN_TTL_MS = 1_000;

interface Waiter {
  resolve(slot: number): void;
}

interface Lane {
  readonly name: string;
  readonly holder: string;
  limits: ConnectionLimits;
  /** Slots leased to this process in `connector_slots`. */
  readonly owned: Set<number>;
  /** Owned slots no call uses now, with when they were put down. */
  readonly idle: Map<number, number>;
  readonly waiting: Waiter[];
  /** Processes holding or wanting slots (this one included), as last read. */
  contenders: number;
  /** Another process is short of its share (as last read). */
  othersShort: boolean;
  shareReadAt: number;
  /** This process has a row in `connector_slot_waiters`, written at `wantedAt`. */
  wanting: boolean;
  wantedAt: number;
  renewedAt: number;
  timer: NodeJS.Timeout | undefined;
  timerAt: number;
  tending: boolean;
  tokens: number;
  tokensUntil: number;
}

/**
 * The limiter for PostgreSQL with many worker processes. A process keeps the slots of a
 * connection it is using — rows of `connector_slots` leased to it, claimed with
 * `FOR UPDATE SKIP LOCKED` and renewed while kept — and hands them from call to call in
 * memory, so a call costs no statement while the slots stay here. Slots go back when
 * nobody here used them for {@link IDLE_RELEASE_MS}, and beyond this process's even share
 * when another process says (in `connector_slot_waiters`) it is short of its own. The rate
 * limit is a token bucket in `connector_states`, taken from a few tokens at a time; the
 * breaker is a {@link CircuitStore}. The sum of all processes' slots never exceeds
 * `maxConcurrency`: every slot is one row with one holder.
 */
export class DbConnectorLimiter implements ConnectorLimiter {
  private readonly circuits: CircuitStore;
  private readonly lanes = new Map<string, Lane>();
  private closed = false;

  private readonly leaseMs: number;
  private readonly renewEveryMs: number;

  /** `leaseMs`: the slot lease (default {@link SLOT_LEASE_MS}, renewed every third of it); shorter only in tests. */
  constructor(private readonly db: Db, options: { leaseMs?: number } = {}) {
    this.circuits = new CircuitStore(db);
    this.leaseMs = options.leaseMs ?? SLOT_LEASE_MS;
    this.renewEveryMs = Math.floor(this.leaseMs / 3);
  }

  async acquire(connection: ConnectionLimits, holder: string): Promise<Permit> {
    if (this.closed) throw new ConnectorUnavailable(connection.name, 'busy', new Date(Date.now() + 1_000));
    const admission = await this.circuits.admit(connection);
    if (admission.kind === 'wait') throw new ConnectorUnavailable(connection.name, 'circuit_open', admission.until);
    const lane = this.lane(connection, holder);
    const slot = await this.takeSlot(lane);
    try {
      await this.takeToken(lane);
    } catch (error) {
      await this.putDown(lane, slot);
      throw error;
    }
    let released = false;
    return {
      probe: admission.kind === 'probe',
      release: async () => {
        if (released) return;
        released = true;
        await this.putDown(lane, slot);
      },
    };
  }

  record(connection: ConnectionLimits, outcome: 'success' | 'failure' | 'neutral', error?: string): Promise<void> {
    return this.circuits.record(connection, outcome, error);
  }

  async renew(holder: string): Promise<void> {
    await sql`UPDATE connector_slots SET held_until = clock_timestamp() + make_interval(secs => ${this.leaseMs / 1000}) WHERE held_by = ${holder}`.execute(this.db);
  }

  /** Gives every kept slot back and withdraws this process's wants (a worker stopping). */
  async close(): Promise<void> {
    this.closed = true;
    for (const lane of this.lanes.values()) {
      if (lane.timer) clearTimeout(lane.timer);
      lane.timer = undefined;
      const slots = [...lane.owned];
      lane.owned.clear();
      lane.idle.clear();
      await this.release(lane, slots);
      if (lane.wanting) await this.withdrawWant(lane);
    }
  }

  private lane(connection: ConnectionLimits, holder: string): Lane {
    const key = `${connection.name}\u0000${holder}`;
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = {
        name: connection.name, holder, limits: connection, owned: new Set(), idle: new Map(), waiting: [],
        contenders: 1, othersShort: false, shareReadAt: 0, wanting: false, wantedAt: 0, renewedAt: Date.now(),
        timer: undefined, timerAt: 0, tending: false, tokens: 0, tokensUntil: 0,
      };
      this.lanes.set(key, lane);
    }
    lane.limits = connection;
    return lane;
  }

  private async takeSlot(lane: Lane): Promise<number> {
    for (const slot of lane.idle.keys()) {
      lane.idle.delete(slot);
      if (slot <= lane.limits.maxConcurrency) return slot;
      await this.dropSlots(lane, [slot]); // the limit was lowered meanwhile
    }
    if (lane.waiting.length === 0 && lane.owned.size < lane.limits.maxConcurrency) {
      const [slot] = await this.claim(lane, 1);
      if (slot !== undefined) return slot;
    }
    return new Promise<number>((resolve, reject) => {
      const waiter: Waiter = {
        resolve: (slot) => {
          clearTimeout(timer);
          resolve(slot);
        },
      };
      const timer = setTimeout(() => {
        const at = lane.waiting.indexOf(waiter);
        if (at >= 0) lane.waiting.splice(at, 1);
        reject(new ConnectorUnavailable(lane.name, 'busy', new Date(Date.now() + 100)));
      }, MAX_SLOT_WAIT_MS);
      lane.waiting.push(waiter);
      this.tendSoon(lane, 0);
    });
  }

  /** A call is over: its slot goes to the next call waiting here, back to the database when owed to others, or rests. */
  private async putDown(lane: Lane, slot: number): Promise<void> {
    if (this.closed || !lane.owned.has(slot)) return;
    if (slot > lane.limits.maxConcurrency || (lane.othersShort && lane.owned.size > slotShare(lane.limits.maxConcurrency, lane.contenders).most)) {
      await this.dropSlots(lane, [slot]);
      return;
    }
    const next = lane.waiting.shift();
    if (next) {
      next.resolve(slot);
      return;
    }
    lane.idle.set(slot, Date.now());
    this.tendSoon(lane, IDLE_RELEASE_MS);
  }

  private async dropSlots(lane: Lane, slots: number[]): Promise<void> {
    for (const slot of slots) {
      lane.owned.delete(slot);
      lane.idle.delete(slot);
    }
    await this.release(lane, slots);
  }

  /** Runs {@link tend} in `ms` (or sooner, if already due sooner). */
  private tendSoon(lane: Lane, ms: number): void {
    if (this.closed) return;
    const at = Date.now() + ms;
    if (lane.timer && lane.timerAt <= at) return;
    if (lane.timer) clearTimeout(lane.timer);
    lane.timerAt = at;
    lane.timer = setTimeout(() => {
      lane.timer = undefined;
      void this.tend(lane);
    }, ms);
    lane.timer.unref();
  }

  /**
   * The lane's housekeeping, one at a time: gives back slots that rested too long, reads
   * who else wants the connection, says when this process is short, claims freed slots for
   * waiting calls, renews the lease of the kept ones.
   */
  private async tend(lane: Lane): Promise<void> {
    if (lane.tending || this.closed) return;
    lane.tending = true;
    try {
      const now = Date.now();
      const rested = [...lane.idle].filter(([, since]) => now - since >= IDLE_RELEASE_MS).map(([slot]) => slot);
      if (rested.length > 0) await this.dropSlots(lane, rested);
      const active = lane.owned.size > 0 || lane.waiting.length > 0;
      if (active && now - lane.shareReadAt >= SHARE_EVERY_MS) await this.readShare(lane);
      const short = lane.waiting.length > 0 && lane.owned.size < slotShare(lane.limits.maxConcurrency, lane.contenders).least;
      if (short && (!lane.wanting || Date.now() - lane.wantedAt >= WANT_MS / 3)) await this.want(lane);
      else if (!short && lane.wanting) await this.withdrawWant(lane);
      const room = Math.min(lane.waiting.length, lane.limits.maxConcurrency - lane.owned.size);
      if (room > 0) for (const slot of await this.claim(lane, room)) this.handOver(lane, slot);
      if (lane.owned.size > 0 && Date.now() - lane.renewedAt >= this.renewEveryMs) await this.renewLane(lane);
    } catch {
      // The database did not answer this time: waiting calls time out on their own; tried again below.
    } finally {
      lane.tending = false;
    }
    if (lane.waiting.length > 0) {
      const short = lane.owned.size < slotShare(lane.limits.maxConcurrency, lane.contenders).least;
      this.tendSoon(lane, short ? SHORT_POLL_MS : WAITING_POLL_MS);
    } else if (lane.idle.size > 0) this.tendSoon(lane, IDLE_RELEASE_MS);
    else if (lane.owned.size > 0) this.tendSoon(lane, this.renewEveryMs);
    else if (lane.wanting) void this.withdrawWant(lane).catch(() => {});
  }

  /** A slot claimed by {@link tend}: to the first waiting call, or resting if none waits any more. */
  private handOver(lane: Lane, slot: number): void {
    const next = lane.waiting.shift();
    if (next) next.resolve(slot);
    else lane.idle.set(slot, Date.now());
  }

  private async claim(lane: Lane, count: number): Promise<number[]> {
    const claimed = await sql<{ slot: number }>`
      UPDATE connector_slots SET held_by = ${lane.holder}, held_until = clock_timestamp() + make_interval(secs => ${this.leaseMs / 1000})
      WHERE (connection, slot) IN (
        SELECT connection, slot FROM connector_slots
        WHERE connection = ${lane.name} AND slot <= ${lane.limits.maxConcurrency} AND held_until < clock_timestamp()
        ORDER BY slot LIMIT ${count} FOR UPDATE SKIP LOCKED)
      RETURNING slot`.execute(this.db);
    const slots = claimed.rows.map((r) => r.slot);
    for (const slot of slots) lane.owned.add(slot);
    if (slots.length > 0 && lane.owned.size === slots.length) lane.renewedAt = Date.now();
    // Kept slots are renewed by the lane's housekeeping, however long the calls holding them last.
    if (slots.length > 0) this.tendSoon(lane, this.renewEveryMs);
    return slots;
  }

  private async release(lane: Lane, slots: readonly number[]): Promise<void> {
    if (slots.length === 0) return;
    await sql`UPDATE connector_slots SET held_by = NULL, held_until = '-infinity'
      WHERE connection = ${lane.name} AND slot = ANY(${[...slots]}::int[]) AND held_by = ${lane.holder}`.execute(this.db);
  }

  private async renewLane(lane: Lane): Promise<void> {
    lane.renewedAt = Date.now();
    await sql`UPDATE connector_slots SET held_until = clock_timestamp() + make_interval(secs => ${this.leaseMs / 1000})
      WHERE connection = ${lane.name} AND held_by = ${lane.holder}`.execute(this.db);
  }

  /** Who holds or wants the connection's slots now, and whether another process is short. */
  private async readShare(lane: Lane): Promise<void> {
    const rows = await sql<{ holder: string; wants: boolean }>`
      SELECT held_by AS holder, false AS wants FROM connector_slots
      WHERE connection = ${lane.name} AND held_by IS NOT NULL AND held_until > clock_timestamp()
      UNION ALL
      SELECT holder, true FROM connector_slot_waiters WHERE connection = ${lane.name} AND wanted_until > clock_timestamp()`.execute(this.db);
    const holders = new Set(rows.rows.map((r) => r.holder));
    holders.add(lane.holder);
    lane.contenders = holders.size;
    lane.othersShort = rows.rows.some((r) => r.wants && r.holder !== lane.holder);
    lane.shareReadAt = Date.now();
  }

  private async want(lane: Lane): Promise<void> {
    await sql`INSERT INTO connector_slot_waiters (connection, holder, wanted_until)
      VALUES (${lane.name}, ${lane.holder}, clock_timestamp() + make_interval(secs => ${WANT_MS / 1000}))
      ON CONFLICT (connection, holder) DO UPDATE SET wanted_until = EXCLUDED.wanted_until`.execute(this.db);
    lane.wanting = true;
    lane.wantedAt = Date.now();
  }

  private async withdrawWant(lane: Lane): Promise<void> {
    lane.wanting = false;
    await sql`DELETE FROM connector_slot_waiters WHERE connection = ${lane.name} AND holder = ${lane.holder}`.execute(this.db);
  }

  /** One rate token: from those this process took ahead, or a few more from the shared bucket. */
  private async takeToken(lane: Lane): Promise<void> {
    if (lane.tokens > 0 && Date.now() < lane.tokensUntil) {
      lane.tokens -= 1;
      return;
    }
    const connection = lane.limits;
    const perMs = connection.maxPerMinute / 60_000;
    const capacity = bucketCapacity(connection.maxPerMinute);
    const wanted = Math.max(1, Math.min(TOKEN_BATCH, Math.floor(capacity / 4)));
    for (;;) {
      const taken = await sql<{ granted: number }>`
        WITH bucket AS (
          SELECT LEAST(${capacity}::float8, tokens + EXTRACT(EPOCH FROM clock_timestamp() - tokens_at) * 1000 * ${perMs}::float8) AS available
          FROM connector_states WHERE connection = ${connection.name} FOR UPDATE)
        UPDATE connector_states SET tokens = bucket.available - LEAST(${wanted}, floor(bucket.available)), tokens_at = clock_timestamp()
        FROM bucket WHERE connector_states.connection = ${connection.name} AND bucket.available >= 1
        RETURNING LEAST(${wanted}, floor(bucket.available))::int AS granted`.execute(this.db);
      const granted = taken.rows[0]?.granted;
      if (granted !== undefined) {
        lane.tokens = granted - 1;
        lane.tokensUntil = Date.now() + TOKEN_TTL_MS;
        return;
      }
      const row = await this.db.selectFrom('connectorStates').select(['tokens', 'tokensAt']).where('connection', '=', connection.name).executeTakeFirst();
      if (!row) return; // no state row: the connection was removed meanwhile; nothing to limit
      const result = takeToken({ tokens: row.tokens, at: row.tokensAt.getTime() }, connection.maxPerMinute, Date.now());
      await new Promise((resolve) => setTimeout(resolve, result.ok ? 1 : Math.min(result.waitMs, 1_000) * (1 + Math.random() * 0.2)));
    }
  }
}

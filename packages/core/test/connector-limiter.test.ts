import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { DbConnectorLimiter, releaseHeldByPreviousLife, type ConnectionLimits, type Db, type Permit } from '@invoiceops/core';
import { testDatabaseKinds, useTestDatabase } from '@invoiceops/testing';

const LIMITS: ConnectionLimits = { name: 'erp-limits', maxConcurrency: 4, maxPerMinute: 600_000, timeoutMs: 5_000, breakerThreshold: 100, breakerCooldownMs: 30_000 };

async function createConnection(db: Db, limits: ConnectionLimits = LIMITS): Promise<void> {
  await sql`DELETE FROM erp_connections WHERE name = ${limits.name}`.execute(db);
  await sql`INSERT INTO erp_connections (name, kind, base_url, max_concurrency, max_per_minute) VALUES (${limits.name}, 'netsuite', 'http://127.0.0.1:1', ${limits.maxConcurrency}, ${limits.maxPerMinute})`.execute(db);
  await sql`INSERT INTO connector_states (connection, tokens) VALUES (${limits.name}, 1)`.execute(db);
  await sql`INSERT INTO connector_slots (connection, slot) SELECT ${limits.name}, s FROM generate_series(1, ${limits.maxConcurrency}::int) s`.execute(db);
}

async function heldBy(db: Db): Promise<Record<string, number>> {
  const rows = await sql<{ holder: string; n: number }>`
    SELECT held_by AS holder, count(*)::int AS n FROM connector_slots WHERE connection = ${LIMITS.name} AND held_by IS NOT NULL AND held_until > clock_timestamp() GROUP BY 1`.execute(db);
  return Object.fromEntries(rows.rows.map((r) => [r.holder, r.n]));
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Keeps `calls` calls of `holder` going through `limiter` until stopped, each holding its
 * permit `callMs`; counts the calls in flight across every holder in `inFlight`.
 */
function busy(limiter: DbConnectorLimiter, holder: string, calls: number, callMs: number, inFlight: { now: number; most: number }) {
  let stopped = false;
  let done = 0;
  const loops = Array.from({ length: calls }, async () => {
    while (!stopped) {
      let permit: Permit;
      try {
        permit = await limiter.acquire(LIMITS, holder);
      } catch {
        await pause(10); // busy for 2 s (or closed): ask again, as a deferred job would
        continue;
      }
      inFlight.now += 1;
      inFlight.most = Math.max(inFlight.most, inFlight.now);
      await pause(callMs);
      inFlight.now -= 1;
      done += 1;
      await permit.release();
    }
  });
  return {
    done: () => done,
    stop: async () => {
      stopped = true;
      await Promise.all(loops);
    },
  };
}

describe.each(testDatabaseKinds())('connection slots shared by worker processes on %s', (kind) => {
  const t = useTestDatabase(kind);
  const limiters: DbConnectorLimiter[] = [];
  const limiter = () => {
    const l = new DbConnectorLimiter(t.db);
    limiters.push(l);
    return l;
  };
  afterEach(async () => {
    for (const l of limiters.splice(0)) await l.close();
  });

  it('keeps its slots from call to call, and gives them back when its calls stop', async () => {
    await createConnection(t.db);
    const a = limiter();
    const first = await a.acquire(LIMITS, 'worker-a:1');
    await first.release();
    const second = await a.acquire(LIMITS, 'worker-a:1');
    // The same slot served both calls: one is leased, to this holder.
    expect(await heldBy(t.db)).toEqual({ 'worker-a:1': 1 });
    await second.release();
    await pause(400); // resting longer than the idle time
    expect(await heldBy(t.db)).toEqual({});
  });

  it('shares the limit between two busy processes, never more calls at once than the limit, and a latecomer gets its share', async () => {
    await createConnection(t.db);
    const inFlight = { now: 0, most: 0 };
    const a = busy(limiter(), 'worker-a:1', 6, 5, inFlight);
    await pause(300);
    expect(await heldBy(t.db)).toEqual({ 'worker-a:1': 4 });
    const b = busy(limiter(), 'worker-b:1', 6, 5, inFlight);
    try {
    // Within a few share readings (every 500 ms), the latecomer holds at least its even share (2 of 4).
    let share: Record<string, number> = {};
    for (let waited = 0; waited < 4_000 && (share['worker-b:1'] ?? 0) < 2; waited += 100) {
      await pause(100);
      share = await heldBy(t.db);
    }
    expect(share).toEqual({ 'worker-a:1': 2, 'worker-b:1': 2 });
    const before = { a: a.done(), b: b.done() };
    await pause(500);
    // Both keep working.
    expect(a.done()).toBeGreaterThan(before.a);
    expect(b.done()).toBeGreaterThan(before.b);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    expect(inFlight.most).toBeLessThanOrEqual(LIMITS.maxConcurrency);
  });

  it('keeps a slot leased for as long as the call holding it lasts, past its lease time', async () => {
    const one: ConnectionLimits = { ...LIMITS, name: 'erp-one-slot', maxConcurrency: 1 };
    await createConnection(t.db, one);
    const a = new DbConnectorLimiter(t.db, { leaseMs: 600 });
    const b = new DbConnectorLimiter(t.db, { leaseMs: 600 });
    limiters.push(a, b);
    const permit = await a.acquire(one, 'worker-a:1');
    await pause(1_500); // a slow ERP call: more than twice the lease
    // Still held by the call: the other process waits its 2 s and is told the connection is busy.
    await expect(b.acquire(one, 'worker-b:1')).rejects.toThrow('the connection erp-one-slot is at its concurrency limit');
    await permit.release();
    // Given back once the call is over (after resting 100 ms unused): the other process gets it.
    const next = await b.acquire(one, 'worker-b:1');
    await next.release();
  });

  it('gives everything back when closed, and a worker restarted under its name frees what its previous life held', async () => {
    await createConnection(t.db);
    const a = limiter();
    const permits = await Promise.all([a.acquire(LIMITS, 'bench-1:old'), a.acquire(LIMITS, 'bench-1:old')]);
    expect(await heldBy(t.db)).toEqual({ 'bench-1:old': 2 });
    await a.close();
    expect(await heldBy(t.db)).toEqual({});
    for (const p of permits) await p.release(); // after close: nothing more to give back

    // A killed process never closes: its slots and running jobs stay leased until its name comes back.
    const killed = new DbConnectorLimiter(t.db);
    await Promise.all([killed.acquire(LIMITS, 'bench-1:dead'), killed.acquire(LIMITS, 'bench-1:dead'), killed.acquire(LIMITS, 'bench-10:alive')]);
    const job = await t.db.insertInto('jobs').values({ id: 'job_limiter_test', type: 'post_document', payload: JSON.stringify({}) }).returning('id').executeTakeFirstOrThrow();
    await sql`UPDATE jobs SET state = 'running', locked_by = 'bench-1:dead', locked_until = now() + interval '1 minute' WHERE id = ${job.id}`.execute(t.db);
    expect(await releaseHeldByPreviousLife(t.db, 'bench-1', 'bench-1:new')).toBe(1);
    // bench-10 is another worker: "bench-1" frees only its own.
    expect(await heldBy(t.db)).toEqual({ 'bench-10:alive': 1 });
    expect(await t.db.selectFrom('jobs').select(['state', 'lockedBy']).where('id', '=', job.id).executeTakeFirstOrThrow()).toEqual({ state: 'queued', lockedBy: null });
    await t.db.deleteFrom('jobs').where('id', '=', job.id).execute();
    limiters.push(killed);
    await expect(releaseHeldByPreviousLife(t.db, 'bench 1', 'x')).rejects.toThrow('worker name "bench 1" must be 1–64 letters, digits, dots, dashes or underscores');
  });
});

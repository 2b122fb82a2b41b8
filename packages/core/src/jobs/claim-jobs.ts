import { sql } from 'kysely';
import type { Db } from '../db/transaction.ts';
import { jsonParam } from '../db/json-param.ts';

export interface ClaimedJob {
  id: string;
  type: string;
  version: number;
  payload: Record<string, unknown>;
  attempts: number;
  maxAttempts: number;
}

/**
 * Claims up to `limit` due jobs for `workerId` with a lease. `FOR UPDATE SKIP LOCKED`
 * lets any number of workers poll one table without blocking or double-claiming; a job
 * whose lease ran out (its worker died) is due again and is claimed by another.
 */
export async function claimJobs(db: Db, workerId: string, limit: number, leaseMs: number, options: { requeueExpired?: boolean } = {}): Promise<ClaimedJob[]> {
  // Jobs whose worker died are queued again first (an index range over running jobs), so the
  // claim itself reads only the queued index in order — no scan of the whole table. A
  // polling worker asks for this about once a second (`requeueExpired: false` otherwise).
  if (options.requeueExpired !== false) {
    await sql`UPDATE jobs SET state = 'queued', locked_by = NULL, locked_until = NULL, updated_at = now()
      WHERE state = 'running' AND locked_until < now()`.execute(db);
  }
  const result = await sql<ClaimedJob>`
    UPDATE jobs SET state = 'running', locked_by = ${workerId},
      locked_until = now() + make_interval(secs => ${leaseMs / 1000}),
      attempts = attempts + 1, updated_at = now()
    WHERE id IN (
      SELECT id FROM jobs
      WHERE state = 'queued' AND run_at <= now()
      ORDER BY run_at, created_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id, type, version, payload, attempts, max_attempts AS "maxAttempts"`.execute(db);
  return result.rows;
}

/** Marks a job done (only if this worker still holds it). */
export async function completeJob(db: Db, id: string, workerId: string): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ state: 'succeeded', finishedAt: new Date(), updatedAt: new Date(), lockedUntil: null, lastError: null })
    .where('id', '=', id)
    .where('lockedBy', '=', workerId)
    .execute();
}

/** Marks many jobs done at once (those this worker still holds). */
export async function completeJobs(db: Db, ids: readonly string[], workerId: string): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('jobs')
    .set({ state: 'succeeded', finishedAt: new Date(), updatedAt: new Date(), lockedUntil: null, lastError: null })
    .where('id', 'in', ids)
    .where('lockedBy', '=', workerId)
    .execute();
}

/**
 * Records a failure: retried after `retryAfterMs`, or dead-lettered when attempts are
 * exhausted or the error is not retryable.
 */
export async function failJob(
  db: Db,
  job: ClaimedJob,
  workerId: string,
  error: string,
  retry: { retryable: boolean; retryAfterMs: number },
): Promise<'queued' | 'dead'> {
  const dead = !retry.retryable || job.attempts >= job.maxAttempts;
  await db
    .updateTable('jobs')
    .set({
      state: dead ? 'dead' : 'queued',
      runAt: new Date(Date.now() + retry.retryAfterMs),
      lastError: error.slice(0, 2000),
      lockedUntil: null,
      updatedAt: new Date(),
      ...(dead ? { finishedAt: new Date() } : {}),
    })
    .where('id', '=', job.id)
    .where('lockedBy', '=', workerId)
    .execute();
  return dead ? 'dead' : 'queued';
}

/** Full-jitter exponential backoff: a random delay in [0, min(cap, base·2^attempt)). */
export function backoffDelayMs(attempt: number, baseMs = 1_000, capMs = 15 * 60_000, random: () => number = Math.random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/**
 * Puts a claimed job back until `runAt` without using up the attempt it was claimed with:
 * the ERP it needs is paused (circuit open) or busy, which is not the job's failure.
 */
export async function deferJob(db: Db, job: ClaimedJob, workerId: string, runAt: Date, reason: string): Promise<void> {
  await db
    .updateTable('jobs')
    .set((eb) => ({ state: 'queued', runAt, attempts: eb('attempts', '-', 1), lockedUntil: null, lastError: reason.slice(0, 2000), updatedAt: new Date() }))
    .where('id', '=', job.id)
    .where('lockedBy', '=', workerId)
    .execute();
}

/** A claimed job to put back in the queue: retried at `runAt`, or deferred (`refund`: its attempt is given back). */
export interface RequeuedJob {
  readonly id: string;
  readonly runAt: Date;
  readonly error: string;
  readonly refund: boolean;
}

/**
 * Puts many claimed jobs back in one statement (a batch's retries and deferrals), those
 * this worker still holds; each as {@link failJob} (retryable, attempts left) or
 * {@link deferJob} would.
 */
export async function requeueJobs(db: Db, workerId: string, jobs: readonly RequeuedJob[]): Promise<void> {
  if (jobs.length === 0) return;
  const rows = jobs.map((j) => ({ id: j.id, run_at: j.runAt.toISOString(), error: j.error.slice(0, 2000), refund: j.refund ? 1 : 0 }));
  await sql`UPDATE jobs SET state = 'queued', run_at = v.run_at, attempts = jobs.attempts - v.refund, locked_until = NULL, last_error = v.error, updated_at = now()
    FROM json_to_recordset(${jsonParam(JSON.stringify(rows))}) AS v(id text, run_at timestamptz, error text, refund int)
    WHERE jobs.id = v.id AND jobs.locked_by = ${workerId}`.execute(db);
}

/** Extends the leases of the jobs a live worker holds (its heartbeat). */
export async function renewJobLeases(db: Db, workerId: string, leaseMs: number): Promise<void> {
  await sql`UPDATE jobs SET locked_until = now() + make_interval(secs => ${leaseMs / 1000})
    WHERE locked_by = ${workerId} AND state = 'running'`.execute(db);
}

/**
 * Queues again every job left running: only for the embedded database, which one process
 * opens, so at start-up nobody else can be running them (their process was killed). On a
 * server, expired leases do this instead. Returns how many were released.
 */
export async function releaseOrphanedJobs(db: Db): Promise<number> {
  const result = await db.updateTable('jobs').set({ state: 'queued', lockedBy: null, lockedUntil: null, updatedAt: new Date() }).where('state', '=', 'running').executeTakeFirst();
  await sql`UPDATE connector_slots SET held_by = NULL, held_until = '-infinity' WHERE held_by IS NOT NULL`.execute(db);
  await sql`DELETE FROM connector_slot_waiters`.execute(db);
  return Number(result.numUpdatedRows);
}

/** What a worker name may be: it prefixes the worker's id (`name:random`). */
export const WORKER_NAME_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * A worker restarted under its stable name (INVOICEOPS_WORKER_NAME: a pod or service
 * instance name, unique among the live workers) frees what its previous life still held —
 * running jobs, ERP connection slots, wants for slots — at once, instead of leaving them
 * until their leases run out. Returns how many jobs were queued again.
 */
export async function releaseHeldByPreviousLife(db: Db, name: string, currentId: string): Promise<number> {
  if (!WORKER_NAME_PATTERN.test(name)) throw new Error(`worker name "${name}" must be 1–64 letters, digits, dots, dashes or underscores`);
  const prefix = `${name}:`;
  const jobs = await sql`UPDATE jobs SET state = 'queued', locked_by = NULL, locked_until = NULL, updated_at = now()
    WHERE state = 'running' AND starts_with(locked_by, ${prefix}) AND locked_by <> ${currentId}`.execute(db);
  await sql`UPDATE connector_slots SET held_by = NULL, held_until = '-infinity' WHERE starts_with(held_by, ${prefix}) AND held_by <> ${currentId}`.execute(db);
  await sql`DELETE FROM connector_slot_waiters WHERE starts_with(holder, ${prefix}) AND holder <> ${currentId}`.execute(db);
  return Number(jobs.numAffectedRows ?? 0n);
}

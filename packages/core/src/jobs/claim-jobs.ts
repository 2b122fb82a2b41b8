import { sql } from 'kysely';
import type { Db } from '../db/transaction.ts';

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
export async function claimJobs(db: Db, workerId: string, limit: number, leaseMs: number): Promise<ClaimedJob[]> {
  const result = await sql<ClaimedJob>`
    UPDATE jobs SET state = 'running', locked_by = ${workerId},
      locked_until = now() + make_interval(secs => ${leaseMs / 1000}),
      attempts = attempts + 1, updated_at = now()
    WHERE id IN (
      SELECT id FROM jobs
      WHERE (state = 'queued' AND run_at <= now()) OR (state = 'running' AND locked_until < now())
      ORDER BY run_at
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

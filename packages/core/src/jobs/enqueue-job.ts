import { insertRows } from '../db/insert-rows.ts';
import type { Trx, Db } from '../db/transaction.ts';
import { ID_PREFIX, newId } from '../shared/ids.ts';

export interface EnqueueJobInput {
  type: string;
  payload: Record<string, unknown>;
  version?: number;
  runAt?: Date;
  maxAttempts?: number;
  /** At most one job with this key ever exists: scheduled jobs fire once across workers. */
  dedupeKey?: string;
}

/**
 * Adds a job to the outbox. Called with the use case's transaction, the job exists if
 * and only if the business write commits (transactional outbox). Returns the job id, or
 * undefined when a job with the same dedupe key already exists.
 */
export async function enqueueJob(trx: Trx | Db, input: EnqueueJobInput): Promise<string | undefined> {
  const row = await trx
    .insertInto('jobs')
    .values({
      id: newId(ID_PREFIX.job),
      type: input.type,
      version: input.version ?? 1,
      payload: JSON.stringify(input.payload),
      runAt: input.runAt ?? new Date(),
      maxAttempts: input.maxAttempts ?? 10,
      dedupeKey: input.dedupeKey ?? null,
    })
    .onConflict((oc) => oc.column('dedupeKey').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/** Jobs per statement of {@link enqueueJobs}. */
const BATCH = 1000;

/**
 * {@link enqueueJob} for many jobs at once (a bill run queues a posting and an email per
 * invoice): a statement per 1,000 jobs, each written as one JSON document. A job whose
 * dedupe key already exists is left out, as with one.
 */
export async function enqueueJobs(trx: Trx | Db, inputs: readonly EnqueueJobInput[]): Promise<void> {
  const now = new Date();
  for (let i = 0; i < inputs.length; i += BATCH) {
    const rows = inputs.slice(i, i + BATCH).map((input) => ({
      id: newId(ID_PREFIX.job),
      type: input.type,
      version: input.version ?? 1,
      payload: input.payload,
      runAt: input.runAt ?? now,
      maxAttempts: input.maxAttempts ?? 10,
      dedupeKey: input.dedupeKey ?? null,
    }));
    await insertRows(trx, 'jobs', rows, [], { onConflictDoNothing: ['dedupeKey'] });
  }
}

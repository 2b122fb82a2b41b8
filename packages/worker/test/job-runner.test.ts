import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { claimJobs, enqueueJob, type Db } from '@invoiceops/core';
import { testDatabaseKinds, useTestDatabase } from '@invoiceops/testing';
import { RetryableError, startWorker, type JobDefinition } from '../src/index.ts';

const logger = pino({ level: 'silent' });

function recorder(type: string, behaviour: (n: number) => void = () => {}): JobDefinition & { seen: string[] } {
  const seen: string[] = [];
  return {
    type,
    version: 1,
    payload: z.object({ ref: z.string() }),
    seen,
    async handle(_db, payload) {
      seen.push((payload as { ref: string }).ref);
      behaviour(seen.length);
    },
  };
}

async function jobState(db: Db, id: string) {
  return db.selectFrom('jobs').select(['state', 'attempts', 'lastError']).where('id', '=', id).executeTakeFirstOrThrow();
}

describe.each(testDatabaseKinds())('job runner on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('runs each job exactly once across two workers polling the same table', async () => {
    const definition = recorder('test.once');
    for (let i = 0; i < 20; i += 1) await enqueueJob(t.db, { type: definition.type, payload: { ref: `r${i}` } });
    const a = startWorker({ db: t.db, logger, definitions: [definition], batchSize: 3 }, false);
    const b = startWorker({ db: t.db, logger, definitions: [definition], batchSize: 3 }, false);
    for (let round = 0; round < 10; round += 1) await Promise.all([a.tick(), b.tick()]);
    expect([...definition.seen].sort()).toEqual(Array.from({ length: 20 }, (_, i) => `r${i}`).sort());
  });

  it('retries a retryable failure later and succeeds', async () => {
    const definition = recorder('test.flaky', (n) => {
      if (n === 1) throw new RetryableError('ERP timed out', 0);
    });
    const id = (await enqueueJob(t.db, { type: definition.type, payload: { ref: 'flaky' } }))!;
    const worker = startWorker({ db: t.db, logger, definitions: [definition] }, false);
    await worker.tick();
    expect(await jobState(t.db, id)).toMatchObject({ state: 'queued', attempts: 1, lastError: 'ERP timed out' });
    await worker.tick();
    expect(await jobState(t.db, id)).toMatchObject({ state: 'succeeded', attempts: 2 });
  });

  it('runs a job again when PostgreSQL aborted its transaction to break a deadlock, instead of dead-lettering it', async () => {
    const definition = recorder('test.deadlocked', (n) => {
      if (n === 1) throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
    });
    const id = (await enqueueJob(t.db, { type: definition.type, payload: { ref: 'deadlocked' } }))!;
    const worker = startWorker({ db: t.db, logger, definitions: [definition] }, false);
    await worker.tick();
    expect(await jobState(t.db, id)).toMatchObject({ state: 'queued', attempts: 1, lastError: 'deadlock detected' });
  });

  it('dead-letters a non-retryable failure at once and a retryable one after max attempts', async () => {
    const broken = recorder('test.broken', () => {
      throw new Error('mapping missing');
    });
    const flaky = recorder('test.always-flaky', () => {
      throw new RetryableError('still down', 0);
    });
    const brokenId = (await enqueueJob(t.db, { type: broken.type, payload: { ref: 'x' } }))!;
    const flakyId = (await enqueueJob(t.db, { type: flaky.type, payload: { ref: 'y' }, maxAttempts: 3 }))!;
    const worker = startWorker({ db: t.db, logger, definitions: [broken, flaky] }, false);
    for (let i = 0; i < 4; i += 1) await worker.tick();
    expect(await jobState(t.db, brokenId)).toMatchObject({ state: 'dead', attempts: 1, lastError: 'mapping missing' });
    expect(await jobState(t.db, flakyId)).toMatchObject({ state: 'dead', attempts: 3 });
  });

  it('gives a job whose worker died (lease expired) to another worker', async () => {
    const definition = recorder('test.lease');
    const id = (await enqueueJob(t.db, { type: definition.type, payload: { ref: 'orphan' } }))!;
    const claimed = await claimJobs(t.db, 'dead-worker', 10, 1);
    expect(claimed.map((j) => j.id)).toContain(id);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const survivor = startWorker({ db: t.db, logger, definitions: [definition] }, false);
    await survivor.tick();
    expect(definition.seen).toEqual(['orphan']);
    expect(await jobState(t.db, id)).toMatchObject({ state: 'succeeded', attempts: 2 });
  });

  it('puts a job that a stop with interrupt cuts short back in the queue, its attempt given back', async () => {
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const definition: JobDefinition = {
      type: 'test.long',
      version: 1,
      payload: z.object({}),
      // as a bill run does between chunks: stops with the signal's reason
      handle: (_db, _payload, job) => new Promise((_resolve, reject) => {
        job.signal!.addEventListener('abort', () => reject(job.signal!.reason as Error));
        started();
      }),
    };
    const id = (await enqueueJob(t.db, { type: definition.type, payload: {} }))!;
    const worker = startWorker({ db: t.db, logger, definitions: [definition], schedule: false }, false);
    const ticked = worker.tick();
    await running;
    await worker.stop({ interrupt: true });
    await ticked;
    expect(await jobState(t.db, id)).toMatchObject({ state: 'queued', attempts: 0, lastError: 'interrupted: its worker stopped' });
  });

  it('schedules the hourly maintenance job once however many workers tick', async () => {
    const workers = [1, 2, 3].map(() => startWorker({ db: t.db, logger, definitions: [] }, false));
    await Promise.all(workers.map((w) => w.tick()));
    const hour = new Date().toISOString().slice(0, 13);
    const rows = await t.db.selectFrom('jobs').select('id').where('dedupeKey', '=', `maintenance.purge_expired:${hour}`).execute();
    expect(rows).toHaveLength(1);
  });
});

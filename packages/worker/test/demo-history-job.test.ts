import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { BILL_RUN_JOB, DEMO_BILLING_PERIOD, DEMO_HISTORY_JOB, DEMO_HISTORY_RUNS, queueDemoHistory, seedDemoData } from '@invoiceops/core';
import { testDatabaseKinds, useTestDatabase } from '@invoiceops/testing';
import { JOB_DEFINITIONS, startWorker } from '../src/index.ts';

const HISTORY_ONLY = JOB_DEFINITIONS.filter((d) => d.type === DEMO_HISTORY_JOB);

describe.each(testDatabaseKinds())('demo history job on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('bills the history of a demo seeded with one, in the background, then queues the demo month', async () => {
    const seeded = await seedDemoData(t.db, { customers: 60, suppliers: 5, history: true });
    await queueDemoHistory(t.db, new Date(seeded.seededAt));
    await queueDemoHistory(t.db, new Date(seeded.seededAt)); // once, however often it is asked
    const worker = startWorker({ db: t.db, logger: pino({ level: 'silent' }), definitions: HISTORY_ONLY, schedule: false }, false);
    await worker.tick();
    const jobs = await t.db.selectFrom('jobs').select(['type', 'state']).where('type', 'in', [DEMO_HISTORY_JOB, BILL_RUN_JOB]).orderBy('type').execute();
    expect(jobs).toEqual([{ type: BILL_RUN_JOB, state: 'queued' }, { type: DEMO_HISTORY_JOB, state: 'succeeded' }]);
    const runs = await t.db.selectFrom('billRuns').select(['period', 'status']).orderBy('period').execute();
    expect(runs).toEqual([...DEMO_HISTORY_RUNS.map((r) => ({ period: r.period, status: 'completed' })), { period: DEMO_BILLING_PERIOD, status: 'running' }]);
  });
});

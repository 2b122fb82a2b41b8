import { ALL_ENTITIES, DEMO_BILLING_PERIOD, SYSTEM_CONTEXT, billDemoHistory, createBillRun, executeBillRun, type BillRun, type Db, type DemoSeedSummary } from '@invoiceops/core';
import { createTaxEngine } from '@invoiceops/connectors';
import { progressReporter } from './progress.ts';

/**
 * Bills the demo right after seeding — its history first when it was seeded with one — and
 * submits the invoices to the controls, so a new install shows issued invoices, exceptions
 * and approvals, some of them overdue.
 */
export async function billDemoMonth(db: Db, seeded: Pick<DemoSeedSummary, 'history' | 'seededAt'>): Promise<BillRun> {
  const taxEngine = createTaxEngine({ kind: 'builtin' });
  if (seeded.history) {
    const history = progressReporter('billing the history (July to September)');
    try {
      history.update(0, 1, 'steps');
      await billDemoHistory(db, { taxEngine, seededAt: new Date(seeded.seededAt), onStep: (_step, done, total) => history.update(done, total, 'steps') });
    } finally {
      history.stop();
    }
  }
  const progress = progressReporter(`billing ${DEMO_BILLING_PERIOD}`);
  try {
    const run = await createBillRun(db, SYSTEM_CONTEXT, { period: DEMO_BILLING_PERIOD, finalize: true }, ALL_ENTITIES, { enqueue: false });
    return await executeBillRun(db, SYSTEM_CONTEXT, run.id, { taxEngine, onProgress: (done, total) => progress.update(done, total, 'customers') });
  } finally {
    progress.stop();
  }
}

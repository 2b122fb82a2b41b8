import { ALL_ENTITIES, DEMO_BILLING_PERIOD, SYSTEM_CONTEXT, createBillRun, executeBillRun, type BillRun, type Db } from '@invoiceops/core';
import { createTaxEngine } from '@invoiceops/connectors';
import { progressReporter } from './progress.ts';

/** Bills the demo month right after seeding and submits the invoices to the controls, so a new install shows issued invoices, exceptions and approvals. */
export async function billDemoMonth(db: Db): Promise<BillRun> {
  const progress = progressReporter(`billing ${DEMO_BILLING_PERIOD}`);
  try {
    const run = await createBillRun(db, SYSTEM_CONTEXT, { period: DEMO_BILLING_PERIOD, finalize: true }, ALL_ENTITIES, { enqueue: false });
    return await executeBillRun(db, SYSTEM_CONTEXT, run.id, {
      taxEngine: createTaxEngine({ kind: 'builtin' }),
      onProgress: (done, total) => progress.update(done, total, 'customers'),
    });
  } finally {
    progress.stop();
  }
}

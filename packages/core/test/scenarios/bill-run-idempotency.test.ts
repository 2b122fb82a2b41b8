import { describe, expect, it } from 'vitest';
import { ALL_ENTITIES, SYSTEM_CONTEXT, createBillRun, executeBillRun, getBillRun, type Db, type TaxEngine } from '@invoiceops/core';
import {
  createCustomer,
  createScenarioFixture,
  createTestContract,
  countInvoiceRows,
  invoicesFor,
  scenarioTaxEngine,
  seatLine,
  testDatabaseKinds,
  useTestDatabase,
  withRollback,
  type ScenarioFixture,
} from '@invoiceops/testing';

// Scenario 13: a bill run is idempotent and resumable. At most one invoice per customer +
// period + currency, whether a run is executed twice, resumed after a crash, or two runs for
// the same period race each other.

/** `count` customers of one entity, each with a 300.00 monthly contract from 2026-01-01. */
async function customersWithContracts(db: Db, count: number): Promise<{ f: ScenarioFixture; customerIds: string[] }> {
  const f = await createScenarioFixture(db);
  const customerIds = [f.customer.id];
  for (let i = 1; i < count; i++) customerIds.push((await createCustomer(db, f.entity.id)).id);
  for (const customerId of customerIds) {
    await createTestContract(db, f, { customerId, startDate: '2026-01-01', alignment: 'calendar', lines: [seatLine(f, '30.00', '10')] });
  }
  return { f, customerIds };
}

const startRun = (db: Db, period: string, entityId: string) =>
  createBillRun(db, SYSTEM_CONTEXT, { period, entityId, finalize: false }, ALL_ENTITIES, { enqueue: false });

describe.each(testDatabaseKinds())('bill run idempotency on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('executes the same run twice without a second invoice', async () => {
    await withRollback(t.db, async (trx) => {
      const { f, customerIds } = await customersWithContracts(trx, 2);
      const run = await startRun(trx, '2026-01', f.entity.id);
      const first = await executeBillRun(trx, SYSTEM_CONTEXT, run.id, { taxEngine: scenarioTaxEngine });
      const second = await executeBillRun(trx, SYSTEM_CONTEXT, run.id, { taxEngine: scenarioTaxEngine });
      expect(first).toMatchObject({ status: 'completed', customersTotal: 2, customersDone: 2, invoicesCreated: 2, errors: [] });
      expect(second).toMatchObject({ status: 'completed', customersDone: 2, invoicesCreated: 2, errors: [] });
      for (const customerId of customerIds) expect(await countInvoiceRows(trx, customerId, '2026-01')).toBe(1);
    });
  });

  /** Starts a run whose worker "dies" while pricing tax for the second customer (that call never returns). */
  async function crashWhilePricingSecondCustomer(db: Db, entityId: string): Promise<string> {
    const run = await startRun(db, '2026-01', entityId);
    let calls = 0;
    const dying: TaxEngine = {
      name: 'dying',
      version: '1',
      calculate: (request) => (++calls === 2 ? new Promise(() => {}) : scenarioTaxEngine.calculate(request)),
    };
    void executeBillRun(db, SYSTEM_CONTEXT, run.id, { taxEngine: dying });
    while (calls < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    return run.id;
  }

  it('stops before its next chunk once its signal is aborted (the process stops), and resumes when executed again', async () => {
    await withRollback(t.db, async (trx) => {
      const { f, customerIds } = await customersWithContracts(trx, 2);
      const run = await startRun(trx, '2026-01', f.entity.id);
      const stopping = new AbortController();
      stopping.abort(new Error('the worker is stopping'));
      await expect(executeBillRun(trx, SYSTEM_CONTEXT, run.id, { taxEngine: scenarioTaxEngine, signal: stopping.signal })).rejects.toBe(stopping.signal.reason);
      expect(await getBillRun(trx, run.id)).toMatchObject({ status: 'running', customersDone: 0, invoicesCreated: 0 });
      const resumed = await executeBillRun(trx, SYSTEM_CONTEXT, run.id, { taxEngine: scenarioTaxEngine });
      expect(resumed).toMatchObject({ status: 'completed', customersDone: 2, invoicesCreated: 2, errors: [] });
      for (const customerId of customerIds) expect(await countInvoiceRows(trx, customerId, '2026-01')).toBe(1);
    });
  });

  it('resumes a run that crashed mid-run: every customer billed once, nobody twice', async () => {
    await withRollback(t.db, async (trx) => {
      const { f, customerIds } = await customersWithContracts(trx, 2);
      const runId = await crashWhilePricingSecondCustomer(trx, f.entity.id);
      // Whatever committed before the crash (the first customer's invoice when invoices are
      // written one by one, nothing when a chunk is written at once), nobody has two.
      for (const customerId of customerIds) expect(await countInvoiceRows(trx, customerId, '2026-01')).toBeLessThanOrEqual(1);
      expect((await getBillRun(trx, runId)).status).toBe('running');

      const resumed = await executeBillRun(trx, SYSTEM_CONTEXT, runId, { taxEngine: scenarioTaxEngine });
      expect(resumed).toMatchObject({ status: 'completed', customersDone: 2, errors: [] });
      for (const customerId of customerIds) {
        const invoices = await invoicesFor(trx, customerId, '2026-01');
        expect(invoices.map((i) => [i.total, i.billRunId])).toEqual([['300.00', runId]]);
      }
    });
  });

  it('bills a customer whose tax failed when the run is executed again', async () => {
    await withRollback(t.db, async (trx) => {
      const { f, customerIds } = await customersWithContracts(trx, 1);
      const run = await startRun(trx, '2026-01', f.entity.id);
      const failing: TaxEngine = { name: 'down', version: '1', calculate: () => Promise.reject(new Error('tax service unavailable')) };
      const failed = await executeBillRun(trx, SYSTEM_CONTEXT, run.id, { taxEngine: failing });
      expect(failed.errors).toEqual([{ customerId: customerIds[0], message: 'tax service unavailable' }]);
      expect(await countInvoiceRows(trx, customerIds[0]!, '2026-01')).toBe(0);

      const retried = await executeBillRun(trx, SYSTEM_CONTEXT, run.id, { taxEngine: scenarioTaxEngine });
      expect(await countInvoiceRows(trx, customerIds[0]!, '2026-01')).toBe(1);
      expect(retried).toMatchObject({ status: 'completed', invoicesCreated: 1 });
    });
  });

  // Regression test, fixed (stale errors after a successful retry). Expected: once re-executing the run bills the
  // customer whose tax failed, the run no longer lists that customer as an error. Actual: the
  // completed run still shows { customerId, message: 'tax service unavailable' } next to the
  // customer's new invoice, so an operator reading the run thinks the customer is unbilled.
  // Cause: billing/execute-bill-run.ts `executeBillRun` starts from `errors = [...run.errors]`
  // and only ever appends; it should drop (or mark resolved) the errors of customers that now
  // have their invoice for the period.
  it('clears a customer\'s error from the run once a re-execution bills that customer', async () => {
    await withRollback(t.db, async (trx) => {
      const { f } = await customersWithContracts(trx, 1);
      const run = await startRun(trx, '2026-01', f.entity.id);
      const failing: TaxEngine = { name: 'down', version: '1', calculate: () => Promise.reject(new Error('tax service unavailable')) };
      await executeBillRun(trx, SYSTEM_CONTEXT, run.id, { taxEngine: failing });
      const retried = await executeBillRun(trx, SYSTEM_CONTEXT, run.id, { taxEngine: scenarioTaxEngine });
      expect(retried.errors).toEqual([]);
    });
  });

  // Committed on purpose (no withRollback): concurrency needs separate transactions, and on
  // PostgreSQL separate connections. The rows are this test's own customers; every other
  // test bills only its own customers or entity.
  it('races two runs for the same period (and one run executed twice at once): one invoice per customer', async () => {
    const db = t.db;
    const { f, customerIds } = await customersWithContracts(db, 6);
    const runA = await startRun(db, '2026-01', f.entity.id);
    const runB = await startRun(db, '2026-01', f.entity.id);
    const results = await Promise.all([
      executeBillRun(db, SYSTEM_CONTEXT, runA.id, { taxEngine: scenarioTaxEngine }),
      executeBillRun(db, SYSTEM_CONTEXT, runB.id, { taxEngine: scenarioTaxEngine }),
      executeBillRun(db, SYSTEM_CONTEXT, runB.id, { taxEngine: scenarioTaxEngine }),
    ]);
    for (const r of results) expect(r).toMatchObject({ status: 'completed', errors: [] });
    for (const customerId of customerIds) expect(await countInvoiceRows(db, customerId, '2026-01')).toBe(1);
    const rows = await db.selectFrom('invoices').select(['customerId', 'billingPeriod', 'currency']).where('customerId', 'in', customerIds).execute();
    expect(rows).toHaveLength(6);
    expect(new Set(rows.map((r) => `${r.customerId}|${r.billingPeriod}|${r.currency}`)).size).toBe(6);
    // Each invoice is counted by exactly one run.
    const [a, b] = await Promise.all([getBillRun(db, runA.id), getBillRun(db, runB.id)]);
    expect(a.invoicesCreated + b.invoicesCreated).toBe(6);
  });
});

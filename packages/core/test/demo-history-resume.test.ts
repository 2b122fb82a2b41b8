import { describe, expect, it } from 'vitest';
import { DEMO_HISTORY_RUNS, DEMO_PILOT_ENTITY, DEMO_HISTORY_STEP_ACTION, billDemoHistory, seedDemoData, type Db } from '@invoiceops/core';
import { createTaxEngine } from '@invoiceops/connectors';
import { testDatabaseKinds, useTestDatabase } from '@invoiceops/testing';

const HISTORY_PERIODS = DEMO_HISTORY_RUNS.map((h) => h.period);

/** What the history left behind that a repeated step would double. */
async function footprint(db: Db) {
  const count = async (table: 'billRuns' | 'payments' | 'approvalActions' | 'contractAmendments') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const invoices = await db.selectFrom('invoices').select(['billingPeriod', 'kind']).select((eb) => eb.fn.countAll<string>().as('n'))
    .where('billingPeriod', 'in', HISTORY_PERIODS).groupBy(['billingPeriod', 'kind']).orderBy('billingPeriod').orderBy('kind').execute();
  const markers = await db.selectFrom('auditLog').select('objectId').where('action', '=', DEMO_HISTORY_STEP_ACTION).orderBy('seq').execute();
  return {
    billRuns: await count('billRuns'),
    payments: await count('payments'),
    approvalActions: await count('approvalActions'),
    amendments: await count('contractAmendments'),
    invoices: invoices.map((r) => `${r.billingPeriod} ${r.kind} ${r.n}`),
    markers: markers.map((m) => m.objectId),
  };
}

describe.each(testDatabaseKinds())('demo history, stopped and resumed, on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('commits step by step, so a stop keeps what was billed; a retry resumes without billing, approving or paying twice', async () => {
    const db = t.db;
    const taxEngine = createTaxEngine({ kind: 'builtin' });
    const seeded = await seedDemoData(db, { customers: 120, suppliers: 2, history: true });
    const seededAt = new Date(seeded.seededAt);

    // The process stops right after the first month is billed (the worker's signal).
    const stop = new AbortController();
    const firstSteps: string[] = [];
    await expect(billDemoHistory(db, {
      taxEngine,
      seededAt,
      signal: stop.signal,
      onStep: (step) => {
        firstSteps.push(step);
        stop.abort();
      },
    })).rejects.toThrow(/abort/i);
    expect(firstSteps).toEqual([`bill ${HISTORY_PERIODS[0]} ${DEMO_PILOT_ENTITY}`]);
    // The first month stayed billed: its run completed and committed, nothing after it began.
    const stopped = await footprint(db);
    expect(stopped).toMatchObject({ billRuns: 1, payments: 0, approvalActions: 0, amendments: 0, markers: [] });
    expect(stopped.invoices).toHaveLength(1);
    expect((await db.selectFrom('billRuns').select('status').executeTakeFirstOrThrow()).status).toBe('completed');

    // The retry goes on from there, and stops again once the credits are entered.
    const again = new AbortController();
    const steps: [string, number, number][] = [];
    const onStep = (step: string, done: number, total: number) => steps.push([step, done, total]);
    await expect(billDemoHistory(db, {
      taxEngine,
      seededAt,
      signal: again.signal,
      onStep: (step, done, total) => {
        onStep(step, done, total);
        if (step === 'credits') again.abort();
      },
    })).rejects.toThrow(/abort/i);
    expect((await footprint(db)).markers).toEqual(['approvals', 'credits']);
    // The third attempt finishes: every step is reported, those done before skipped.
    const summary = await billDemoHistory(db, { taxEngine, seededAt, onStep });
    expect(steps).toEqual([
      [`bill ${HISTORY_PERIODS[0]} ${DEMO_PILOT_ENTITY}`, 1, 7],
      [`bill ${HISTORY_PERIODS[1]} ${DEMO_PILOT_ENTITY}`, 2, 7],
      [`bill ${HISTORY_PERIODS[2]}`, 3, 7],
      ['approvals', 4, 7],
      ['credits', 5, 7],
      ...[`bill ${HISTORY_PERIODS[0]} ${DEMO_PILOT_ENTITY}`, `bill ${HISTORY_PERIODS[1]} ${DEMO_PILOT_ENTITY}`, `bill ${HISTORY_PERIODS[2]}`, 'approvals', 'credits', 'payments', 'after the history']
        .map((step, i): [string, number, number] => [step, i + 1, 7]),
    ]);
    const resumed = await footprint(db);
    expect(resumed.billRuns).toBe(3);
    expect(resumed.markers).toEqual(['approvals', 'credits', 'after the history']);
    expect(resumed.invoices.slice(0, 1)).toEqual(stopped.invoices);
    // The summary counts the invoices of all three runs, the first one's included.
    const historyInvoices = (await db.selectFrom('billRuns').select('invoicesCreated').execute()).reduce((sum, r) => sum + r.invoicesCreated, 0);
    expect(summary.invoices).toBe(historyInvoices);
    expect(summary.approvals.approved).toBeGreaterThan(0);
    expect(summary.payments.payments).toBe(resumed.payments);
    expect(summary.contractAmendments).toBe(resumed.amendments);

    expect(summary.credits.creditMemos).toBeGreaterThan(0);
    // Once more (a retry after the last step committed but before the job was marked done):
    // nothing is billed, approved, credited or paid again, and the summary is the same.
    expect(await billDemoHistory(db, { taxEngine, seededAt })).toEqual(summary);
    expect(await footprint(db)).toEqual(resumed);
  });
});

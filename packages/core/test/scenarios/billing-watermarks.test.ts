import { describe, expect, it } from 'vitest';
import {
  ALL_ENTITIES,
  SEND_INVOICE_JOB,
  SYSTEM_CONTEXT,
  createContractSchema,
  executeBillRun,
  finalizeBillRun,
  finalizeInvoice,
  listInvoices,
  productResource,
  voidInvoice,
  type Db,
  type IngestUsageResult,
  type Invoice,
} from '@invoiceops/core';
import {
  CUSTOMERS,
  SELLERS,
  appErrorOf,
  billMonth,
  billMonthExpectingInvoice,
  countInvoiceRows,
  createCustomer,
  createProduct,
  createScenarioFixture,
  createTestContract,
  invoicesFor,
  kindsAndAmounts,
  runBillAt,
  scenarioTaxEngine,
  seatLine,
  sendUsage,
  testDatabaseKinds,
  updateThrough,
  usageBilledUntil,
  usageBillingStates,
  usageEvent,
  usageLine,
  useTestDatabase,
  withRollback,
  type ScenarioFixture,
} from '@invoiceops/testing';

// Billing watermarks: how a bill run knows what usage is billed without a per-event invoice
// id. Each customer has `usage_billed_until` (the end of the latest usage window aggregated);
// usage that arrives for an earlier time is `late` and the next run bills it; a usage window
// is billed only once it has closed (the run's clock); migrated contracts start at
// `billedThrough`; a run created with `finalize` writes its invoices finalized; voiding an
// invoice puts its usage back to be billed. Default parties: a German entity (Europe/Berlin)
// and a French business (Europe/Paris, reverse charge, no VAT).

const perCall = (unitPrice: string) => ({ model: 'per_unit', params: { unitPrice } });
const period = (start: string, end: string) => ({ start, end });
/** Lines as `[kind, quantity, amount, service period]`. */
const linesOf = (invoice: Invoice) => invoice.lines.map((l) => [l.kind, l.quantity, l.amount, l.servicePeriod]);

/** A French business with one contract: calendar months from 2026-01-01, API calls at 0.01 (override any field). */
async function customerWithContract(db: Db, contract: (f: ScenarioFixture) => Record<string, unknown> = () => ({})): Promise<ScenarioFixture> {
  const f = await createScenarioFixture(db);
  await createTestContract(db, f, { startDate: '2026-01-01', alignment: 'calendar', lines: [usageLine(f, perCall('0.01'))], ...contract(f) });
  return f;
}

/** Sends API calls `[id, time, quantity]` for the fixture's customer, as received at `receivedAt`. */
function sendCalls(db: Db, f: ScenarioFixture, receivedAt: string, ...calls: [string, string, number][]): Promise<IngestUsageResult> {
  return sendUsage(db, calls.map(([id, time, quantity]) => usageEvent(f.customer.id, f.metricCode, id, time, quantity)), receivedAt);
}

describe.each(testDatabaseKinds())('billing watermarks on %s', (kind) => {
  const t = useTestDatabase(kind);

  describe('a contract migrated with billedThrough', () => {
    it('bills only the month from billedThrough on, with no catch-up of the months billed elsewhere', async () => {
      await withRollback(t.db, async (trx) => {
        // Monthly, calendar, in advance since October 2025; the old system billed through December.
        const f = await customerWithContract(trx, (x) => ({ startDate: '2025-10-01', billedThrough: '2026-01-01', lines: [seatLine(x, '30.00', '10')] }));
        // Running the backlog month bills nothing: December was invoiced by the old system.
        expect(await billMonth(trx, '2025-12', f.customer.id)).toBeUndefined();
        const january = await billMonthExpectingInvoice(trx, '2026-01', f.customer.id);
        expect(linesOf(january)).toEqual([['recurring', '10', '300.00', period('2026-01-01', '2026-02-01')]]);
        expect(kindsAndAmounts(await billMonthExpectingInvoice(trx, '2026-02', f.customer.id))).toEqual([['recurring', '300.00']]);
        expect(await countInvoiceRows(trx, f.customer.id)).toBe(2);
      });
    });

    it('bills the rest of the month pro rata when billedThrough falls mid-month', async () => {
      await withRollback(t.db, async (trx) => {
        const f = await customerWithContract(trx, (x) => ({ startDate: '2025-10-01', billedThrough: '2026-01-16', lines: [seatLine(x, '30.00', '10')] }));
        const january = await billMonthExpectingInvoice(trx, '2026-01', f.customer.id);
        // January 16–31 = 16 of 31 days: 300.00 × 16/31 = 154.8387… → 154.84
        expect(linesOf(january)).toEqual([['recurring', '10', '154.84', period('2026-01-16', '2026-02-01')]]);
        expect(january.lines[0]!.description).toContain('(16 of 31 days)');
        expect(kindsAndAmounts(await billMonthExpectingInvoice(trx, '2026-02', f.customer.id))).toEqual([['recurring', '300.00']]);
      });
    });

    it('in advance, still bills the usage of the period that ends at billedThrough', async () => {
      await withRollback(t.db, async (trx) => {
        // Anniversary periods on the 15th; the old system's last invoice billed the fee of
        // Dec 15 – Jan 15 in advance, so that period's usage is still owed.
        const f = await customerWithContract(trx, (x) => ({ startDate: '2025-11-15', alignment: 'anniversary', billedThrough: '2026-01-15', lines: [seatLine(x, '30.00', '10'), usageLine(x, perCall('0.01'))] }));
        await sendCalls(trx, f, '2026-02-01T00:01:00Z',
          ['nov-dec', '2025-12-10T10:00:00Z', 500], // Nov 15 – Dec 15: billed by the old system
          ['dec-jan', '2025-12-20T10:00:00Z', 1000], // Dec 15 – Jan 15: owed
          ['jan-feb', '2026-01-20T10:00:00Z', 300], // Jan 15 – Feb 15: billed in February
        );
        expect(linesOf(await billMonthExpectingInvoice(trx, '2026-01', f.customer.id))).toEqual([
          ['recurring', '10', '300.00', period('2026-01-15', '2026-02-15')],
          ['usage', '1000', '10.00', period('2025-12-15', '2026-01-15')], // 1,000 × 0.01
        ]);
        expect(linesOf(await billMonthExpectingInvoice(trx, '2026-02', f.customer.id))).toEqual([
          ['recurring', '10', '300.00', period('2026-02-15', '2026-03-15')],
          ['usage', '300', '3.00', period('2026-01-15', '2026-02-15')],
        ]);
        expect(await usageBillingStates(trx, f.customer.id)).toEqual({ 'nov-dec': 'billed', 'dec-jan': 'billed', 'jan-feb': 'billed' });
      });
    });

    it('in arrears, bills usage from billedThrough on: the usage before it was billed elsewhere', async () => {
      await withRollback(t.db, async (trx) => {
        const f = await customerWithContract(trx, (x) => ({ startDate: '2025-10-01', billingTiming: 'in_arrears', billedThrough: '2026-01-01', lines: [seatLine(x, '30.00', '10'), usageLine(x, perCall('0.01'))] }));
        await sendCalls(trx, f, '2026-02-01T00:01:00Z', ['dec', '2025-12-20T10:00:00Z', 500], ['jan', '2026-01-10T10:00:00Z', 1000]);
        expect(await billMonth(trx, '2025-12', f.customer.id)).toBeUndefined();
        expect(linesOf(await billMonthExpectingInvoice(trx, '2026-01', f.customer.id))).toEqual([
          ['recurring', '10', '300.00', period('2026-01-01', '2026-02-01')],
          ['usage', '1000', '10.00', period('2026-01-01', '2026-02-01')], // the 500 December calls are not billed
        ]);
      });
    });

    // Regression test, fixed (usage for a time billed before billedThrough stayed `late` for ever):
    // a run now clears the late marks that fall before a migrated contract's cut-over.
    it('does not keep usage for a time billed before billedThrough as late for ever', async () => {
      await withRollback(t.db, async (trx) => {
        const f = await customerWithContract(trx, (x) => ({ startDate: '2025-11-15', alignment: 'anniversary', billedThrough: '2026-01-15', lines: [seatLine(x, '30.00', '10'), usageLine(x, perCall('0.01'))] }));
        await billMonthExpectingInvoice(trx, '2026-01', f.customer.id);
        // December 10 is in Nov 15 – Dec 15, a period the previous system billed in full.
        await sendCalls(trx, f, '2026-02-03T00:00:00Z', ['old', '2025-12-10T10:00:00Z', 500]);
        expect(kindsAndAmounts(await billMonthExpectingInvoice(trx, '2026-02', f.customer.id))).toEqual([['recurring', '300.00']]);
        expect(await usageBillingStates(trx, f.customer.id)).toEqual({ old: 'billed' });
      });
    });

    it('refuses a billedThrough outside the term with a field error on /billedThrough', async () => {
      await withRollback(t.db, async (trx) => {
        const f = await createScenarioFixture(trx);
        // Term 2026-01-01 to 2027-01-01 (12 months).
        for (const billedThrough of ['2025-12-31', '2027-01-02']) {
          const error = await appErrorOf(createTestContract(trx, f, { startDate: '2026-01-01', termMonths: 12, billedThrough, lines: [seatLine(f, '30.00', '10')] }));
          expect(error.code).toBe('validation_failed');
          expect(error.issues).toEqual([expect.objectContaining({ path: '/billedThrough', code: 'out_of_range', message: expect.stringContaining('2026-01-01 to 2027-01-01') })]);
        }
        const notADate = createContractSchema.safeParse({ customerId: f.customer.id, number: 'CTR-X', startDate: '2026-01-01', termMonths: 12, billingFrequency: 'monthly', billedThrough: '2026-13-01', lines: [seatLine(f, '30.00', '10')] });
        expect(notADate.error?.issues.map((i) => i.path)).toEqual([['billedThrough']]);
        expect(await trx.selectFrom('contracts').select('id').where('customerId', '=', f.customer.id).execute()).toEqual([]);
      });
    });
  });

  it('shows usage sent after its month was billed as late, bills it once on the next invoice naming its period, then as billed', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await customerWithContract(trx);
      const customerId = f.customer.id;
      await sendCalls(trx, f, '2026-02-01T00:01:00Z', ['jan', '2026-01-15T10:00:00Z', 1000]);
      expect(await usageBillingStates(trx, customerId)).toEqual({ jan: 'unbilled' });
      expect(kindsAndAmounts(await billMonthExpectingInvoice(trx, '2026-01', customerId))).toEqual([['usage', '10.00']]);
      expect(await usageBillingStates(trx, customerId)).toEqual({ jan: 'billed' });

      // 200 January calls arrive on February 10, and the producer sends them again on the 12th.
      const late: [string, string, number] = ['jan-late', '2026-01-28T10:00:00Z', 200];
      expect(await sendCalls(trx, f, '2026-02-10T08:00:00Z', late)).toMatchObject({ accepted: 1, duplicates: 0 });
      expect(await sendCalls(trx, f, '2026-02-12T08:00:00Z', late, late)).toMatchObject({ accepted: 0, duplicates: 2 });
      await sendCalls(trx, f, '2026-02-14T12:00:00Z', ['feb', '2026-02-14T10:00:00Z', 500]);
      expect(await usageBillingStates(trx, customerId)).toEqual({ jan: 'billed', 'jan-late': 'late', feb: 'unbilled' });

      const february = await billMonthExpectingInvoice(trx, '2026-02', customerId);
      expect(february.lines.map((l) => [l.kind, l.quantity, l.amount, l.description])).toEqual([
        ['late_usage', '200', '2.00', 'Late usage: API calls, period 2026-01-01 to 2026-02-01'], // counted once: 200 × 0.01
        ['usage', '500', '5.00', 'API calls, 2026-02-01 to 2026-03-01'],
      ]);
      expect(await usageBillingStates(trx, customerId)).toEqual({ jan: 'billed', 'jan-late': 'billed', feb: 'billed' });
      expect(await billMonth(trx, '2026-03', customerId)).toBeUndefined();
    });
  });

  describe('a run executed before the month has ended', () => {
    it('leaves the month\'s usage window open; a run after month end bills it, once', async () => {
      await withRollback(t.db, async (trx) => {
        const f = await customerWithContract(trx);
        const customerId = f.customer.id;
        await sendCalls(trx, f, '2026-01-20T00:00:00Z', ['early', '2026-01-05T10:00:00Z', 1000]);
        const early = await runBillAt(trx, { period: '2026-01', customerId }, new Date('2026-01-20T12:00:00Z'));
        expect(early).toMatchObject({ status: 'completed', errors: [], invoicesCreated: 0 });
        expect(await usageBilledUntil(trx, customerId)).toBeNull();
        // More January usage after the early run is on time, not late.
        await sendCalls(trx, f, '2026-01-25T12:00:00Z', ['later', '2026-01-25T10:00:00Z', 500]);
        expect(await usageBillingStates(trx, customerId)).toEqual({ early: 'unbilled', later: 'unbilled' });

        const january = await billMonthExpectingInvoice(trx, '2026-01', customerId);
        expect(linesOf(january)).toEqual([['usage', '1500', '15.00', period('2026-01-01', '2026-02-01')]]);
        expect(await usageBillingStates(trx, customerId)).toEqual({ early: 'billed', later: 'billed' });
        expect(await billMonth(trx, '2026-01', customerId)).toEqual(january);
        expect(await billMonth(trx, '2026-02', customerId)).toBeUndefined();
      });
    });

    it('drafts the in-advance fee at once and bills the month\'s usage on the next invoice, once', async () => {
      await withRollback(t.db, async (trx) => {
        const f = await customerWithContract(trx, (x) => ({ lines: [seatLine(x, '30.00', '1'), usageLine(x, perCall('0.01'))] }));
        const customerId = f.customer.id;
        await sendCalls(trx, f, '2026-01-20T00:00:00Z', ['jan', '2026-01-05T10:00:00Z', 1000]);
        expect(await runBillAt(trx, { period: '2026-01', customerId }, new Date('2026-01-20T12:00:00Z'))).toMatchObject({ errors: [], invoicesCreated: 1 });
        expect((await invoicesFor(trx, customerId, '2026-01')).map(kindsAndAmounts)).toEqual([[['recurring', '30.00']]]);
        expect(await usageBilledUntil(trx, customerId)).toBeNull();

        await sendCalls(trx, f, '2026-02-10T12:00:00Z', ['feb', '2026-02-10T10:00:00Z', 500]);
        const february = await billMonthExpectingInvoice(trx, '2026-02', customerId);
        expect(linesOf(february).filter(([kind]) => kind !== 'recurring').map(([, ...rest]) => rest)).toEqual([
          ['1000', '10.00', period('2026-01-01', '2026-02-01')],
          ['500', '5.00', period('2026-02-01', '2026-03-01')],
        ]);
        expect(february.total).toBe('45.00'); // 30.00 + 10.00 + 5.00
        expect(kindsAndAmounts(await billMonthExpectingInvoice(trx, '2026-03', customerId))).toEqual([['recurring', '30.00']]);
      });
    });
  });

  it('writes a finalizing run\'s invoices finalized: consecutive numbers per entity, local issue dates, a send job and an audit row each', async () => {
    await withRollback(t.db, async (trx) => {
      const germany = await createScenarioFixture(trx);
      const secondGerman = await createCustomer(trx, germany.entity.id);
      const us = await createScenarioFixture(trx, { entity: SELLERS.unitedStates, customer: CUSTOMERS.newYork });
      for (const [f, customerId] of [[germany, germany.customer.id], [germany, secondGerman.id], [us, us.customer.id]] as const) {
        await createTestContract(trx, f, { customerId, startDate: '2026-01-01', alignment: 'calendar', lines: [seatLine(f, '30.00', '10')] });
      }
      // 03:30 UTC on February 2 is 04:30 in Berlin (Feb 2) and 22:30 the day before in New York (Feb 1).
      const runs = [
        await runBillAt(trx, { period: '2026-01', entityId: germany.entity.id, finalize: true }, new Date('2026-02-02T03:30:00Z')),
        await runBillAt(trx, { period: '2026-01', entityId: us.entity.id, finalize: true }, new Date('2026-02-02T03:30:00Z')),
      ];
      for (const run of runs) expect(run).toMatchObject({ finalize: true, status: 'completed', errors: [] });

      const invoices = (await Promise.all(runs.map(async (r) => (await listInvoices(trx, { limit: 10, billRunId: r.id }, ALL_ENTITIES)).data))).flat();
      const numbered = (entityId: string) =>
        invoices.filter((i) => i.entityId === entityId).map((i) => [i.status, i.number!.slice(-6), i.issueDate, i.dueDate]).sort((a, b) => (a[1]! < b[1]! ? -1 : 1));
      expect(numbered(germany.entity.id)).toEqual([
        ['finalized', '000001', '2026-02-02', '2026-03-04'],
        ['finalized', '000002', '2026-02-02', '2026-03-04'],
      ]);
      expect(numbered(us.entity.id)).toEqual([['finalized', '000001', '2026-02-01', '2026-03-03']]);
      const ids = invoices.map((i) => i.id);

      const jobs = await trx.selectFrom('jobs').select('payload').where('type', '=', SEND_INVOICE_JOB).execute();
      const sends = jobs.map((j) => j.payload as { invoiceId: string; purpose: string }).filter((p) => ids.includes(p.invoiceId));
      expect(sends.map((p) => [p.invoiceId, p.purpose]).sort()).toEqual(ids.map((id) => [id, 'issue']).sort());

      // One audit row per invoice tells both: drafted by this run and finalized with its number.
      const audit = await trx.selectFrom('auditLog').select(['objectId', 'action', 'diff']).where('objectId', 'in', ids).orderBy('seq').execute();
      for (const invoice of invoices) {
        const rows = audit.filter((a) => a.objectId === invoice.id);
        expect(rows.map((a) => a.action)).toEqual(['invoice.finalized']);
        expect(rows[0]!.diff).toMatchObject({ billRunId: invoice.billRunId, after: { status: 'finalized', number: invoice.number, issueDate: invoice.issueDate } });
      }

      for (const run of runs) expect(await finalizeBillRun(trx, SYSTEM_CONTEXT, run.id, ALL_ENTITIES)).toBe(0);
      // The next number of the German series follows on without a gap.
      const february = await billMonthExpectingInvoice(trx, '2026-02', germany.customer.id);
      const next = await finalizeInvoice(trx, SYSTEM_CONTEXT, february.id, ALL_ENTITIES, new Date('2026-03-02T09:00:00Z'));
      expect(next.number!.slice(-6)).toBe('000003');
    });
  });

  describe('voiding an invoice with usage', () => {
    it('bills the voided usage again on the next invoice, once', async () => {
      await withRollback(t.db, async (trx) => {
        const f = await customerWithContract(trx);
        const customerId = f.customer.id;
        await sendCalls(trx, f, '2026-02-01T00:01:00Z', ['jan', '2026-01-15T10:00:00Z', 1000]);
        const draft = await billMonthExpectingInvoice(trx, '2026-01', customerId);
        const january = await finalizeInvoice(trx, SYSTEM_CONTEXT, draft.id, ALL_ENTITIES, new Date('2026-02-02T09:00:00Z'));
        expect(kindsAndAmounts(january)).toEqual([['usage', '10.00']]);
        const billedUntil = await usageBilledUntil(trx, customerId);
        expect(billedUntil).toBe('2026-01-31T23:00:00.000Z'); // February 1, 00:00 in Paris

        await voidInvoice(trx, SYSTEM_CONTEXT, january.id, 'wrong usage feed', ALL_ENTITIES);
        expect(await usageBillingStates(trx, customerId)).toEqual({ jan: 'late' });
        expect(await usageBilledUntil(trx, customerId)).toBe(billedUntil); // voiding does not move it back

        await sendCalls(trx, f, '2026-03-01T00:01:00Z', ['feb', '2026-02-14T10:00:00Z', 500]);
        const february = await billMonthExpectingInvoice(trx, '2026-02', customerId);
        expect(linesOf(february).map(([, ...rest]) => rest)).toEqual([
          ['1000', '10.00', period('2026-01-01', '2026-02-01')], // the voided January usage, billed again
          ['500', '5.00', period('2026-02-01', '2026-03-01')],
        ]);
        expect(february.lines[0]!.description).toContain('2026-01-01 to 2026-02-01');
        expect(await usageBillingStates(trx, customerId)).toEqual({ jan: 'billed', feb: 'billed' });
        expect(await billMonth(trx, '2026-03', customerId)).toBeUndefined();
      });
    });

    it('bills again only what the voided invoice billed when the rest of the period is on a live invoice', async () => {
      await withRollback(t.db, async (trx) => {
        const f = await customerWithContract(trx);
        const customerId = f.customer.id;
        await sendCalls(trx, f, '2026-02-01T00:01:00Z', ['jan', '2026-01-15T10:00:00Z', 1000]);
        expect(kindsAndAmounts(await billMonthExpectingInvoice(trx, '2026-01', customerId))).toEqual([['usage', '10.00']]);
        await sendCalls(trx, f, '2026-02-20T00:00:00Z', ['jan-late', '2026-01-20T10:00:00Z', 200], ['feb', '2026-02-14T10:00:00Z', 500]);
        const february = await billMonthExpectingInvoice(trx, '2026-02', customerId);
        expect(kindsAndAmounts(february)).toEqual([['late_usage', '2.00'], ['usage', '5.00']]);

        // Voiding February puts back its 200 late January calls and its 500 February calls,
        // not the 1,000 January calls that the live January invoice carries.
        await voidInvoice(trx, SYSTEM_CONTEXT, february.id, 'sent to the wrong address', ALL_ENTITIES);
        expect(linesOf(await billMonthExpectingInvoice(trx, '2026-03', customerId))).toEqual([
          ['late_usage', '200', '2.00', period('2026-01-01', '2026-02-01')],
          ['usage', '500', '5.00', period('2026-02-01', '2026-03-01')],
        ]);
        expect(await billMonth(trx, '2026-04', customerId)).toBeUndefined();
      });
    });
  });

  it('writes none of a customer\'s invoices when the tax of one currency cannot be decided, lists it in the errors, and bills the others', async () => {
    await withRollback(t.db, async (trx) => {
      // The failing customer moved from a EUR contract (January, in arrears) to a USD one
      // (from February, in advance) for a product the built-in tax tables do not cover.
      const f = await customerWithContract(trx, (x) => ({ termMonths: 1, autoRenew: false, billingTiming: 'in_arrears', lines: [seatLine(x, '30.00', '10'), usageLine(x, perCall('0.01'))] }));
      const failing = f.customer.id;
      const rental = await createProduct(trx, f.seatProduct.revenueAccountCode as string, { unit: 'device', taxCategory: 'hardware_rental' });
      const rentalLine = { key: 'rental', productId: rental.id, kind: 'recurring', charge: { model: 'flat', params: { amount: '80.00' } } };
      await createTestContract(trx, f, { startDate: '2026-02-01', currency: 'USD', alignment: 'calendar', lines: [rentalLine] });
      const other = (await createCustomer(trx, f.entity.id)).id;
      await createTestContract(trx, f, { customerId: other, startDate: '2026-02-01', alignment: 'calendar', lines: [seatLine(f, '30.00', '2')] });
      await sendCalls(trx, f, '2026-02-01T00:01:00Z', ['jan', '2026-01-15T10:00:00Z', 1000]);

      const run = await runBillAt(trx, { period: '2026-02', entityId: f.entity.id }, new Date('2026-03-02T00:00:00Z'));
      expect(run.status).toBe('completed');
      expect(run.errors).toEqual([{ customerId: failing, message: expect.stringContaining('hardware_rental') }]);
      expect(await countInvoiceRows(trx, failing)).toBe(0); // not even the EUR invoice, whose tax was decided
      expect(await usageBilledUntil(trx, failing)).toBeNull();
      expect(await usageBillingStates(trx, failing)).toEqual({ jan: 'unbilled' });
      expect((await invoicesFor(trx, other, '2026-02')).map((i) => [i.currency, i.total])).toEqual([['EUR', '60.00']]);

      // Once the product's tax category is fixed, executing the run again bills both currencies.
      await updateThrough(trx, productResource, rental.id, { taxCategory: 'standard' });
      const retried = await executeBillRun(trx, SYSTEM_CONTEXT, run.id, { taxEngine: scenarioTaxEngine, now: new Date('2026-03-02T00:00:00Z') });
      expect(retried.errors).toEqual([]);
      expect((await invoicesFor(trx, failing, '2026-02')).map((i) => [i.currency, kindsAndAmounts(i)]).sort()).toEqual([
        ['EUR', [['recurring', '300.00'], ['usage', '10.00']]],
        ['USD', [['recurring', '80.00']]],
      ]);
      expect(await usageBillingStates(trx, failing)).toEqual({ jan: 'billed' });
      expect(await countInvoiceRows(trx, other)).toBe(1);
    });
  });

  describe('usage_billed_until', () => {
    it('stays unset for a customer whose contract has no usage lines', async () => {
      await withRollback(t.db, async (trx) => {
        const f = await customerWithContract(trx, (x) => ({ lines: [seatLine(x, '30.00', '10')] }));
        expect(kindsAndAmounts(await billMonthExpectingInvoice(trx, '2026-01', f.customer.id))).toEqual([['recurring', '300.00']]);
        expect(await usageBilledUntil(trx, f.customer.id)).toBeNull();
      });
    });

    it('only moves forward: billing an earlier month after a later one leaves it where it is, and bills nothing twice', async () => {
      await withRollback(t.db, async (trx) => {
        const f = await customerWithContract(trx);
        const customerId = f.customer.id;
        await sendCalls(trx, f, '2026-03-01T00:01:00Z', ['jan', '2026-01-15T10:00:00Z', 1000], ['feb', '2026-02-15T10:00:00Z', 500]);
        // February is billed first and catches up January's usage too.
        expect(linesOf(await billMonthExpectingInvoice(trx, '2026-02', customerId))).toEqual([
          ['usage', '1000', '10.00', period('2026-01-01', '2026-02-01')],
          ['usage', '500', '5.00', period('2026-02-01', '2026-03-01')],
        ]);
        expect(await usageBilledUntil(trx, customerId)).toBe('2026-02-28T23:00:00.000Z'); // March 1, 00:00 in Paris

        expect(await billMonth(trx, '2026-01', customerId)).toBeUndefined();
        expect(await usageBilledUntil(trx, customerId)).toBe('2026-02-28T23:00:00.000Z');
        expect(await usageBillingStates(trx, customerId)).toEqual({ jan: 'billed', feb: 'billed' });
      });
    });
  });
});

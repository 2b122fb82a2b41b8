import { describe, expect, it } from 'vitest';
import { ALL_ENTITIES, SYSTEM_CONTEXT, completeMilestone, renewContract } from '@invoiceops/core';
import {
  amend,
  billMonth,
  billMonthExpectingInvoice,
  countInvoiceRows,
  createScenarioFixture,
  createTestContract,
  kindsAndAmounts,
  monthsBetween,
  seatLine,
  sendUsage,
  testDatabaseKinds,
  usageEvent,
  usageLine,
  useTestDatabase,
  withRollback,
} from '@invoiceops/testing';

// Scenarios 4, 5 and 6: cancellation mid-term, renewal with uplift, milestone billing.
// Customer: a French business (reverse charge), so totals equal the sum of the lines.

describe.each(testDatabaseKinds())('contract lifecycle on %s', (kind) => {
  const t = useTestDatabase(kind);

  describe('cancellation mid-term', () => {
    it('bills nothing for service after the cancellation date: no recurring period, no usage', async () => {
      await withRollback(t.db, async (trx) => {
        const f = await createScenarioFixture(trx);
        const customerId = f.customer.id;
        const contract = await createTestContract(trx, f, {
          startDate: '2026-01-01',
          alignment: 'calendar',
          lines: [seatLine(f, '30.00', '10'), usageLine(f, { model: 'per_unit', params: { unitPrice: '0.01' } })],
        });
        for (const period of ['2026-01', '2026-02']) await billMonthExpectingInvoice(trx, period, customerId);
        await amend(trx, contract.id, { kind: 'cancel', effectiveDate: '2026-03-21', reason: 'customer churned' });
        // 1,000 calls before the cancellation, 5,000 after it (the customer kept calling).
        await sendUsage(trx, [usageEvent(customerId, f.metricCode, 'before', '2026-03-10T10:00:00Z', 1000), usageEvent(customerId, f.metricCode, 'after', '2026-03-25T10:00:00Z', 5000)], '2026-04-01T00:00:00Z');

        const march = await billMonthExpectingInvoice(trx, '2026-03', customerId);
        // Cancelled before March was billed: March 1–20 = 20 of 31 days: 300.00 × 20/31 = 193.548… → 193.55;
        // usage for the same 20 days only: 1,000 × 0.01 = 10.00 (the 5,000 calls on March 25 are not billed).
        expect(march.lines.map((l) => [l.kind, l.amount, l.servicePeriod])).toEqual([
          ['recurring', '193.55', { start: '2026-03-01', end: '2026-03-21' }],
          ['usage', '10.00', { start: '2026-03-01', end: '2026-03-21' }],
        ]);
        // Later months bill nothing (a credit, if any, never a charge).
        for (const period of monthsBetween('2026-04', '2026-07')) {
          const invoice = await billMonth(trx, period, customerId);
          expect(invoice?.lines.filter((l) => BigInt(l.amount.replace('.', '')) > 0n) ?? []).toEqual([]);
        }
      });
    });

    // Regression for a bug this suite found: the credit was never issued (the April run drafted
    // nothing) because plan-customer-lines.ts `periodsOf` cut the period at the new contract end
    // (2026-03-21) and `planRecurringLines` clipped the billed segment [03-01, 04-01) to it,
    // seeing 20 days billed = 20 days in force. Fixed in the working tree (periods keep the
    // original grid; `end: null`). March was billed in advance (300.00); cancelling from March
    // 21 leaves 11 of 31 days unused: 300.00 × 11/31 = 106.451… → −106.45 on the next run.
    it('credits the days after the cancellation date of a period already billed in advance', async () => {
      await withRollback(t.db, async (trx) => {
        const f = await createScenarioFixture(trx);
        const customerId = f.customer.id;
        const contract = await createTestContract(trx, f, { startDate: '2026-01-01', alignment: 'calendar', lines: [seatLine(f, '30.00', '10')] });
        for (const period of ['2026-01', '2026-02', '2026-03']) {
          expect(kindsAndAmounts(await billMonthExpectingInvoice(trx, period, customerId))).toEqual([['recurring', '300.00']]);
        }
        await amend(trx, contract.id, { kind: 'cancel', effectiveDate: '2026-03-21', reason: 'customer churned' });
        const april = await billMonth(trx, '2026-04', customerId);
        expect(april?.lines.map((l) => [l.kind, l.amount, l.servicePeriod])).toEqual([['proration_credit', '-106.45', { start: '2026-03-21', end: '2026-04-01' }]]);
        expect(await billMonth(trx, '2026-05', customerId)).toBeUndefined();
      });
    });

    // Regression test, fixed (whole period lost when the cancellation falls on a period boundary). Expected: April
    // was billed in advance (300.00 for April 1 – May 1); a cancellation effective April 1
    // credits the whole period, −300.00, on the next run. Actual: no credit, nothing drafted.
    // Cause: plan-customer-lines.ts `periodsOf` ends with `.filter((p) => p.start <
    // contract.endDate)`; with the end moved to 2026-04-01 the April period (start = end) is
    // dropped, so `planRecurringLines` never sees its billed segment [04-01, 05-01). Periods
    // that were billed must stay in the plan even when they start on or after the new end.
    it('credits a whole period billed in advance when the cancellation takes effect on its first day', async () => {
      await withRollback(t.db, async (trx) => {
        const f = await createScenarioFixture(trx);
        const customerId = f.customer.id;
        const contract = await createTestContract(trx, f, { startDate: '2026-01-01', alignment: 'calendar', lines: [seatLine(f, '30.00', '10')] });
        for (const period of monthsBetween('2026-01', '2026-04')) await billMonthExpectingInvoice(trx, period, customerId);
        await amend(trx, contract.id, { kind: 'cancel', effectiveDate: '2026-04-01', reason: 'notice received, effective April 1' });
        const may = await billMonth(trx, '2026-05', customerId);
        expect(may?.lines.map((l) => [l.kind, l.amount, l.servicePeriod])).toEqual([['proration_credit', '-300.00', { start: '2026-04-01', end: '2026-05-01' }]]);
      });
    });

    it('bills an in-arrears plan up to the cancellation date only', async () => {
      await withRollback(t.db, async (trx) => {
        const f = await createScenarioFixture(trx);
        const customerId = f.customer.id;
        const contract = await createTestContract(trx, f, { startDate: '2026-01-01', alignment: 'calendar', billingTiming: 'in_arrears', lines: [seatLine(f, '30.00', '10')] });
        // In arrears: the January run bills January (it has ended by the run's month end).
        expect(kindsAndAmounts(await billMonthExpectingInvoice(trx, '2026-01', customerId))).toEqual([['recurring', '300.00']]);
        await amend(trx, contract.id, { kind: 'cancel', effectiveDate: '2026-02-11', reason: 'customer churned' });
        const february = await billMonthExpectingInvoice(trx, '2026-02', customerId);
        // February 1–10 = 10 of 28 days: 300.00 × 10/28 = 107.142… → 107.14
        expect(february.lines.map((l) => [l.kind, l.amount, l.servicePeriod])).toEqual([['recurring', '107.14', { start: '2026-02-01', end: '2026-02-11' }]]);
        expect(await billMonth(trx, '2026-03', customerId)).toBeUndefined();
      });
    });
  });

  describe('renewal with uplift', () => {
    it('bills the first period of the renewed term at the uplifted price, once', async () => {
      await withRollback(t.db, async (trx) => {
        const f = await createScenarioFixture(trx);
        const customerId = f.customer.id;
        // A 3-month term, 10 seats × 29.99 = 299.90 a month, 5 % uplift on renewal.
        const contract = await createTestContract(trx, f, { startDate: '2026-01-01', termMonths: 3, renewalUpliftPercent: '5', lines: [seatLine(f, '29.99', '10')] });
        for (const period of ['2026-01', '2026-02', '2026-03']) {
          expect(kindsAndAmounts(await billMonthExpectingInvoice(trx, period, customerId))).toEqual([['recurring', '299.90']]);
        }
        const renewed = await renewContract(trx, SYSTEM_CONTEXT, contract.id, ALL_ENTITIES);
        // 29.99 × 1.05 = 31.4895 → 31.49 a seat; term 2026-04-01 to 2026-07-01.
        expect(renewed).toMatchObject({ startDate: '2026-04-01', endDate: '2026-07-01', renewedFromId: contract.id });
        expect(renewed.lines[0]!.charge).toMatchObject({ params: { unitPrice: '31.49' } });

        const april = await billMonthExpectingInvoice(trx, '2026-04', customerId);
        // 10 × 31.49 = 314.90, for the renewed term's first month; nothing more from the old term.
        expect(april.lines.map((l) => [l.kind, l.amount, l.unitPrice, l.contractLineId, l.servicePeriod])).toEqual([
          ['recurring', '314.90', '31.49', renewed.lines[0]!.id, { start: '2026-04-01', end: '2026-05-01' }],
        ]);
        expect(april.total).toBe('314.90');
        for (const period of ['2026-05', '2026-06']) {
          expect(kindsAndAmounts(await billMonthExpectingInvoice(trx, period, customerId))).toEqual([['recurring', '314.90']]);
        }
        // Not renewed again: after June 30 nothing is owed.
        expect(await billMonth(trx, '2026-07', customerId)).toBeUndefined();
        expect(await countInvoiceRows(trx, customerId)).toBe(6);
      });
    });

    // Regression for a bug this suite found: the April invoice, which bills only the new
    // contract, carried PO-2025-001 of the ended contract and contractId null, because
    // plan-customer-lines.ts `planCustomerLines` registered every contract started before the
    // month end (`plan.poNumber ??= contract.poNumber`) before knowing whether it billed
    // anything. Fixed in the working tree (the contract is registered when a line is pushed).
    it('prints the PO number of the contract it bills, not of an ended earlier contract', async () => {
      await withRollback(t.db, async (trx) => {
        const f = await createScenarioFixture(trx);
        const customerId = f.customer.id;
        await createTestContract(trx, f, { startDate: '2026-01-01', termMonths: 3, poNumber: 'PO-2025-001', lines: [seatLine(f, '30.00', '10')] });
        for (const period of ['2026-01', '2026-02', '2026-03']) await billMonthExpectingInvoice(trx, period, customerId);
        const next = await createTestContract(trx, f, { startDate: '2026-04-01', termMonths: 12, poNumber: 'PO-2026-002', lines: [seatLine(f, '35.00', '10')] });
        const april = await billMonthExpectingInvoice(trx, '2026-04', customerId);
        expect(kindsAndAmounts(april)).toEqual([['recurring', '350.00']]);
        expect({ poNumber: april.poNumber, contractId: april.contractId }).toEqual({ poNumber: 'PO-2026-002', contractId: next.id });
      });
    });
  });

  describe('milestone billing', () => {
    it('bills a completed milestone once, on the next run, and never again', async () => {
      await withRollback(t.db, async (trx) => {
        const f = await createScenarioFixture(trx);
        const customerId = f.customer.id;
        const milestones = [
          { key: 'kickoff', description: 'Kick-off workshop', amount: '2500.00' },
          { key: 'go-live', description: 'Go-live', amount: '7500.00' },
        ];
        const contract = await createTestContract(trx, f, {
          startDate: '2026-01-01',
          lines: [seatLine(f, '30.00', '10'), { key: 'impl', productId: f.seatProduct.id, kind: 'milestone', charge: { model: 'milestone', name: 'Implementation', params: { milestones } } }],
        });
        const complete = (milestoneKey: string, completedOn: string) => completeMilestone(trx, SYSTEM_CONTEXT, contract.id, { lineKey: 'impl', milestoneKey, completedOn }, ALL_ENTITIES);

        expect(kindsAndAmounts(await billMonthExpectingInvoice(trx, '2026-01', customerId))).toEqual([['recurring', '300.00']]);
        await complete('kickoff', '2026-01-20'); // after January was invoiced
        const february = await billMonthExpectingInvoice(trx, '2026-02', customerId);
        expect(february.lines.map((l) => [l.kind, l.amount, l.description])).toEqual([
          ['recurring', '300.00', expect.any(String)],
          ['milestone', '2500.00', 'Implementation: Kick-off workshop'],
        ]);
        expect(february.total).toBe('2800.00');

        // The CRM resends the completion: accepted, changes nothing, not billed again.
        expect((await complete('kickoff', '2026-01-20')).created).toBe(false);
        // Go-live is recorded now but happens on April 10: not billed before the April run.
        await complete('go-live', '2026-04-10');
        expect(kindsAndAmounts(await billMonthExpectingInvoice(trx, '2026-03', customerId))).toEqual([['recurring', '300.00']]);
        expect(kindsAndAmounts(await billMonthExpectingInvoice(trx, '2026-04', customerId))).toEqual([['recurring', '300.00'], ['milestone', '7500.00']]);
        expect(kindsAndAmounts(await billMonthExpectingInvoice(trx, '2026-05', customerId))).toEqual([['recurring', '300.00']]);
      });
    });
  });
});

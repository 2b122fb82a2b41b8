import { describe, expect, it } from 'vitest';
import {
  CUSTOMERS,
  amend,
  billMonth,
  billMonthExpectingInvoice,
  countInvoiceRows,
  createScenarioFixture,
  createTestContract,
  glOf,
  kindsAndAmounts,
  revenueScheduleOf,
  seatLine,
  testDatabaseKinds,
  useTestDatabase,
  withRollback,
} from '@invoiceops/testing';

// Scenarios 1 and 2: monthly plans in advance (anniversary and calendar alignment) and an
// annual prepaid plan with deferred revenue. The customer is a German business billed by a
// German entity, so every invoice carries 19 % VAT and a finance user can check totals.

describe.each(testDatabaseKinds())('recurring plans on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('bills a monthly plan in advance on its anniversary, clamping a 31st to short months, each period once', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createScenarioFixture(trx, { customer: CUSTOMERS.germanDomestic });
      const customerId = f.customer.id;
      // 10 seats × 30.00 = 300.00 a month, anniversary on the 31st.
      await createTestContract(trx, f, { startDate: '2026-01-31', alignment: 'anniversary', lines: [seatLine(f, '30.00', '10')] });

      // Jan 31 + 1 month clamps to Feb 28, + 2 months is Mar 31 (from the anchor, not chained),
      // + 3 months Apr 30, + 4 months May 31.
      const expected: [string, string, string][] = [
        ['2026-01', '2026-01-31', '2026-02-28'],
        ['2026-02', '2026-02-28', '2026-03-31'],
        ['2026-03', '2026-03-31', '2026-04-30'],
        ['2026-04', '2026-04-30', '2026-05-31'],
      ];
      for (const [period, start, end] of expected) {
        const invoice = await billMonthExpectingInvoice(trx, period, customerId);
        expect(invoice.lines.map((l) => [l.kind, l.amount, l.quantity, l.unitPrice, l.servicePeriod])).toEqual([['recurring', '300.00', '10', '30', { start, end }]]);
        // 19 % of 300.00 = 57.00 → total 357.00
        expect([invoice.subtotal, invoice.taxTotal, invoice.total]).toEqual(['300.00', '57.00', '357.00']);
      }
      // Running January again bills nothing more.
      await billMonth(trx, '2026-01', customerId);
      expect(await countInvoiceRows(trx, customerId)).toBe(4);
    });
  });

  it('bills a calendar-aligned plan with a first stub prorated by day, then whole months', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createScenarioFixture(trx, { customer: CUSTOMERS.germanDomestic });
      const customerId = f.customer.id;
      await createTestContract(trx, f, { startDate: '2026-01-15', alignment: 'calendar', lines: [seatLine(f, '30.00', '10')] });

      const january = await billMonthExpectingInvoice(trx, '2026-01', customerId);
      // Stub 2026-01-15 to 2026-02-01 = 17 of 31 days: 300.00 × 17/31 = 164.516… → 164.52 (half up)
      expect(january.lines).toHaveLength(1);
      expect(january.lines[0]).toMatchObject({
        kind: 'recurring',
        amount: '164.52',
        unitPrice: null,
        servicePeriod: { start: '2026-01-15', end: '2026-02-01' },
        description: expect.stringContaining('(17 of 31 days)'),
      });
      // VAT 19 % × 164.52 = 31.2588 → 31.26; total 195.78
      expect([january.subtotal, january.taxTotal, january.total]).toEqual(['164.52', '31.26', '195.78']);

      const february = await billMonthExpectingInvoice(trx, '2026-02', customerId);
      // February is a whole calendar month at the full price, nothing repeated from the stub.
      expect(february.lines.map((l) => [l.kind, l.amount, l.servicePeriod])).toEqual([['recurring', '300.00', { start: '2026-02-01', end: '2026-03-01' }]]);
      expect(february.total).toBe('357.00');
    });
  });

  it('bills an annual prepaid plan once, to deferred revenue, with a daily ratable schedule and a balanced journal', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createScenarioFixture(trx, { customer: CUSTOMERS.germanDomestic });
      const customerId = f.customer.id;
      // 10 seats × 365.00 = 3,650.00 a year = exactly 10.00 a day, so every month is checkable by hand.
      await createTestContract(trx, f, { startDate: '2026-01-15', billingFrequency: 'annual', alignment: 'anniversary', lines: [seatLine(f, '365.00', '10')] });

      const january = await billMonthExpectingInvoice(trx, '2026-01', customerId);
      expect(january.lines).toHaveLength(1);
      const line = january.lines[0]!;
      expect(line).toMatchObject({ kind: 'recurring', amount: '3650.00', deferred: true, servicePeriod: { start: '2026-01-15', end: '2027-01-15' } });
      // 19 % × 3,650.00 = 693.50; total 4,343.50
      expect([january.subtotal, january.taxTotal, january.total]).toEqual(['3650.00', '693.50', '4343.50']);

      // 10.00 per day: Jan 15–31 is 17 days, Jan 2027 1–14 is 14 days; 365 days in all.
      expect(await revenueScheduleOf(trx, line.id)).toEqual([
        ['2026-01', 17, 17000n],
        ['2026-02', 28, 28000n],
        ['2026-03', 31, 31000n],
        ['2026-04', 30, 30000n],
        ['2026-05', 31, 31000n],
        ['2026-06', 30, 30000n],
        ['2026-07', 31, 31000n],
        ['2026-08', 31, 31000n],
        ['2026-09', 30, 30000n],
        ['2026-10', 31, 31000n],
        ['2026-11', 30, 30000n],
        ['2026-12', 31, 31000n],
        ['2027-01', 14, 14000n],
      ]);

      // Receivable 4,343.50 = deferred revenue 3,650.00 + VAT 693.50; nothing to a revenue account yet.
      const gl = await glOf(trx, january.id);
      expect(gl.debit).toBe(gl.credit);
      expect(gl.byAccount).toEqual({
        '1100': { debit: 434350n, credit: 0n },
        '2300': { debit: 0n, credit: 365000n },
        '2200': { debit: 0n, credit: 69350n },
      });

      // The rest of the year is prepaid: no invoice in February or December.
      expect(await billMonth(trx, '2026-02', customerId)).toBeUndefined();
      expect(await billMonth(trx, '2026-12', customerId)).toBeUndefined();
      expect(await countInvoiceRows(trx, customerId)).toBe(1);
    });
  });

  it('spreads an uneven annual amount so the schedule sums exactly and no month is off by a cent or more', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createScenarioFixture(trx, { customer: CUSTOMERS.germanDomestic });
      // 1,000.00 over 365 days = 2.7397… a day: the slices cannot all be exact.
      await createTestContract(trx, f, { startDate: '2026-03-10', billingFrequency: 'annual', lines: [seatLine(f, '1000.00', '1')] });
      const invoice = await billMonthExpectingInvoice(trx, '2026-03', f.customer.id);
      const schedule = await revenueScheduleOf(trx, invoice.lines[0]!.id);
      expect(schedule.reduce((s, [, , amount]) => s + amount, 0n)).toBe(100000n);
      expect(schedule.reduce((s, [, days]) => s + days, 0)).toBe(365);
      // Each slice is the exact share (days × 100,000 / 365 minor units) rounded up or down: |error| < 1 cent.
      for (const [, days, amount] of schedule) {
        const errorTimes365 = amount * 365n - BigInt(days) * 100000n;
        expect(errorTimes365 < 365n && errorTimes365 > -365n).toBe(true);
      }
      expect(schedule[0]).toEqual(['2026-03', 22, expect.any(BigInt)]);
    });
  });

  it('defers a mid-term upgrade of an annual plan too: credit and charge both go to deferred revenue with their own schedules', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createScenarioFixture(trx, { customer: CUSTOMERS.germanDomestic });
      const customerId = f.customer.id;
      const contract = await createTestContract(trx, f, { startDate: '2026-01-15', billingFrequency: 'annual', lines: [seatLine(f, '365.00', '10')] });
      await billMonthExpectingInvoice(trx, '2026-01', customerId);
      // 10 → 12 seats from 2026-07-15: 184 of 365 days left (Jul 15 … Jan 14).
      await amend(trx, contract.id, { kind: 'change_quantity', effectiveDate: '2026-07-15', lineKey: 'seats', quantity: '12' });

      const july = await billMonthExpectingInvoice(trx, '2026-07', customerId);
      // credit 3,650.00 × 184/365 = 1,840.00; charge 4,380.00 × 184/365 = 2,208.00
      expect(kindsAndAmounts(july)).toEqual([['proration_credit', '-1840.00'], ['proration_charge', '2208.00']]);
      expect(july.lines.map((l) => l.deferred)).toEqual([true, true]);
      // VAT per line: −349.60 and 419.52 → 69.92; total 368.00 + 69.92 = 437.92
      expect([july.subtotal, july.taxTotal, july.total]).toEqual(['368.00', '69.92', '437.92']);

      // Credit: −10.00 a day; charge: 12.00 a day, from Jul 15 (17 days in July) to Jan 14, 2027.
      const [credit, charge] = july.lines;
      expect(await revenueScheduleOf(trx, credit!.id)).toEqual([
        ['2026-07', 17, -17000n], ['2026-08', 31, -31000n], ['2026-09', 30, -30000n], ['2026-10', 31, -31000n],
        ['2026-11', 30, -30000n], ['2026-12', 31, -31000n], ['2027-01', 14, -14000n],
      ]);
      expect(await revenueScheduleOf(trx, charge!.id)).toEqual([
        ['2026-07', 17, 20400n], ['2026-08', 31, 37200n], ['2026-09', 30, 36000n], ['2026-10', 31, 37200n],
        ['2026-11', 30, 36000n], ['2026-12', 31, 37200n], ['2027-01', 14, 16800n],
      ]);
      // Deferred revenue: debit 1,840.00 (credit line) and credit 2,208.00; receivable 437.92; VAT 69.92.
      const gl = await glOf(trx, july.id);
      expect(gl.debit).toBe(gl.credit);
      expect(gl.byAccount).toEqual({
        '1100': { debit: 43792n, credit: 0n },
        '2300': { debit: 184000n, credit: 220800n },
        '2200': { debit: 0n, credit: 6992n },
      });
    });
  });
});

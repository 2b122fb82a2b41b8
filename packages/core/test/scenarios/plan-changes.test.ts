import { describe, expect, it } from 'vitest';
import {
  amend,
  billMonthExpectingInvoice,
  createScenarioFixture,
  createTestContract,
  flatLine,
  kindsAndAmounts,
  seatLine,
  testDatabaseKinds,
  useTestDatabase,
  withRollback,
} from '@invoiceops/testing';

// Scenario 3: upgrades and downgrades mid-period, prorated by day (credit for the unused
// part of the old price, charge for the new), and two upgrades in one period. The customer
// is a French business (reverse charge, no VAT), so the invoice total is the sum of its lines.

describe.each(testDatabaseKinds())('plan changes mid-period on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('upgrades mid-period with two separately rounded lines: the ±1 trap bills 25.00, not 25.01', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createScenarioFixture(trx);
      const customerId = f.customer.id;
      const contract = await createTestContract(trx, f, { startDate: '2026-04-01', alignment: 'calendar', lines: [flatLine(f, '99.99', 'basic', 'Basic plan')] });
      const april = await billMonthExpectingInvoice(trx, '2026-04', customerId);
      expect(kindsAndAmounts(april)).toEqual([['recurring', '99.99']]);

      // Basic 99.99 → Pro 150.00 from April 16: 15 of April's 30 days left.
      await amend(trx, contract.id, { kind: 'change_plan', effectiveDate: '2026-04-16', removeLineKeys: ['basic'], addLines: [flatLine(f, '150.00', 'pro', 'Pro plan')] });
      const may = await billMonthExpectingInvoice(trx, '2026-05', customerId);
      // credit: 99.99 × 15/30 = 49.995 → 50.00 (half up), negated; charge: 150.00 × 15/30 = 75.00.
      // The trap: rounding the net instead, (150.00 − 99.99) × 15/30 = 25.005 → 25.01. We bill
      // the two rounded lines, 75.00 − 50.00 = 25.00, because the invoice shows both lines and
      // its total must equal the sum of its lines (docs/billing-rules.md, "The ±1 trap").
      expect(kindsAndAmounts(may)).toEqual([
        ['proration_credit', '-50.00'],
        ['proration_charge', '75.00'],
        ['recurring', '150.00'],
      ]);
      expect(may.lines.slice(0, 2).map((l) => l.servicePeriod)).toEqual([{ start: '2026-04-16', end: '2026-05-01' }, { start: '2026-04-16', end: '2026-05-01' }]);
      expect(may.lines[0]!.description).toContain('unused 15 of 30 days');
      expect(may.lines[2]!.servicePeriod).toEqual({ start: '2026-05-01', end: '2026-06-01' });
      // 25.00 for the rest of April + 150.00 for May, not 175.01.
      expect(may.total).toBe('175.00');
    });
  });

  it('downgrades mid-period: credit for the unused seats, charge for the remaining ones, then the lower price', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createScenarioFixture(trx);
      const customerId = f.customer.id;
      const contract = await createTestContract(trx, f, { startDate: '2026-04-01', alignment: 'calendar', lines: [seatLine(f, '30.00', '10')] });
      await billMonthExpectingInvoice(trx, '2026-04', customerId);
      // 10 → 4 seats from April 21: 10 of 30 days left.
      await amend(trx, contract.id, { kind: 'change_quantity', effectiveDate: '2026-04-21', lineKey: 'seats', quantity: '4' });
      const may = await billMonthExpectingInvoice(trx, '2026-05', customerId);
      // credit 300.00 × 10/30 = 100.00; charge 120.00 × 10/30 = 40.00; May 4 × 30.00 = 120.00
      expect(kindsAndAmounts(may)).toEqual([['proration_credit', '-100.00'], ['proration_charge', '40.00'], ['recurring', '120.00']]);
      expect(may.total).toBe('60.00');
    });
  });

  it('chains two upgrades in one period made before the next run: each version billed for its own days', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createScenarioFixture(trx);
      const customerId = f.customer.id;
      // 31 seats × 1.00 = 31.00 for January's 31 days: 1.00 per seat-month, so the days read directly.
      const contract = await createTestContract(trx, f, { startDate: '2026-01-01', alignment: 'calendar', lines: [seatLine(f, '1.00', '31')] });
      await billMonthExpectingInvoice(trx, '2026-01', customerId);
      await amend(trx, contract.id, { kind: 'change_quantity', effectiveDate: '2026-01-11', lineKey: 'seats', quantity: '62' });
      await amend(trx, contract.id, { kind: 'change_quantity', effectiveDate: '2026-01-21', lineKey: 'seats', quantity: '93' });

      const february = await billMonthExpectingInvoice(trx, '2026-02', customerId);
      // January: 31.00 was billed for 31 days; 31 seats were in force 10 days (Jan 1–10) →
      // credit 31.00 × 21/31 = 21.00; 62 seats for 10 days (Jan 11–20) → 62.00 × 10/31 = 20.00;
      // 93 seats for 11 days (Jan 21–31) → 93.00 × 11/31 = 33.00. February: 93.00.
      expect(kindsAndAmounts(february)).toEqual([
        ['proration_credit', '-21.00'],
        ['proration_charge', '20.00'],
        ['proration_charge', '33.00'],
        ['recurring', '93.00'],
      ]);
      // January in total: 31.00 − 21.00 + 20.00 + 33.00 = 63.00 = 10 × 1 + 10 × 2 + 11 × 3.
      expect(february.total).toBe('125.00');
    });
  });

  it('chains two upgrades in one period with a bill run between them: the second credit is at the first upgrade\'s price', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createScenarioFixture(trx);
      const customerId = f.customer.id;
      // Anniversary periods Jan 15 – Feb 15 (31 days), Feb 15 – Mar 15 (28), Mar 15 – Apr 15 (31).
      const contract = await createTestContract(trx, f, { startDate: '2026-01-15', alignment: 'anniversary', lines: [seatLine(f, '1.00', '31')] });
      expect(kindsAndAmounts(await billMonthExpectingInvoice(trx, '2026-01', customerId))).toEqual([['recurring', '31.00']]);

      await amend(trx, contract.id, { kind: 'change_quantity', effectiveDate: '2026-01-25', lineKey: 'seats', quantity: '62' });
      const february = await billMonthExpectingInvoice(trx, '2026-02', customerId);
      // 21 of 31 days left from Jan 25: credit 31.00 × 21/31 = 21.00, charge 62.00 × 21/31 = 42.00;
      // then the period from Feb 15 at 62.00.
      expect(kindsAndAmounts(february)).toEqual([['proration_credit', '-21.00'], ['proration_charge', '42.00'], ['recurring', '62.00']]);

      // Second upgrade inside the same first period, after it was re-billed: 10 days left from Feb 5.
      await amend(trx, contract.id, { kind: 'change_quantity', effectiveDate: '2026-02-05', lineKey: 'seats', quantity: '93' });
      const march = await billMonthExpectingInvoice(trx, '2026-03', customerId);
      // First period: credit at the FIRST upgrade's price, 62.00 × 10/31 = 20.00; charge 93.00 × 10/31 = 30.00.
      // Second period (Feb 15 – Mar 15), billed at 62.00 in advance: credited whole, re-billed at 93.00.
      // Third period (Mar 15 – Apr 15): 93.00.
      expect(kindsAndAmounts(march)).toEqual([
        ['proration_credit', '-20.00'],
        ['proration_charge', '30.00'],
        ['proration_credit', '-62.00'],
        ['recurring', '93.00'],
        ['recurring', '93.00'],
      ]);
      expect(march.total).toBe('134.00');
      // First period in total: 31 − 21 + 42 − 20 + 30 = 62.00 = 10 × 1 + 11 × 2 + 10 × 3 (days × price per day).
    });
  });
});

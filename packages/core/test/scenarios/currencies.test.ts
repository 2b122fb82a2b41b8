import { describe, expect, it } from 'vitest';
import {
  CUSTOMERS,
  amend,
  billMonthExpectingInvoice,
  createScenarioFixture,
  createTestContract,
  kindsAndAmounts,
  seatLine,
  sendUsage,
  testDatabaseKinds,
  usageEvent,
  usageLine,
  useTestDatabase,
  withRollback,
} from '@invoiceops/testing';

// Scenario 10: JPY (0 decimals) and KWD (3 decimals). A German entity bills customers in
// Japan and Kuwait in their currencies; services to businesses outside the EU are not
// subject to German VAT (category O), so totals are the sums of the lines. Every line is
// rounded once, to the currency's own minor unit, with the entity's rounding mode, and the
// invoice adds up its rounded lines.

const perUnit = (unitPrice: string) => ({ model: 'per_unit', params: { unitPrice } });

describe.each(testDatabaseKinds())('currencies without and with three decimals on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('bills JPY in whole yen, each line rounded once (half up), the total the sum of the lines', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createScenarioFixture(trx, { customer: CUSTOMERS.tokyo });
      const customerId = f.customer.id;
      const contract = await createTestContract(trx, f, {
        startDate: '2026-01-10',
        alignment: 'calendar',
        lines: [seatLine(f, '1234', '7'), usageLine(f, perUnit('0.5'), 'api'), usageLine(f, perUnit('0.5'), 'storage', f.otherMetricCode)],
      });
      await sendUsage(trx, [
        usageEvent(customerId, f.metricCode, 'api', '2026-01-20T01:00:00Z', 1001),
        usageEvent(customerId, f.otherMetricCode, 'storage', '2026-01-20T01:00:00Z', 1003),
      ], '2026-02-01T00:00:00Z');

      const january = await billMonthExpectingInvoice(trx, '2026-01', customerId);
      expect(january.currency).toBe('JPY');
      // Stub Jan 10–31 = 22 of 31 days: 7 × ¥1,234 = ¥8,638 × 22/31 = ¥6,130.19… → ¥6,130
      // API: 1,001 × ¥0.5 = ¥500.5 → ¥501; storage: 1,003 × ¥0.5 = ¥501.5 → ¥502
      expect(kindsAndAmounts(january)).toEqual([['recurring', '6130'], ['usage', '501'], ['usage', '502']]);
      // ¥7,133: the sum of the rounded lines, not round(6,130.19 + 500.5 + 501.5 = 7,132.19) = ¥7,132.
      expect([january.subtotal, january.taxTotal, january.total]).toEqual(['7133', '0', '7133']);
      expect(january.lines.map((l) => l.tax.category)).toEqual(['O', 'O', 'O']);

      // 7 → 3 seats from February 15 (14 of 28 days left): credit ¥8,638 × 14/28 = ¥4,319,
      // charge ¥3,702 × 14/28 = ¥1,851; February itself was billed in advance at ¥8,638.
      expect(kindsAndAmounts(await billMonthExpectingInvoice(trx, '2026-02', customerId))).toEqual([['recurring', '8638']]);
      await amend(trx, contract.id, { kind: 'change_quantity', effectiveDate: '2026-02-15', lineKey: 'seats', quantity: '3' });
      const march = await billMonthExpectingInvoice(trx, '2026-03', customerId);
      expect(kindsAndAmounts(march)).toEqual([['proration_credit', '-4319'], ['proration_charge', '1851'], ['recurring', '3702']]);
      expect(march.total).toBe('1234'); // −4,319 + 1,851 + 3,702
    });
  });

  it('rounds JPY with the entity\'s rounding mode: half even sends ¥500.5 to ¥500 and ¥501.5 to ¥502', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createScenarioFixture(trx, { entity: { roundingMode: 'half_even' }, customer: CUSTOMERS.tokyo });
      const customerId = f.customer.id;
      await createTestContract(trx, f, {
        startDate: '2026-01-01',
        alignment: 'calendar',
        lines: [usageLine(f, perUnit('0.5'), 'api'), usageLine(f, perUnit('0.5'), 'storage', f.otherMetricCode)],
      });
      await sendUsage(trx, [
        usageEvent(customerId, f.metricCode, 'api', '2026-01-20T01:00:00Z', 1001),
        usageEvent(customerId, f.otherMetricCode, 'storage', '2026-01-20T01:00:00Z', 1003),
      ], '2026-02-01T00:00:00Z');
      const january = await billMonthExpectingInvoice(trx, '2026-01', customerId);
      expect(kindsAndAmounts(january)).toEqual([['usage', '500'], ['usage', '502']]);
      expect(january.total).toBe('1002');
    });
  });

  it('bills KWD to the fils (3 decimals), each line rounded once', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createScenarioFixture(trx, { customer: CUSTOMERS.kuwait });
      const customerId = f.customer.id;
      await createTestContract(trx, f, {
        startDate: '2026-01-10',
        alignment: 'calendar',
        lines: [seatLine(f, '12.345', '3'), usageLine(f, perUnit('0.0015'), 'api'), usageLine(f, perUnit('0.0005'), 'storage', f.otherMetricCode)],
      });
      await sendUsage(trx, [
        usageEvent(customerId, f.metricCode, 'api', '2026-01-20T09:00:00Z', 12345),
        usageEvent(customerId, f.otherMetricCode, 'storage', '2026-01-20T09:00:00Z', 1001),
      ], '2026-02-01T00:00:00Z');

      const january = await billMonthExpectingInvoice(trx, '2026-01', customerId);
      expect(january.currency).toBe('KWD');
      // Seats: 3 × 12.345 = 37.035 KWD × 22/31 = 26.2829… → 26.283
      // API: 12,345 × 0.0015 = 18.5175 → 18.518; storage: 1,001 × 0.0005 = 0.5005 → 0.501
      expect(kindsAndAmounts(january)).toEqual([['recurring', '26.283'], ['usage', '18.518'], ['usage', '0.501']]);
      // 45.302 = the sum of the lines (the exact sum 45.3009… would round to 45.301).
      expect([january.subtotal, january.taxTotal, january.total]).toEqual(['45.302', '0.000', '45.302']);
      expect(kindsAndAmounts(await billMonthExpectingInvoice(trx, '2026-02', customerId))).toEqual([['recurring', '37.035']]);
    });
  });
});

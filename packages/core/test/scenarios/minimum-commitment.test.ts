import { describe, expect, it } from 'vitest';
import {
  CUSTOMERS,
  amend,
  billMonthExpectingInvoice,
  createScenarioFixture,
  createTestContract,
  glOf,
  sendUsage,
  testDatabaseKinds,
  usageEvent,
  usageLine,
  useTestDatabase,
  withRollback,
} from '@invoiceops/testing';

// Minimum commitment with true-up: a contract commits to 100.00 of API usage a month. After
// each monthly period closes, the bill run compares the period's usage charges with the
// commitment and bills the shortfall as a `commitment_true_up` line naming the period, with
// tax and GL like any line. Customer: a German business (19 % VAT), seller in Germany.

const commitmentLine = (productId: string, amount: string) => ({ key: 'commitment', productId, kind: 'recurring', charge: { model: 'minimum_commitment', name: 'Minimum commitment', params: { amount } } });
const perCall = { model: 'per_unit', params: { unitPrice: '0.01' } };

describe.each(testDatabaseKinds())('minimum commitment on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('bills the shortfall of a month\'s usage as a true-up line, with tax and GL, and nothing when usage meets it', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createScenarioFixture(trx, { customer: CUSTOMERS.germanDomestic });
      const customerId = f.customer.id;
      await createTestContract(trx, f, { startDate: '2026-01-01', alignment: 'calendar', lines: [commitmentLine(f.usageProduct.id, '100.00'), usageLine(f, perCall)] });
      await sendUsage(trx, [
        usageEvent(customerId, f.metricCode, 'jan', '2026-01-10T10:00:00Z', 4000),
        usageEvent(customerId, f.metricCode, 'feb', '2026-02-10T10:00:00Z', 12000),
      ], '2026-03-01T00:01:00Z');

      const january = await billMonthExpectingInvoice(trx, '2026-01', customerId);
      // 4,000 × 0.01 = 40.00 of usage against 100.00 committed: a 60.00 true-up, VAT 19 % on both.
      expect(january.lines.map((l) => [l.kind, l.amount, l.tax.amount, l.servicePeriod])).toEqual([
        ['usage', '40.00', '7.60', { start: '2026-01-01', end: '2026-02-01' }],
        ['commitment_true_up', '60.00', '11.40', { start: '2026-01-01', end: '2026-02-01' }],
      ]);
      expect(january.lines[1]!.description).toBe('Minimum commitment, period 2026-01-01 to 2026-02-01 (commitment 100.00 EUR, usage charges 40.00 EUR)');
      expect(january.total).toBe('119.00');
      const gl = await glOf(trx, january.id);
      expect(gl.debit).toBe(gl.credit);
      expect(gl.byAccount['1100']).toEqual({ debit: 11900n, credit: 0n });
      expect(gl.byAccount['2200']).toEqual({ debit: 0n, credit: 1900n });
      expect(gl.byAccount[f.usageProduct.revenueAccountCode as string]).toEqual({ debit: 0n, credit: 10000n });

      // February: 120.00 of usage is above the commitment, so no true-up.
      const february = await billMonthExpectingInvoice(trx, '2026-02', customerId);
      expect(february.lines.map((l) => [l.kind, l.amount])).toEqual([['usage', '120.00']]);
    });
  });

  it('gives back a true-up that late usage of the period made too large, once', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createScenarioFixture(trx, { customer: CUSTOMERS.germanDomestic });
      const customerId = f.customer.id;
      await createTestContract(trx, f, { startDate: '2026-01-01', alignment: 'calendar', lines: [commitmentLine(f.usageProduct.id, '100.00'), usageLine(f, perCall)] });
      await sendUsage(trx, [usageEvent(customerId, f.metricCode, 'jan', '2026-01-10T10:00:00Z', 4000)], '2026-02-01T00:01:00Z');
      const january = await billMonthExpectingInvoice(trx, '2026-01', customerId);
      expect(january.lines.map((l) => [l.kind, l.amount])).toEqual([['usage', '40.00'], ['commitment_true_up', '60.00']]);

      // 2,500 January calls arrive late (25.00): January's usage is now 65.00, so its true-up
      // should have been 35.00 — February gives back 25.00 next to the late usage line.
      await sendUsage(trx, [usageEvent(customerId, f.metricCode, 'jan-late', '2026-01-20T10:00:00Z', 2500)], '2026-02-05T00:00:00Z');
      await sendUsage(trx, [usageEvent(customerId, f.metricCode, 'feb', '2026-02-10T10:00:00Z', 15000)], '2026-03-01T00:01:00Z');
      const february = await billMonthExpectingInvoice(trx, '2026-02', customerId);
      expect(february.lines.map((l) => [l.kind, l.amount, l.servicePeriod?.start])).toEqual([
        ['late_usage', '25.00', '2026-01-01'],
        ['usage', '150.00', '2026-02-01'],
        ['commitment_true_up', '-25.00', '2026-01-01'],
      ]);
      expect(february.lines[2]!.description).toContain('adjusted, period 2026-01-01 to 2026-02-01');
      // Nothing is owed for January in March.
      await sendUsage(trx, [usageEvent(customerId, f.metricCode, 'mar', '2026-03-10T10:00:00Z', 20000)], '2026-04-01T00:01:00Z');
      const march = await billMonthExpectingInvoice(trx, '2026-03', customerId);
      expect(march.lines.map((l) => l.kind)).toEqual(['usage']);
    });
  });

  it('prorates the commitment by day when an amendment changes it mid-period', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createScenarioFixture(trx, { customer: CUSTOMERS.germanDomestic });
      const customerId = f.customer.id;
      const contract = await createTestContract(trx, f, { startDate: '2026-04-01', alignment: 'calendar', lines: [commitmentLine(f.usageProduct.id, '100.00'), usageLine(f, perCall)] });
      await amend(trx, contract.id, { kind: 'change_price', effectiveDate: '2026-04-16', lineKey: 'commitment', charge: { model: 'minimum_commitment', name: 'Minimum commitment', params: { amount: '300.00' } } });
      await sendUsage(trx, [usageEvent(customerId, f.metricCode, 'apr', '2026-04-10T10:00:00Z', 1000)], '2026-05-01T00:01:00Z');
      const april = await billMonthExpectingInvoice(trx, '2026-04', customerId);
      // 100.00 × 15/30 + 300.00 × 15/30 = 50.00 + 150.00 = 200.00 committed, 10.00 used → 190.00.
      expect(april.lines.map((l) => [l.kind, l.amount])).toEqual([['usage', '10.00'], ['commitment_true_up', '190.00']]);
    });
  });
});

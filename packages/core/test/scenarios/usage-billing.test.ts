import { describe, expect, it } from 'vitest';
import {
  amend,
  billMonth,
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

// Scenarios 7 and 8: usage over an included allowance, usage of a metric the contract does
// not have, late usage, and correction events. Usage is billed in arrears: the bill run for
// 2026-01 bills January's usage (the run happens after the month ends; the test's clock for
// ingestion says when each event arrived). Customer: a French business (no VAT).

const perCall = (unitPrice: string) => ({ model: 'per_unit', params: { unitPrice } });

describe.each(testDatabaseKinds())('usage billing on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('bills only the usage beyond the included allowance, and shows free usage at 0.00', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createScenarioFixture(trx);
      const customerId = f.customer.id;
      // 10,000 calls a month included, then 0.002 a call.
      await createTestContract(trx, f, {
        startDate: '2026-01-01',
        alignment: 'calendar',
        lines: [usageLine(f, { model: 'included_allowance', params: { includedQuantity: '10000', charge: perCall('0.002') } })],
      });
      await sendUsage(trx, [
        usageEvent(customerId, f.metricCode, 'jan-1', '2026-01-05T09:00:00Z', 4000),
        usageEvent(customerId, f.metricCode, 'jan-2', '2026-01-31T22:59:59Z', 8500),
        usageEvent(customerId, f.metricCode, 'feb-1', '2026-02-10T09:00:00Z', 9000),
      ], '2026-03-01T00:01:00Z');

      const january = await billMonthExpectingInvoice(trx, '2026-01', customerId);
      // 12,500 calls − 10,000 included = 2,500 × 0.002 = 5.00
      expect(january.lines.map((l) => [l.kind, l.quantity, l.amount, l.servicePeriod])).toEqual([['usage', '12500', '5.00', { start: '2026-01-01', end: '2026-02-01' }]]);
      expect(january.total).toBe('5.00');

      const february = await billMonthExpectingInvoice(trx, '2026-02', customerId);
      // 9,000 calls, all inside the allowance: a visible line at 0.00, nothing owed.
      expect(february.lines.map((l) => [l.kind, l.quantity, l.amount])).toEqual([['usage', '9000', '0.00']]);
      expect(february.total).toBe('0.00');
    });
  });

  it('does not bill usage of a metric that is not in the customer\'s contract', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createScenarioFixture(trx);
      const customerId = f.customer.id;
      await createTestContract(trx, f, { startDate: '2026-01-01', alignment: 'calendar', lines: [usageLine(f, perCall('0.01'))] });
      await sendUsage(trx, [
        usageEvent(customerId, f.metricCode, 'calls', '2026-01-10T09:00:00Z', 100),
        usageEvent(customerId, f.otherMetricCode, 'storage', '2026-01-10T09:00:00Z', 750),
      ], '2026-02-01T00:01:00Z');
      const january = await billMonthExpectingInvoice(trx, '2026-01', customerId);
      // Only the contracted metric: 100 × 0.01 = 1.00; the 750 GB of storage is on no line.
      expect(kindsAndAmounts(january)).toEqual([['usage', '1.00']]);
      const storage = await trx.selectFrom('usageEvents').select(['status']).where('customerId', '=', customerId).where('eventId', '=', 'storage').executeTakeFirstOrThrow();
      expect(storage.status).toBe('flagged');
    });
  });

  // Regression test, fixed (usage of a metric not in the contract was silently ignored). Expected, per issue #3
  // ("a metric not in the customer's contract … stored and flagged for review, never silently
  // billed or dropped") and docs/usage.md ("Further review flags (metric not in the customer's
  // contract …) arrive with contracts"): the event is stored with status `flagged`, and the
  // ingest result says `flagged` with a reason. Actual: it is `accepted` and then never billed
  // and never shown for review — nobody learns the customer used an unpriced metric.
  // Cause: usage/ingest-usage-events.ts `ingestUsageEvents` only flags events of inactive
  // customers; it never checks the customer's contract lines (contracts/contract_lines with
  // kind 'usage' and that metric_code in force at the event's time).
  it('flags usage of a metric that is not in the customer\'s contract for review at ingestion', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createScenarioFixture(trx);
      const customerId = f.customer.id;
      await createTestContract(trx, f, { startDate: '2026-01-01', alignment: 'calendar', lines: [usageLine(f, perCall('0.01'))] });
      const result = await sendUsage(trx, [usageEvent(customerId, f.otherMetricCode, 'storage', '2026-01-10T09:00:00Z', 750)], '2026-02-01T00:01:00Z');
      expect(result).toMatchObject({ accepted: 0, flagged: 1 });
      expect(result.results[0]).toMatchObject({ status: 'flagged', reason: expect.stringMatching(/contract/i) });
      const row = await trx.selectFrom('usageEvents').select(['status']).where('customerId', '=', customerId).where('eventId', '=', 'storage').executeTakeFirstOrThrow();
      expect(row.status).toBe('flagged');
    });
  });

  it('bills late usage once, on the next invoice, as a separate line naming its period', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createScenarioFixture(trx);
      const customerId = f.customer.id;
      await createTestContract(trx, f, { startDate: '2026-01-01', alignment: 'calendar', lines: [usageLine(f, perCall('0.01'))] });
      await sendUsage(trx, [usageEvent(customerId, f.metricCode, 'jan', '2026-01-15T10:00:00Z', 1000)], '2026-02-01T00:01:00Z');
      const january = await billMonthExpectingInvoice(trx, '2026-01', customerId);
      expect(kindsAndAmounts(january)).toEqual([['usage', '10.00']]); // 1,000 × 0.01

      // 200 January calls arrive on February 10, after January was invoiced; 500 February calls.
      const late = usageEvent(customerId, f.metricCode, 'jan-late', '2026-01-28T10:00:00Z', 200);
      await sendUsage(trx, [late], '2026-02-10T08:00:00Z');
      await sendUsage(trx, [usageEvent(customerId, f.metricCode, 'feb', '2026-02-14T10:00:00Z', 500)], '2026-03-01T00:01:00Z');
      const february = await billMonthExpectingInvoice(trx, '2026-02', customerId);
      expect(february.lines.map((l) => [l.kind, l.quantity, l.amount, l.servicePeriod])).toEqual([
        ['late_usage', '200', '2.00', { start: '2026-01-01', end: '2026-02-01' }], // 200 × 0.01
        ['usage', '500', '5.00', { start: '2026-02-01', end: '2026-03-01' }],
      ]);
      expect(february.lines[0]!.description).toContain('period 2026-01-01 to 2026-02-01');
      expect(february.total).toBe('7.00');

      // The producer re-sends the late event: a duplicate, counted once, never billed again.
      expect(await sendUsage(trx, [late], '2026-03-02T00:00:00Z')).toMatchObject({ duplicates: 1, accepted: 0 });
      expect(await billMonth(trx, '2026-03', customerId)).toBeUndefined();
    });
  });

  // Regression test, fixed (late usage not marked late when the period had no usage line). Expected: January was
  // invoiced (its recurring line) with no usage; 300 January calls arriving on February 5 are
  // late usage for an invoiced period, so February shows a `late_usage` line "Late usage: API
  // calls, period 2026-01-01 to 2026-02-01". Actual: an ordinary `usage` line "API calls,
  // 2026-01-01 to 2026-02-01", indistinguishable from current usage in late-usage reporting.
  // Cause: billing/plan-customer-lines.ts passes `billedBefore: billedHere.length > 0` to
  // `planUsageLine`; a window that was rated at zero in an earlier run left no invoice line,
  // so "billed before" is decided by the existence of a line, not by whether the window's
  // period was already invoiced (window end ≤ the previous runs' month end).
  it('marks usage as late when its period was invoiced without any usage line', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createScenarioFixture(trx);
      const customerId = f.customer.id;
      await createTestContract(trx, f, { startDate: '2026-01-01', alignment: 'calendar', lines: [seatLine(f, '30.00', '1'), usageLine(f, perCall('0.01'))] });
      expect(kindsAndAmounts(await billMonthExpectingInvoice(trx, '2026-01', customerId))).toEqual([['recurring', '30.00']]);
      await sendUsage(trx, [usageEvent(customerId, f.metricCode, 'late', '2026-01-20T10:00:00Z', 300)], '2026-02-05T00:00:00Z');
      const february = await billMonthExpectingInvoice(trx, '2026-02', customerId);
      const late = february.lines.find((l) => l.servicePeriod?.start === '2026-01-01');
      expect(late).toMatchObject({ kind: 'late_usage', quantity: '300', amount: '3.00', description: 'Late usage: API calls, period 2026-01-01 to 2026-02-01' });
    });
  });

  // Regression test, fixed (included allowance granted twice). An amendment that changes the
  // price mid-period splits the period into two usage windows; they are rated together: the
  // allowance is consumed once, in time order, and each window's units are priced at the
  // rate in force then. Before the fix each window got the whole allowance: two lines of
  // 6,000 calls at 0.00 each, nothing billed.
  it('grants the included allowance once per period when the usage line changes price mid-period', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createScenarioFixture(trx);
      const customerId = f.customer.id;
      const allowance = (unitPrice: string) => ({ model: 'included_allowance', params: { includedQuantity: '10000', charge: perCall(unitPrice) } });
      const contract = await createTestContract(trx, f, { startDate: '2026-01-01', alignment: 'calendar', lines: [usageLine(f, allowance('0.002'))] });
      await amend(trx, contract.id, { kind: 'change_price', effectiveDate: '2026-01-16', lineKey: 'api', charge: allowance('0.003') });
      await sendUsage(trx, [
        usageEvent(customerId, f.metricCode, 'first-half', '2026-01-10T10:00:00Z', 6000),
        usageEvent(customerId, f.metricCode, 'second-half', '2026-01-20T10:00:00Z', 6000),
      ], '2026-02-01T00:00:00Z');
      const january = await billMonthExpectingInvoice(trx, '2026-01', customerId);
      // 6,000 calls at 0.002 inside the allowance; of the next 6,000 (at 0.003) 4,000 are still
      // included and 2,000 are billed: 2,000 × 0.003 = 6.00.
      expect(january.lines.map((l) => [l.kind, l.quantity, l.amount, l.servicePeriod])).toEqual([
        ['usage', '6000', '0.00', { start: '2026-01-01', end: '2026-01-16' }],
        ['usage', '6000', '6.00', { start: '2026-01-16', end: '2026-02-01' }],
      ]);
      expect(january.total).toBe('6.00');
    });
  });

  it('fills graduated tiers across a mid-period price change, each window at its own prices', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createScenarioFixture(trx);
      const customerId = f.customer.id;
      const tiers = (first: string, rest: string) => ({ model: 'graduated', params: { tiers: [{ upTo: '1000', unitPrice: first }, { upTo: null, unitPrice: rest }] } });
      const contract = await createTestContract(trx, f, { startDate: '2026-01-01', alignment: 'calendar', lines: [usageLine(f, tiers('0.10', '0.05'))] });
      await amend(trx, contract.id, { kind: 'change_price', effectiveDate: '2026-01-16', lineKey: 'api', charge: tiers('0.20', '0.08') });
      await sendUsage(trx, [
        usageEvent(customerId, f.metricCode, 'first-half', '2026-01-10T10:00:00Z', 800),
        usageEvent(customerId, f.metricCode, 'second-half', '2026-01-20T10:00:00Z', 700),
      ], '2026-02-01T00:00:00Z');
      const january = await billMonthExpectingInvoice(trx, '2026-01', customerId);
      // 800 in tier 1 at 0.10 = 80.00; then 200 more in tier 1 at 0.20 = 40.00 and 500 in tier 2
      // at 0.08 = 40.00 → 80.00 (not 700 × 0.20 = 140.00 from tier 1 again).
      expect(january.lines.map((l) => [l.kind, l.quantity, l.amount])).toEqual([['usage', '800', '80.00'], ['usage', '700', '80.00']]);
      expect(january.total).toBe('160.00');
    });
  });

  it('re-rates the later window when late usage in the earlier one uses up more of the allowance', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createScenarioFixture(trx);
      const customerId = f.customer.id;
      const allowance = (unitPrice: string) => ({ model: 'included_allowance', params: { includedQuantity: '10000', charge: perCall(unitPrice) } });
      const contract = await createTestContract(trx, f, { startDate: '2026-01-01', alignment: 'calendar', lines: [usageLine(f, allowance('0.002'))] });
      await amend(trx, contract.id, { kind: 'change_price', effectiveDate: '2026-01-16', lineKey: 'api', charge: allowance('0.003') });
      await sendUsage(trx, [
        usageEvent(customerId, f.metricCode, 'first-half', '2026-01-10T10:00:00Z', 6000),
        usageEvent(customerId, f.metricCode, 'second-half', '2026-01-20T10:00:00Z', 6000),
      ], '2026-02-01T00:00:00Z');
      expect((await billMonthExpectingInvoice(trx, '2026-01', customerId)).total).toBe('6.00');
      // 3,000 more first-half calls arrive late: the allowance now ends 3,000 calls earlier, so
      // the second window owes 3,000 × 0.003 = 9.00 more; the first window stays inside it.
      await sendUsage(trx, [usageEvent(customerId, f.metricCode, 'first-half-late', '2026-01-12T10:00:00Z', 3000)], '2026-02-10T00:00:00Z');
      const february = await billMonthExpectingInvoice(trx, '2026-02', customerId);
      expect(february.lines.map((l) => [l.kind, l.quantity, l.amount, l.servicePeriod])).toEqual([
        ['late_usage', '3000', '0.00', { start: '2026-01-01', end: '2026-01-16' }],
        ['late_usage', '0', '9.00', { start: '2026-01-16', end: '2026-02-01' }],
      ]);
      expect(february.total).toBe('9.00');
    });
  });

  it('replaces a corrected event\'s quantity: before invoicing, and after it as a late adjustment', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createScenarioFixture(trx);
      const customerId = f.customer.id;
      await createTestContract(trx, f, { startDate: '2026-01-01', alignment: 'calendar', lines: [usageLine(f, perCall('0.01'))] });
      // Before the January run: e1 1,000 is corrected to 800 (same source, `corrects: e1`).
      await sendUsage(trx, [
        usageEvent(customerId, f.metricCode, 'e1', '2026-01-10T10:00:00Z', 1000),
        usageEvent(customerId, f.metricCode, 'e1-fix', '2026-01-10T10:00:00Z', 800, { corrects: 'e1' }),
        usageEvent(customerId, f.metricCode, 'e2', '2026-01-20T10:00:00Z', 3000),
      ], '2026-02-01T00:01:00Z');
      const january = await billMonthExpectingInvoice(trx, '2026-01', customerId);
      // 800 + 3,000 = 3,800 × 0.01 = 38.00 (not 4,800 → 48.00)
      expect(january.lines.map((l) => [l.kind, l.quantity, l.amount])).toEqual([['usage', '3800', '38.00']]);

      // After invoicing: e2 3,000 is corrected to 2,500, stamped with e2's time.
      await sendUsage(trx, [usageEvent(customerId, f.metricCode, 'e2-fix', '2026-01-20T10:00:00Z', 2500, { corrects: 'e2' })], '2026-02-05T00:00:00Z');
      await sendUsage(trx, [usageEvent(customerId, f.metricCode, 'feb', '2026-02-14T10:00:00Z', 500)], '2026-03-01T00:01:00Z');
      const february = await billMonthExpectingInvoice(trx, '2026-02', customerId);
      // January now 800 + 2,500 = 3,300 → 33.00, 38.00 billed: a late line of −500 calls, −5.00.
      expect(february.lines.map((l) => [l.kind, l.quantity, l.amount])).toEqual([['late_usage', '-500', '-5.00'], ['usage', '500', '5.00']]);
      expect(february.total).toBe('0.00');
    });
  });

  // Regression test, fixed (a correction sent later double-billed). Expected: a correction replaces the corrected
  // event, so January's 1,000 calls corrected to 800 cost 8.00 in all, whatever `time` the
  // correction carries. Actual: when the correction is stamped with the time it was sent
  // (February 3) and January was already invoiced, January keeps its 10.00 AND February bills
  // the correction's 800 calls again (8.00): 18.00 for 800 calls.
  // Cause: billing/aggregate-usage.ts `aggregateUsage` attributes a correction to the window of
  // its own `occurred_at`, and plan-customer-lines.ts only re-rates an invoiced window when an
  // unbilled event falls inside it (`unbilledUsageSince < endsAt`), so the corrected event's
  // window is never re-rated. Either attribute a correction to the corrected event's window
  // or refuse/flag a correction whose time is in another period.
  it('does not bill twice when a correction of an invoiced event is stamped in a later period', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createScenarioFixture(trx);
      const customerId = f.customer.id;
      await createTestContract(trx, f, { startDate: '2026-01-01', alignment: 'calendar', lines: [usageLine(f, perCall('0.01'))] });
      await sendUsage(trx, [usageEvent(customerId, f.metricCode, 'e1', '2026-01-10T10:00:00Z', 1000)], '2026-02-01T00:01:00Z');
      expect(kindsAndAmounts(await billMonthExpectingInvoice(trx, '2026-01', customerId))).toEqual([['usage', '10.00']]);
      await sendUsage(trx, [
        usageEvent(customerId, f.metricCode, 'e1-fix', '2026-02-03T10:00:00Z', 800, { corrects: 'e1' }),
        usageEvent(customerId, f.metricCode, 'feb', '2026-02-14T10:00:00Z', 500),
      ], '2026-03-01T00:01:00Z');
      const february = await billMonthExpectingInvoice(trx, '2026-02', customerId);
      // 800 corrected calls (8.00) + 500 February calls (5.00) = 13.00 over both invoices;
      // January billed 10.00, so February must total 3.00 however the lines are split.
      expect(february.total).toBe('3.00');
    });
  });
});

import { describe, expect, it } from 'vitest';
import { ALL_ENTITIES, listUsageEvents, listUsageEventsQuery } from '@invoiceops/core';
import {
  CUSTOMERS,
  SELLERS,
  billMonthExpectingInvoice,
  countInvoiceRows,
  createScenarioFixture,
  createTestContract,
  monthsBetween,
  seatLine,
  sendUsage,
  testDatabaseKinds,
  usageEvent,
  usageLine,
  useTestDatabase,
  withRollback,
} from '@invoiceops/testing';

// Scenario 9: customers in UTC+10 (Australia/Sydney) and UTC−8 (America/Los_Angeles) billed
// month by month through 2026, across both DST changes of each zone:
//   Los Angeles: PST −08:00 until Sun 2026-03-08 02:00, PDT −07:00 until Sun 2026-11-01 02:00.
//   Sydney:      AEDT +11:00 until Sun 2026-04-05 03:00, AEST +10:00 until Sun 2026-10-04 02:00.
// Event times are written with the wall-clock offset in force, by hand, so the test does not
// use the code under test to place them. Each month m gets an event at 00:00 local on its
// first day (100 calls) and one at 23:30 local on its last day (m calls): its usage line must
// be exactly 100 + m calls, so an event that slipped into a neighbouring month shows.

interface Zone {
  name: string;
  seller: Record<string, unknown>;
  customer: Record<string, unknown>;
  /** UTC offset at 00:00 on the first day of month m (index m − 1). */
  firstDay: string[];
  /** UTC offset at 23:30 on the last day of month m. */
  lastDay: string[];
}

const LA_FIRST = ['-08:00', '-08:00', '-08:00', '-07:00', '-07:00', '-07:00', '-07:00', '-07:00', '-07:00', '-07:00', '-07:00', '-08:00'];
const LA_LAST = ['-08:00', '-08:00', '-07:00', '-07:00', '-07:00', '-07:00', '-07:00', '-07:00', '-07:00', '-07:00', '-08:00', '-08:00'];
const SYD_FIRST = ['+11:00', '+11:00', '+11:00', '+11:00', '+10:00', '+10:00', '+10:00', '+10:00', '+10:00', '+10:00', '+11:00', '+11:00'];
const SYD_LAST = ['+11:00', '+11:00', '+11:00', '+10:00', '+10:00', '+10:00', '+10:00', '+10:00', '+10:00', '+11:00', '+11:00', '+11:00'];

const zones: Zone[] = [
  { name: 'Australia/Sydney (UTC+10/+11)', seller: SELLERS.australia, customer: CUSTOMERS.sydney, firstDay: SYD_FIRST, lastDay: SYD_LAST },
  { name: 'America/Los_Angeles (UTC−8/−7)', seller: SELLERS.unitedStates, customer: CUSTOMERS.losAngeles, firstDay: LA_FIRST, lastDay: LA_LAST },
];

const DAYS_IN_2026 = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const pad = (n: number) => String(n).padStart(2, '0');
const nextMonthStart = (m: number) => (m === 12 ? '2027-01-01' : `2026-${pad(m + 1)}-01`);

describe.each(testDatabaseKinds())('time zones and DST on %s', (kind) => {
  const t = useTestDatabase(kind);

  describe.each(zones)('a customer in $name', (zone) => {
    it('bills every month of 2026 exactly once, with usage at 23:30 on the last day in that month', async () => {
      await withRollback(t.db, async (trx) => {
        const f = await createScenarioFixture(trx, { entity: zone.seller, customer: zone.customer });
        const customerId = f.customer.id;
        await createTestContract(trx, f, {
          startDate: '2026-01-01',
          termMonths: 24,
          alignment: 'calendar',
          lines: [seatLine(f, '100.00', '1'), usageLine(f, { model: 'per_unit', params: { unitPrice: '0.01' } })],
        });
        const events = DAYS_IN_2026.flatMap((lastDay, i) => {
          const m = i + 1;
          return [
            usageEvent(customerId, f.metricCode, `first-${m}`, `2026-${pad(m)}-01T00:00:00${zone.firstDay[i]}`, 100),
            usageEvent(customerId, f.metricCode, `last-${m}`, `2026-${pad(m)}-${lastDay}T23:30:00${zone.lastDay[i]}`, m),
          ];
        });
        expect(await sendUsage(trx, events, '2027-01-01T12:00:00Z')).toMatchObject({ accepted: 24, rejected: 0 });

        const recurring: { start: string; end: string }[] = [];
        for (const [i, period] of monthsBetween('2026-01', '2026-12').entries()) {
          const m = i + 1;
          const invoice = await billMonthExpectingInvoice(trx, period, customerId);
          const servicePeriod = { start: `${period}-01`, end: nextMonthStart(m) };
          // 100.00 in advance for the month; usage (100 + m) calls × 0.01 for the same month.
          expect(invoice.lines.map((l) => [l.kind, l.quantity, l.amount, l.servicePeriod])).toEqual([
            ['recurring', '1', '100.00', servicePeriod],
            ['usage', String(100 + m), `1.${pad(m)}`, servicePeriod],
          ]);
          recurring.push(invoice.lines[0]!.servicePeriod!);
        }
        // Twelve invoices; the recurring service periods chain without gap or overlap over 365 days.
        expect(await countInvoiceRows(trx, customerId)).toBe(12);
        expect(recurring[0]!.start).toBe('2026-01-01');
        expect(recurring.at(-1)!.end).toBe('2027-01-01');
        recurring.slice(1).forEach((p, i) => expect(p.start).toBe(recurring[i]!.end));
        // Every event billed exactly once, and the usage list says so.
        const listed = await listUsageEvents(trx, listUsageEventsQuery.parse({ customerId, limit: 100 }), ALL_ENTITIES);
        expect(listed.data.map((e) => e.billing)).toEqual(Array<string>(24).fill('billed'));
      });
    });
  });

  it('places usage by local midnight for an anniversary that starts on the DST change day (Sydney, 2026-04-05)', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createScenarioFixture(trx, { entity: SELLERS.australia, customer: CUSTOMERS.sydney });
      const customerId = f.customer.id;
      await createTestContract(trx, f, {
        startDate: '2026-04-05',
        alignment: 'anniversary',
        lines: [seatLine(f, '100.00', '1'), usageLine(f, { model: 'per_unit', params: { unitPrice: '0.01' } })],
      });
      await sendUsage(trx, [
        // 00:00 on Apr 5 is still AEDT (+11; clocks go back at 03:00): the first instant of the term.
        usageEvent(customerId, f.metricCode, 'start', '2026-04-05T00:00:00+11:00', 1),
        // 23:30 on May 4 (AEST +10): the last half hour of the first period [Apr 5, May 5).
        usageEvent(customerId, f.metricCode, 'end', '2026-05-04T23:30:00+10:00', 10),
        // 00:00 on May 5: the second period.
        usageEvent(customerId, f.metricCode, 'next', '2026-05-05T00:00:00+10:00', 100),
      ], '2026-06-06T00:00:00Z');
      const april = await billMonthExpectingInvoice(trx, '2026-04', customerId);
      expect(april.lines.map((l) => [l.kind, l.amount, l.servicePeriod])).toEqual([['recurring', '100.00', { start: '2026-04-05', end: '2026-05-05' }]]);
      const may = await billMonthExpectingInvoice(trx, '2026-05', customerId);
      // The first period's usage: 1 + 10 = 11 calls → 0.11 (the 100 calls of May 5 belong to the next period).
      expect(may.lines.map((l) => [l.kind, l.quantity, l.amount, l.servicePeriod])).toEqual([
        ['recurring', '1', '100.00', { start: '2026-05-05', end: '2026-06-05' }],
        ['usage', '11', '0.11', { start: '2026-04-05', end: '2026-05-05' }],
      ]);
      const june = await billMonthExpectingInvoice(trx, '2026-06', customerId);
      expect(june.lines.find((l) => l.kind === 'usage')).toMatchObject({ quantity: '100', servicePeriod: { start: '2026-05-05', end: '2026-06-05' } });
    });
  });
});

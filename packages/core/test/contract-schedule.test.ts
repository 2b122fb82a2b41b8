import { describe, expect, it } from 'vitest';
import {
  ALL_ENTITIES,
  SYSTEM_CONTEXT,
  amendContract,
  amendContractSchema,
  createUser,
  getContractSchedule,
  listContractAmendments,
  type AppError,
  type ContractSchedule,
  type Db,
} from '@invoiceops/core';
import {
  billMonthExpectingInvoice,
  createScenarioFixture,
  createTestContract,
  flatLine,
  seatLine,
  testDatabaseKinds,
  usageLine,
  useTestDatabase,
  withRollback,
  type ScenarioFixture,
} from '@invoiceops/testing';

const perCall = { model: 'per_unit', params: { unitPrice: '0.01' } };
const schedule = (db: Db, id: string, now: string, periods = 3) => getContractSchedule(db, id, { periods }, ALL_ENTITIES, { now: new Date(now) });
const entriesOf = (s: ContractSchedule, key: string) => s.lines.find((l) => l.key === key)!.entries.map((e) => [e.billRunPeriod, e.kind, e.serviceStart, e.serviceEnd, e.amount]);
const errorOf = (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e as AppError);

/** Seats monthly in advance from 1 January (calendar months), metered API calls, onboarding in April. */
function monthlyContract(trx: Db, f: ScenarioFixture) {
  return createTestContract(trx, f, {
    startDate: '2026-01-01',
    alignment: 'calendar',
    lines: [
      seatLine(f, '30.00', '10'),
      usageLine(f, perCall),
      { key: 'onboarding', productId: f.seatProduct.id, kind: 'one_time', startDate: '2026-04-10', charge: { model: 'one_time', name: 'Onboarding', params: { unitPrice: '500.00' } } },
    ],
  });
}

describe.each(testDatabaseKinds())('contract billing schedule on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('lists the periods each line will bill next, and the bill run then bills exactly those amounts', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createScenarioFixture(trx);
      const contract = await monthlyContract(trx, f);
      await billMonthExpectingInvoice(trx, '2026-01', f.customer.id);

      const s = await schedule(trx, contract.id, '2026-02-10T12:00:00Z');
      expect(s).toMatchObject({ asOf: '2026-02-10', currency: 'EUR', timeZone: 'Europe/Paris', termEnd: '2027-01-01', billingTiming: 'in_advance' });
      expect(entriesOf(s, 'seats')).toEqual([
        ['2026-02', 'recurring', '2026-02-01', '2026-03-01', '300.00'],
        ['2026-03', 'recurring', '2026-03-01', '2026-04-01', '300.00'],
        ['2026-04', 'recurring', '2026-04-01', '2026-05-01', '300.00'],
      ]);
      // January's usage was billed by the January run: usage starts with February, in arrears, without an amount.
      expect(entriesOf(s, 'api')).toEqual([
        ['2026-02', 'usage', '2026-02-01', '2026-03-01', null],
        ['2026-03', 'usage', '2026-03-01', '2026-04-01', null],
        ['2026-04', 'usage', '2026-04-01', '2026-05-01', null],
      ]);
      expect(s.lines.find((l) => l.key === 'api')).toMatchObject({ basis: 'per_usage', note: expect.stringContaining('In arrears, per usage') });
      expect(entriesOf(s, 'onboarding')).toEqual([['2026-04', 'one_time', '2026-04-10', '2026-04-10', '500.00']]);
      expect(s.billRuns).toEqual([
        { period: '2026-02', amount: '300.00' },
        { period: '2026-03', amount: '300.00' },
        { period: '2026-04', amount: '800.00' },
      ]);

      const february = await billMonthExpectingInvoice(trx, '2026-02', f.customer.id);
      expect(february.lines.filter((l) => l.kind === 'recurring').map((l) => [l.servicePeriod, l.amount])).toEqual([[{ start: '2026-02-01', end: '2026-03-01' }, '300.00']]);
      // February is invoiced now (one invoice per customer, month and currency): what is left moves to the March run.
      const after = await schedule(trx, contract.id, '2026-02-20T12:00:00Z', 1);
      expect(entriesOf(after, 'seats')).toEqual([['2026-03', 'recurring', '2026-03-01', '2026-04-01', '300.00']]);
    });
  });

  it('shows an amendment as the proration credit and charge the next run bills, and names who amended', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createScenarioFixture(trx);
      const contract = await monthlyContract(trx, f);
      await billMonthExpectingInvoice(trx, '2026-01', f.customer.id);
      await billMonthExpectingInvoice(trx, '2026-02', f.customer.id);
      const user = await createUser(trx, SYSTEM_CONTEXT, { email: 'amender@test.invoiceops.dev', name: 'Ada Amender', kind: 'machine', grants: [], approvalLimits: [] });
      const amended = await amendContract(
        trx,
        { actor: `user:${user.id}` },
        contract.id,
        amendContractSchema.parse({ kind: 'change_quantity', effectiveDate: '2026-02-15', lineKey: 'seats', quantity: '20', reason: 'ten more seats' }),
        ALL_ENTITIES,
      );

      const s = await schedule(trx, contract.id, '2026-03-03T09:00:00Z', 2);
      expect(entriesOf(s, 'seats')).toEqual([
        ['2026-03', 'proration_credit', '2026-02-15', '2026-03-01', '-150.00'],
        ['2026-03', 'proration_charge', '2026-02-15', '2026-03-01', '300.00'],
        ['2026-03', 'recurring', '2026-03-01', '2026-04-01', '600.00'],
        ['2026-04', 'recurring', '2026-04-01', '2026-05-01', '600.00'],
      ]);
      expect(s.billRuns.slice(0, 2)).toEqual([
        { period: '2026-03', amount: '750.00' },
        { period: '2026-04', amount: '1100.00' }, // 600.00 seats + 500.00 onboarding
      ]);
      const march = await billMonthExpectingInvoice(trx, '2026-03', f.customer.id);
      const seatLines = march.lines.filter((l) => l.kind !== 'usage').map((l) => [l.kind, l.servicePeriod?.start, l.amount]);
      expect(seatLines).toEqual(entriesOf(s, 'seats').filter((e) => e[0] === '2026-03').map((e) => [e[1], e[2], e[4]]));

      const amendments = await listContractAmendments(trx, contract.id, ALL_ENTITIES);
      expect(amendments).toEqual([
        expect.objectContaining({ kind: 'change_quantity', effectiveDate: '2026-02-15', reason: 'ten more seats', actorName: 'Ada Amender', changes: expect.objectContaining({ quantity: '20', lineKey: 'seats' }) }),
      ]);
      expect(amended.lines.find((l) => l.key === 'seats' && l.startDate === '2026-02-15')?.amendmentId).toBe(amendments[0]!.id);
    });
  });

  it('bills in arrears: each period by the run of the month it ends in, billable from the day after', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createScenarioFixture(trx);
      const quarterly = await createTestContract(trx, f, {
        startDate: '2026-01-01',
        alignment: 'calendar',
        billingFrequency: 'quarterly',
        billingTiming: 'in_arrears',
        lines: [flatLine(f, '900.00', 'plan', 'Platform')],
      });
      const s = await schedule(trx, quarterly.id, '2026-02-10T12:00:00Z', 2);
      expect(s.lines[0]).toMatchObject({ basis: 'in_arrears', productName: expect.any(String) });
      expect(s.lines[0]!.entries.map((e) => [e.billRunPeriod, e.serviceStart, e.serviceEnd, e.billingDate, e.amount])).toEqual([
        ['2026-03', '2026-01-01', '2026-04-01', '2026-04-01', '900.00'],
        ['2026-06', '2026-04-01', '2026-07-01', '2026-07-01', '900.00'],
      ]);
    });
  });

  it('refuses an unknown contract (404) and a contract outside the caller’s entities (403)', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createScenarioFixture(trx);
      const contract = await monthlyContract(trx, f);
      expect((await errorOf(schedule(trx, 'ctr_00000000000000000000000000', '2026-02-10T00:00:00Z')))?.code).toBe('not_found');
      const outside = await errorOf(getContractSchedule(trx, contract.id, { periods: 3 }, { all: false, entityIds: [] }));
      expect(outside?.code).toBe('forbidden');
      expect((await errorOf(listContractAmendments(trx, contract.id, { all: false, entityIds: [] })))?.code).toBe('forbidden');
    });
  });
});

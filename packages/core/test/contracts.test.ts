import { describe, expect, it } from 'vitest';
import {
  ALL_ENTITIES,
  SYSTEM_CONTEXT,
  amendContract,
  amendContractSchema,
  completeMilestone,
  createContract,
  createContractSchema,
  listAuditForObject,
  renewContract,
  type AppError,
} from '@invoiceops/core';
import { contractInput, createBillingFixture, createTestContract, testDatabaseKinds, useTestDatabase, withRollback } from '@invoiceops/testing';

const amend = (db: Parameters<typeof amendContract>[0], id: string, body: Record<string, unknown>) =>
  amendContract(db, SYSTEM_CONTEXT, id, amendContractSchema.parse(body), ALL_ENTITIES);
const errorOf = (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e as AppError);

describe.each(testDatabaseKinds())('contracts on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('creates a contract whose term ends termMonths later (exclusive) in the customer currency', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createBillingFixture(trx);
      const contract = await createTestContract(trx, f);
      expect(contract).toMatchObject({ status: 'active', startDate: '2026-01-15', endDate: '2027-01-15', currency: 'EUR', entityId: f.entity.id });
      expect(contract.lines.map((l) => [l.key, l.startDate, l.endDate, l.quantity])).toEqual([
        ['api', '2026-01-15', '2027-01-15', '1'],
        ['seats', '2026-01-15', '2027-01-15', '10'],
      ]);
      expect((await listAuditForObject(trx, 'contract', contract.id)).map((a) => a.action)).toEqual(['contract.created']);
    });
  });

  it.each([
    ['a usage line without a metric', (f: Awaited<ReturnType<typeof createBillingFixture>>) => ({ lines: [{ productId: f.usageProduct.id, kind: 'usage', charge: { model: 'per_unit', params: { unitPrice: '1' } } }] }), '/lines/0/metricCode'],
    ['a recurring line with a milestone model', (f: Awaited<ReturnType<typeof createBillingFixture>>) => ({ lines: [{ productId: f.seatProduct.id, kind: 'recurring', charge: { model: 'one_time', params: { unitPrice: '1' } } }] }), '/lines/0/charge/model'],
    ['a line starting after the term', (f: Awaited<ReturnType<typeof createBillingFixture>>) => ({ lines: [{ productId: f.seatProduct.id, kind: 'recurring', charge: { model: 'flat', params: { amount: '10' } }, startDate: '2027-02-01' }] }), '/lines/0/startDate'],
    ['bill_day alignment without a bill day', () => ({ alignment: 'bill_day' }), '/billDay'],
  ])('refuses %s, naming the field', async (_name, overrides, path) => {
    await withRollback(t.db, async (trx) => {
      const f = await createBillingFixture(trx);
      const error = await errorOf(createContract(trx, SYSTEM_CONTEXT, createContractSchema.parse(contractInput(f, overrides(f))), ALL_ENTITIES));
      expect(error?.code).toBe('validation_failed');
      expect(error?.issues.map((i) => i.path)).toContain(path);
    });
  });

  it('refuses a negative price at the schema, naming the price', () => {
    const result = createContractSchema.safeParse({
      customerId: 'cus_01J00000000000000000000000',
      number: 'C-1',
      startDate: '2026-01-01',
      termMonths: 12,
      billingFrequency: 'monthly',
      lines: [{ productId: 'prd_01J00000000000000000000000', kind: 'recurring', charge: { model: 'flat', params: { amount: '-5' } } }],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['lines', 0, 'charge', 'params', 'amount']);
  });

  it('refuses overlapping terms and a missing PO number for a PO-required customer', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createBillingFixture(trx, { poRequired: true });
      const noPo = await errorOf(createTestContract(trx, f));
      expect(noPo?.issues.map((i) => i.path)).toContain('/poNumber');
      await createTestContract(trx, f, { poNumber: 'PO-1' });
      const overlap = await errorOf(createTestContract(trx, f, { poNumber: 'PO-2', startDate: '2026-06-01' }));
      expect(overlap?.issues.find((i) => i.path === '/startDate')?.message).toMatch(/overlaps contract/);
    });
  });

  it('amends quantity mid-period by ending the old line version and starting a new one', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createBillingFixture(trx);
      const contract = await createTestContract(trx, f);
      const first = await amend(trx, contract.id, { kind: 'change_quantity', effectiveDate: '2026-03-01', lineKey: 'seats', quantity: '15' });
      const second = await amend(trx, first.id, { kind: 'change_quantity', effectiveDate: '2026-03-20', lineKey: 'seats', quantity: '20' });
      const seats = second.lines.filter((l) => l.key === 'seats').map((l) => [l.startDate, l.endDate, l.quantity]);
      expect(seats).toEqual([
        ['2026-01-15', '2026-03-01', '10'],
        ['2026-03-01', '2026-03-20', '15'],
        ['2026-03-20', '2027-01-15', '20'],
      ]);
      expect(second.version).toBe(3);
      const history = await listAuditForObject(trx, 'contract', contract.id);
      expect(history.map((h) => h.action)).toEqual(['contract.created', 'contract.amended.change_quantity', 'contract.amended.change_quantity']);
    });
  });

  it('refuses an amendment dated before the start, and any amendment of a cancelled contract', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createBillingFixture(trx);
      const contract = await createTestContract(trx, f);
      const early = await errorOf(amend(trx, contract.id, { kind: 'change_quantity', effectiveDate: '2026-01-14', lineKey: 'seats', quantity: '2' }));
      expect(early?.issues[0]).toMatchObject({ path: '/effectiveDate' });
      const cancelled = await amend(trx, contract.id, { kind: 'cancel', effectiveDate: '2026-06-15', reason: 'customer churned' });
      expect(cancelled).toMatchObject({ status: 'cancelled', cancelledOn: '2026-06-15', endDate: '2026-06-15', autoRenew: false });
      expect(cancelled.lines.every((l) => l.endDate <= '2026-06-15')).toBe(true);
      const after = await errorOf(amend(trx, contract.id, { kind: 'add_line', effectiveDate: '2026-07-01', line: { productId: f.seatProduct.id, kind: 'recurring', charge: { model: 'flat', params: { amount: '5' } } } }));
      expect(after?.code).toBe('illegal_transition');
    });
  });

  it('changes the plan: removed lines end, new lines start on the effective date', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createBillingFixture(trx);
      const contract = await createTestContract(trx, f);
      const changed = await amend(trx, contract.id, {
        kind: 'change_plan',
        effectiveDate: '2026-05-10',
        removeLineKeys: ['seats'],
        addLines: [{ key: 'enterprise', productId: f.seatProduct.id, kind: 'recurring', charge: { model: 'flat', params: { amount: '999.00' } } }],
      });
      expect(changed.lines.find((l) => l.key === 'seats')).toMatchObject({ endDate: '2026-05-10' });
      expect(changed.lines.find((l) => l.key === 'enterprise')).toMatchObject({ startDate: '2026-05-10', endDate: '2027-01-15' });
      const missing = await errorOf(amend(trx, contract.id, { kind: 'remove_line', effectiveDate: '2026-06-01', lineKey: 'seats' }));
      expect(missing?.issues[0]?.message).toMatch(/not in force/);
    });
  });

  it('renews into the next term with uplifted prices, once', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createBillingFixture(trx);
      const contract = await createTestContract(trx, f);
      await amend(trx, contract.id, { kind: 'change_quantity', effectiveDate: '2026-09-01', lineKey: 'seats', quantity: '12' });
      const renewed = await renewContract(trx, SYSTEM_CONTEXT, contract.id, ALL_ENTITIES);
      expect(renewed).toMatchObject({ startDate: '2027-01-15', endDate: '2028-01-15', renewedFromId: contract.id, status: 'active' });
      const seats = renewed.lines.find((l) => l.key === 'seats')!;
      expect(seats.quantity).toBe('12');
      expect(seats.charge).toMatchObject({ params: { unitPrice: '31.50' } });
      expect(renewed.lines.find((l) => l.key === 'api')!.charge).toMatchObject({ params: { unitPrice: '0.0016' } });
      const again = await renewContract(trx, SYSTEM_CONTEXT, contract.id, ALL_ENTITIES);
      expect(again.id).toBe(renewed.id);
    });
  });

  it('records a milestone once, accepts a repeat, and refuses a conflicting date', async () => {
    await withRollback(t.db, async (trx) => {
      const f = await createBillingFixture(trx);
      const contract = await createTestContract(trx, f, {
        lines: [{ key: 'impl', productId: f.seatProduct.id, kind: 'milestone', charge: { model: 'milestone', params: { milestones: [{ key: 'kickoff', description: 'Kick-off', amount: '5000.00' }, { key: 'go-live', description: 'Go-live', amount: '15000.00' }] } } }],
      });
      const input = { lineKey: 'impl', milestoneKey: 'go-live', completedOn: '2026-04-01' };
      expect((await completeMilestone(trx, SYSTEM_CONTEXT, contract.id, input, ALL_ENTITIES)).created).toBe(true);
      expect((await completeMilestone(trx, SYSTEM_CONTEXT, contract.id, input, ALL_ENTITIES)).created).toBe(false);
      const conflict = await errorOf(completeMilestone(trx, SYSTEM_CONTEXT, contract.id, { ...input, completedOn: '2026-04-02' }, ALL_ENTITIES));
      expect(conflict?.code).toBe('conflict');
      const unknown = await errorOf(completeMilestone(trx, SYSTEM_CONTEXT, contract.id, { ...input, milestoneKey: 'nope' }, ALL_ENTITIES));
      expect(unknown?.issues[0]?.path).toBe('/milestoneKey');
    });
  });
});

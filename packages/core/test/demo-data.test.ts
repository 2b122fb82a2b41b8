import { describe, expect, it } from 'vitest';
import {
  ALL_ENTITIES,
  DEMO_BILLING_MONTH,
  DEMO_BILLING_PERIOD,
  DEMO_METRICS,
  DEMO_SIGN_INS,
  DEMO_USAGE_SOURCE,
  MASTER_DATA_RESOURCES,
  MAX_USAGE_BATCH,
  ROLES,
  SYSTEM_CONTEXT,
  addMonths,
  billableMetricResource,
  buildDemoEntities,
  checkContractLines,
  createBillRun,
  executeBillRun,
  getContract,
  ingestUsageEvents,
  listInvoices,
  parseCharge,
  generateDemoCustomers,
  generateDemoFxRates,
  generateDemoSuppliers,
  getUser,
  isAppError,
  isDatabaseEmpty,
  listAuditForObject,
  resolveSeedOptions,
  seedDemoData,
  signIn,
  verifyAuditChain,
  type AppError,
  type Database,
  type Db,
  type Row,
  type Trx,
} from '@invoiceops/core';
import { createTaxEngine } from '@invoiceops/connectors';
import { openTestDatabase, testDatabaseKinds, useTestDatabase, withRollback } from '@invoiceops/testing';
import { validateBic, validateIban, validateTaxId, type TaxIdType } from '../src/reference-data/index.ts';

const DEMO_PASSWORD = 'invoiceops-demo';

/** The audit object type of each table the seed writes. */
const AUDITED_TABLES: readonly (readonly [objectType: string, table: keyof Database])[] = [
  ['legal_entity', 'legalEntities'],
  ['customer', 'customers'],
  ['supplier', 'suppliers'],
  ['product', 'products'],
  ['gl_account', 'glAccounts'],
  ['gl_dimension', 'glDimensions'],
  ['gl_dimension_value', 'glDimensionValues'],
  ['tax_jurisdiction', 'taxJurisdictions'],
  ['tax_code', 'taxCodes'],
  ['fx_rate', 'fxRates'],
  ['user', 'users'],
  ['billable_metric', 'billableMetrics'],
  ['external_id', 'externalIds'],
  ['contract', 'contracts'],
];

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

async function countRows(db: Db, table: keyof Database): Promise<number> {
  const { n } = await db.selectFrom(table as 'users').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(n);
}

/** What must be identical between two seeds with the same seed value. */
async function seededIdentity(db: Db): Promise<unknown> {
  return {
    entities: await db.selectFrom('legalEntities').select(['id', 'code']).orderBy('id').execute(),
    customers: await db.selectFrom('customers').select(['id', 'entityId', 'number', 'name', 'taxId', 'billingAddress', 'contacts']).orderBy('id').execute(),
    suppliers: await db.selectFrom('suppliers').select(['id', 'number', 'name', 'taxId', 'bankAccount']).orderBy('id').execute(),
    users: await db.selectFrom('users').select(['id', 'email']).orderBy('id').execute(),
    fxRates: await db.selectFrom('fxRates').select(['id', 'rate']).orderBy('id').execute(),
    crmIds: await db.selectFrom('externalIds').select(['id', 'externalId', 'objectId']).orderBy('id').execute(),
    contracts: await db.selectFrom('contracts').select(['id', 'number', 'customerId', 'startDate', 'billingFrequency', 'poNumber']).orderBy('id').execute(),
    lines: await db.selectFrom('contractLines').select(['id', 'lineKey', 'charge', 'quantity', 'startDate']).orderBy('id').execute(),
    usage: await db.selectFrom('usageEvents').select(['id', 'eventId', 'subject', 'occurredAt', 'quantity', 'properties']).orderBy('id').execute(),
  };
}

/** `after` of an audit diff without the fields audit diffs leave out. */
function comparable(value: object): Record<string, unknown> {
  const { updatedAt: _u, version: _v, ...rest } = JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
  return rest;
}

describe.each(testDatabaseKinds())('demo data seed on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('seeds six entities, 200 customers with valid tax ids but the planted typos, suppliers with valid IBANs, users for every role, all audited', async () => {
    await withRollback(t.db, async (trx) => {
      expect(await isDatabaseEmpty(trx)).toBe(true);
      const summary = await seedDemoData(trx, { customers: 200, suppliers: 80 });
      expect(await isDatabaseEmpty(trx)).toBe(false);

      const entities = await trx.selectFrom('legalEntities').select(['code', 'functionalCurrency', 'timeZone']).orderBy('code').execute();
      expect(entities.map((e) => `${e.code} ${e.functionalCurrency} ${e.timeZone}`)).toEqual([
        'AU01 AUD Australia/Sydney', 'DE01 EUR Europe/Berlin', 'FR01 EUR Europe/Paris',
        'SG01 SGD Asia/Singapore', 'UK01 GBP Europe/London', 'US01 USD America/New_York',
      ]);
      expect(await countRows(trx, 'numberSeries')).toBe(12);

      const customers = await trx.selectFrom('customers').selectAll().execute();
      expect(customers).toHaveLength(200);
      const withTaxId = customers.filter((c) => c.taxId !== null);
      expect(withTaxId.length).toBeGreaterThan(100);
      // A VAT id with a typo, as imported from the previous system, for the controls to find.
      expect(summary.defects.taxIdTypos).toEqual(['C-000004']);
      for (const c of withTaxId) {
        const result = validateTaxId(c.taxIdType as TaxIdType, c.taxId!, c.billingAddress.country);
        const typo = summary.defects.taxIdTypos.includes(c.number);
        expect(result.ok, `${c.number} ${c.taxIdType} ${c.taxId}`).toBe(!typo);
        if (!typo) expect(result, `${c.number} ${c.taxIdType} ${c.taxId}`).toEqual({ ok: true, normalized: c.taxId });
      }

      const suppliers = await trx.selectFrom('suppliers').selectAll().execute();
      const banked = suppliers.filter((s) => s.bankAccount !== null);
      expect(banked.length).toBeGreaterThan(10);
      for (const s of banked) {
        expect(validateIban(s.bankAccount!.iban), s.number).toEqual({ ok: true, normalized: s.bankAccount!.iban });
        expect(validateBic(s.bankAccount!.bic).ok, s.number).toBe(true);
      }

      const roles = await trx.selectFrom('roleGrants').select('role').distinct().execute();
      expect(roles.map((r) => r.role).sort()).toEqual([...ROLES].sort());

      for (const [objectType, table] of AUDITED_TABLES) {
        const { n } = await trx
          .selectFrom('auditLog')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('objectType', '=', objectType)
          .where('action', '=', `${objectType}.created`)
          .executeTakeFirstOrThrow();
        expect(Number(n), objectType).toBe(await countRows(trx, table));
      }
      const milestoneAudits = await trx.selectFrom('auditLog').select('objectId').where('action', '=', 'contract.milestone_completed').execute();
      expect(milestoneAudits.length).toBe(await countRows(trx, 'contractMilestones'));
      const batches = await trx.selectFrom('auditLog').select(['objectType', 'diff']).where('action', '=', 'usage_events.ingested').execute();
      expect(batches.length).toBe(Math.ceil(summary.usageEvents / MAX_USAGE_BATCH));
      expect(batches.every((b) => b.objectType === 'usage_batch')).toBe(true);
      expect(batches.reduce((sum, b) => sum + Number((b.diff as { stored: number }).stored), 0)).toBe(await countRows(trx, 'usageEvents'));
      expect(summary).toMatchObject({
        billableMetrics: 3,
        externalIds: await countRows(trx, 'externalIds'),
        contracts: await countRows(trx, 'contracts'),
        contractLines: await countRows(trx, 'contractLines'),
        milestonesCompleted: milestoneAudits.length,
        usageEvents: await countRows(trx, 'usageEvents'),
        billingPeriod: DEMO_BILLING_PERIOD,
      });
      expect(await countRows(trx, 'auditLog')).toBe(summary.auditRows);
      expect(await verifyAuditChain(trx)).toEqual({ ok: true, rowsChecked: summary.auditRows });
    });
  });

  it('gives every human demo user the demo password, scoped grants and no password for the machine user', async () => {
    await withRollback(t.db, async (trx) => {
      await seedDemoData(trx, { customers: 10, suppliers: 5 });
      for (const signInfo of DEMO_SIGN_INS) {
        await expect(signIn(trx, { email: signInfo.email, password: DEMO_PASSWORD }), signInfo.email).resolves.toHaveProperty('token');
      }
      const de = await trx.selectFrom('legalEntities').select('id').where('code', '=', 'DE01').executeTakeFirstOrThrow();
      const clerk = await trx.selectFrom('users').select('id').where('email', '=', 'ar.clerk.de@demo.invoiceops.dev').executeTakeFirstOrThrow();
      expect((await getUser(trx, clerk.id)).grants).toEqual([{ role: 'ar_clerk', entityId: de.id }]);
      const approver = await trx.selectFrom('users').select('id').where('email', '=', 'approver@demo.invoiceops.dev').executeTakeFirstOrThrow();
      expect((await getUser(trx, approver.id)).approvalLimits.map((l) => l.currency)).toEqual(['EUR', 'GBP', 'USD']);
      const machine = await trx.selectFrom('users').select(['kind', 'passwordHash']).where('email', '=', 'integration@demo.invoiceops.dev').executeTakeFirstOrThrow();
      expect(machine).toEqual({ kind: 'machine', passwordHash: null });
    });
  });

  it('writes rows that pass the API checks but the planted flaws, audited with the object as the API shows it', async () => {
    await withRollback(t.db, async (trx) => {
      const { defects } = await seedDemoData(trx, { customers: 40, suppliers: 40 });
      const typos = new Set((await trx.selectFrom('customers').select('id').where('number', 'in', defects.taxIdTypos).execute()).map((c) => c.id));
      expect(typos.size).toBe(1);
      const resources = [...MASTER_DATA_RESOURCES, billableMetricResource].filter((r) => AUDITED_TABLES.some(([type]) => type === r.objectType));
      expect(resources).toHaveLength(AUDITED_TABLES.length - 2); // users and contracts have their own use cases
      for (const resource of resources) {
        const rows = (await trx.selectFrom(resource.table as 'users').selectAll().orderBy('id').limit(40).execute()) as unknown as Row[];
        expect(rows.length, resource.path).toBeGreaterThan(0);
        for (const row of rows) {
          const candidate = structuredClone(row);
          const issues = await resource.check?.(trx as Trx, candidate, undefined);
          if (typos.has(row.id)) {
            // The API would refuse the typo: it came in with the previous system's data.
            expect(issues, `${resource.path} ${row.id}`).toEqual([expect.objectContaining({ path: '/taxId', code: 'tax_id' })]);
            continue;
          }
          expect(issues, `${resource.path} ${row.id}`).toEqual(resource.check ? [] : undefined);
          expect(candidate, `${resource.path} ${row.id} is stored normalized`).toEqual(row);
        }
        const [audit] = await listAuditForObject(trx, resource.objectType, rows[0]!.id);
        expect(audit!.diff.after, resource.path).toEqual(comparable(resource.toOutput(rows[0]!) as object));
        expect(audit!.entityId, resource.path).toBe(resource.entityIdsOf(rows[0]!)?.[0] ?? null);
      }
      const user = await trx.selectFrom('users').select('id').limit(1).executeTakeFirstOrThrow();
      const [audit] = await listAuditForObject(trx, 'user', user.id);
      expect(audit!.diff.after).toEqual(comparable(await getUser(trx, user.id)));
      const contracts = await trx.selectFrom('contracts').select('id').orderBy('id').execute();
      for (const { id } of contracts) {
        const [created] = await listAuditForObject(trx, 'contract', id);
        expect(created, id).toMatchObject({ action: 'contract.created', diff: { before: null } });
        expect(created!.diff.after, id).toEqual(comparable(await getContract(trx, id)));
      }
    });
  });

  it('gives most customers a contract that passes the checks of createContract', async () => {
    await withRollback(t.db, async (trx) => {
      const { defects } = await seedDemoData(trx, { customers: 200, suppliers: 5 });
      // Contracts whose customer requires a PO, with none on file: the customer's new PO never arrived.
      expect(defects.poMissing).toEqual(['CTR-2026-000032']);
      const customers = new Map((await trx.selectFrom('customers').selectAll().execute()).map((c) => [c.id, c]));
      const contracts = await trx.selectFrom('contracts').selectAll().orderBy('id').execute();
      const lines = await trx.selectFrom('contractLines').selectAll().orderBy('lineKey').execute();
      expect(contracts.length / customers.size).toBeGreaterThan(0.85);
      expect(new Set(contracts.map((c) => c.billingFrequency))).toEqual(new Set(['monthly', 'quarterly', 'annual']));
      const activeCurrencies = new Set((await trx.selectFrom('currencies').select('code').where('active', '=', true).execute()).map((c) => c.code));
      for (const contract of contracts) {
        const customer = customers.get(contract.customerId)!;
        expect([contract.status, contract.currency, contract.entityId], contract.number).toEqual(['active', customer.billingCurrency, customer.entityId]);
        expect(activeCurrencies.has(contract.currency), contract.number).toBe(true);
        expect(contract.endDate, contract.number).toBe(addMonths(contract.startDate, contract.termMonths));
        if (customer.poRequired) expect(Boolean(contract.poNumber), `${contract.number} needs a PO`).toBe(!defects.poMissing.includes(contract.number));
        const own = lines.filter((l) => l.contractId === contract.id);
        expect(own.length, contract.number).toBeGreaterThan(0);
        const toCheck = own.map((l, i) => ({
          line: { key: l.lineKey, productId: l.productId, kind: l.kind, ...(l.metricCode ? { metricCode: l.metricCode } : {}), charge: parseCharge(l.charge, `/lines/${i}/charge`), startDate: l.startDate },
          path: `/lines/${i}`,
        }));
        expect(await checkContractLines(trx as Trx, toCheck, { startDate: contract.startDate, endDate: contract.endDate }), contract.number).toEqual([]);
        expect(own.every((l) => l.customerId === contract.customerId && l.endDate === contract.endDate && l.amendmentId === null), contract.number).toBe(true);
      }
      // createContract refuses a term overlapping another live contract of the customer.
      const overlaps = await trx
        .selectFrom('contracts as a')
        .innerJoin('contracts as b', (join) => join.onRef('a.customerId', '=', 'b.customerId').onRef('a.id', '<', 'b.id'))
        .select('a.number')
        .whereRef('a.startDate', '<', 'b.endDate')
        .whereRef('b.startDate', '<', 'a.endDate')
        .execute();
      expect(overlaps).toEqual([]);
      const milestones = await trx.selectFrom('contractMilestones').selectAll().execute();
      expect(milestones.length).toBeGreaterThan(0);
      for (const m of milestones) {
        const line = lines.find((l) => l.contractId === m.contractId && l.lineKey === m.lineKey)!;
        expect(line.kind).toBe('milestone');
        expect(parseCharge(line.charge)).toMatchObject({ params: { milestones: expect.arrayContaining([expect.objectContaining({ key: m.milestoneKey })]) } });
      }
    });
  });

  it('writes a month of usage for customers with a matching usage line, addressed by CRM id as the ingest API stores it', async () => {
    await withRollback(t.db, async (trx) => {
      await seedDemoData(trx, { customers: 200, suppliers: 5 });
      const crmIds = await trx.selectFrom('externalIds').selectAll().where('system', '=', 'crm').execute();
      expect(crmIds).toHaveLength(200);
      expect(crmIds.every((x) => x.objectType === 'customer')).toBe(true);
      // The ERP knows every product and all but a few customers (the master-data work the queues show).
      const erpIds = await trx.selectFrom('externalIds').selectAll().where('system', '=', 'erp:netsuite').execute();
      const erpCustomers = erpIds.filter((x) => x.objectType === 'customer').length;
      expect(erpIds.filter((x) => x.objectType === 'product')).toHaveLength(await countRows(trx, 'products'));
      expect(erpCustomers).toBeGreaterThan(190);
      expect(erpCustomers).toBeLessThan(200);
      const crmIdOf = new Map(crmIds.map((x) => [x.objectId, x.externalId]));
      const events = await trx.selectFrom('usageEvents').selectAll().orderBy('occurredAt').execute();
      expect(events.length).toBeGreaterThan(500);
      const orphans = await trx
        .selectFrom('usageEvents as e')
        .select(['e.eventId', 'e.metricCode'])
        .where(({ not, exists, selectFrom }) => not(exists(
          selectFrom('contractLines as l')
            .select('l.id')
            .whereRef('l.customerId', '=', 'e.customerId')
            .whereRef('l.metricCode', '=', 'e.metricCode')
            .where('l.kind', '=', 'usage'),
        )))
        .execute();
      expect(orphans).toEqual([]);
      const perCustomer = new Map<string, number>();
      for (const e of events) {
        perCustomer.set(e.customerId, (perCustomer.get(e.customerId) ?? 0) + 1);
        expect(e.subject, e.eventId).toBe(crmIdOf.get(e.customerId));
        expect([e.source, e.status, e.latePending, e.correctsEventId], e.eventId).toEqual([DEMO_USAGE_SOURCE, 'accepted', false, null]);
        expect(e.occurredAt.toISOString() > '2026-09-30T' && e.occurredAt.toISOString() < '2026-11-02', e.eventId).toBe(true);
      }
      expect(Math.max(...perCustomer.values())).toBeLessThanOrEqual(30);
      expect(new Set(events.map((e) => e.metricCode))).toEqual(new Set([DEMO_METRICS.apiCalls, DEMO_METRICS.storage, DEMO_METRICS.activeUsers]));

      // Sent again through the API path, the events resolve by CRM id and are recognised as already received.
      const sample = events.filter((_, i) => i % 25 === 0);
      const replay = await ingestUsageEvents(trx, SYSTEM_CONTEXT, {
        events: sample.map((e) => ({ specversion: '1.0', id: e.eventId, source: e.source, type: e.metricCode, subject: e.subject, time: e.occurredAt.toISOString(), data: e.properties })),
        scope: ALL_ENTITIES,
        now: new Date('2026-11-15T12:00:00Z'),
      });
      expect(replay).toMatchObject({ accepted: 0, flagged: 0, rejected: 0, duplicates: sample.length });
    });
  });

  it(`drafts the ${DEMO_BILLING_PERIOD} invoices of a 50-customer seed with the built-in tax engine and no errors`, async () => {
    await withRollback(t.db, async (trx) => {
      const summary = await seedDemoData(trx, { customers: 50, suppliers: 5 });
      const run = await createBillRun(trx, SYSTEM_CONTEXT, { period: DEMO_BILLING_PERIOD, finalize: false }, ALL_ENTITIES, { enqueue: false });
      const done = await executeBillRun(trx, SYSTEM_CONTEXT, run.id, { taxEngine: createTaxEngine({ kind: 'builtin' }) });
      expect(done.errors).toEqual([]);
      expect(done).toMatchObject({ status: 'completed', customersTotal: summary.contracts, customersDone: summary.contracts });
      const invoices = (await listInvoices(trx, { limit: 100, billRunId: run.id }, ALL_ENTITIES)).data;
      expect(invoices).toHaveLength(done.invoicesCreated);
      // Contracts migrated from the previous system are billed from their cut-over, not caught
      // up: a customer without an October invoice is one whose prepaid period was billed
      // there through a date after October (the periods that start in October are all billed).
      const invoiced = new Set(invoices.map((i) => i.customerId));
      const notInvoiced = await trx.selectFrom('contracts').select(['customerId', 'billedThrough', 'billingTiming']).where('customerId', 'not in', [...invoiced]).execute();
      expect(invoiced.size + notInvoiced.length).toBe(summary.contracts);
      expect(invoiced.size / summary.contracts).toBeGreaterThan(0.6);
      for (const c of notInvoiced) expect([c.billingTiming, c.billedThrough! >= DEMO_BILLING_MONTH.next], c.customerId).toEqual(['in_advance', true]);
      const kinds = new Set(invoices.flatMap((i) => i.lines.map((l) => l.kind)));
      expect([...kinds]).toEqual(expect.arrayContaining(['recurring', 'usage']));
      const contracts = new Map((await trx.selectFrom('contracts').select(['customerId', 'currency', 'poNumber']).execute()).map((c) => [c.customerId, c]));
      for (const invoice of invoices) {
        expect([invoice.status, invoice.currency, invoice.poNumber], invoice.id).toEqual(['draft', contracts.get(invoice.customerId)!.currency, contracts.get(invoice.customerId)!.poNumber]);
      }
    });
  });

  it('refuses a second seed with a conflict and leaves the first one as it was', async () => {
    await withRollback(t.db, async (trx) => {
      await seedDemoData(trx, { customers: 20, suppliers: 5 });
      const error = await errorOf(seedDemoData(trx, { customers: 20, suppliers: 5 }));
      expect(error.code).toBe('conflict');
      expect(error.message).toMatch(/empty database.*legal entities/);
      expect(await countRows(trx, 'customers')).toBe(20);
      expect(await countRows(trx, 'legalEntities')).toBe(6);
    });
  });

  it('produces identical data for the same seed in two fresh databases, and different data for another seed', async () => {
    const other = await openTestDatabase(kind);
    try {
      const first = await withRollback(t.db, async (trx) => {
        await seedDemoData(trx, { customers: 60, suppliers: 20, seed: 7 });
        return seededIdentity(trx);
      });
      const second = await withRollback(other.db, async (trx) => {
        await seedDemoData(trx, { customers: 60, suppliers: 20, seed: 7 });
        return seededIdentity(trx);
      });
      expect(JSON.stringify(second)).toBe(JSON.stringify(first));
      const different = await withRollback(other.db, async (trx) => {
        await seedDemoData(trx, { customers: 60, suppliers: 20, seed: 8 });
        return seededIdentity(trx);
      });
      expect(JSON.stringify(different)).not.toBe(JSON.stringify(first));
    } finally {
      await other.close();
    }
  });

  it.each([
    ['customers', { customers: 0 }],
    ['customers', { customers: 100_001 }],
    ['customers', { customers: 1.5 }],
    ['customers', { customers: Number.NaN }],
    ['suppliers', { suppliers: -1 }],
    ['seed', { seed: 2 ** 32 }],
    ['password', { password: 'short' }],
  ] as const)('refuses invalid option %s %j and names it', async (option, options) => {
    const error = await errorOf(seedDemoData(t.db, options));
    expect(error.code).toBe('validation_failed');
    expect(error.issues[0]!.path).toBe(`/${option}`);
    expect(error.message).toContain(option);
    expect(await isDatabaseEmpty(t.db)).toBe(true);
  });
});

describe('demo data generators', () => {
  const entities = buildDemoEntities(42);

  it('are deterministic: the same seed gives byte-identical customers, suppliers and rates', () => {
    const run = (seed: number): string => JSON.stringify({
      entities: buildDemoEntities(seed),
      customers: Array.from(generateDemoCustomers(seed, 300, buildDemoEntities(seed))),
      suppliers: Array.from(generateDemoSuppliers(seed, 100, buildDemoEntities(seed))),
      fx: generateDemoFxRates(seed),
    });
    expect(run(42)).toBe(run(42));
    expect(run(43)).not.toBe(run(42));
  });

  it('gives a different seed different ids, names and tax ids', () => {
    const a = Array.from(generateDemoCustomers(1, 200, entities));
    const b = Array.from(generateDemoCustomers(2, 200, entities));
    expect(a.filter((c, i) => c.id === b[i]!.id)).toHaveLength(0);
    expect(a.filter((c, i) => c.name === b[i]!.name).length).toBeLessThan(10);
    expect(a.map((c) => c.taxId)).not.toEqual(b.map((c) => c.taxId));
  });

  it('keeps the first customers stable when more are asked for', () => {
    const small = Array.from(generateDemoCustomers(42, 100, entities));
    const large = Array.from(generateDemoCustomers(42, 500, entities));
    expect(large.slice(0, 100)).toEqual(small);
  });

  it('spreads 2,000 customers like a real SaaS book: US largest, mostly local currency, ~15 % PO, local time zones', () => {
    const customers = Array.from(generateDemoCustomers(42, 2_000, entities));
    const byEntity = new Map(entities.map((e) => [e.id, customers.filter((c) => c.entityId === e.id)]));
    const us = entities.find((e) => e.code === 'US01')!;
    for (const e of entities) {
      expect(byEntity.get(e.id)!.length, e.code).toBeGreaterThan(0);
      expect(byEntity.get(e.id)!.length, e.code).toBeLessThanOrEqual(byEntity.get(us.id)!.length);
    }
    const local = customers.filter((c) => entities.find((e) => e.id === c.entityId)!.functionalCurrency === c.billingCurrency);
    expect(local.length / customers.length).toBeGreaterThan(0.8);
    const po = customers.filter((c) => c.poRequired).length / customers.length;
    expect(po).toBeGreaterThan(0.1);
    expect(po).toBeLessThan(0.22);
    expect(customers.filter((c) => c.taxExempt).every((c) => c.exemptionCertificateRef)).toBe(true);
    const usZones = new Set(customers.filter((c) => c.billingAddress.country === 'US').map((c) => c.timeZone));
    expect([...usZones]).toEqual(expect.arrayContaining(['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles']));
    expect(new Set(customers.map((c) => c.segment))).toEqual(new Set(['enterprise', 'mid_market', 'smb', 'public_sector']));
    expect(new Set(customers.map((c) => c.paymentTermsDays))).toEqual(new Set([14, 30, 45, 60]));
    expect(customers.every((c) => /^C-\d{6}$/.test(c.number))).toBe(true);
    expect(new Set(customers.map((c) => c.name)).size).toBe(customers.length);
    expect(customers.flatMap((c) => c.contacts).every((contact) => contact.email.endsWith('.example'))).toBe(true);
  });

  it('applies the option defaults', () => {
    expect(resolveSeedOptions({})).toMatchObject({ customers: 2_000, suppliers: 300, seed: 42, password: DEMO_PASSWORD });
  });
});

import { sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import { inTransaction, type Db } from '../db/transaction.ts';
import { AppError } from '../errors/app-error.ts';
import { hashPassword } from '../identity/passwords.ts';
import { DEMO_BILLING_PERIOD, DEMO_CONTROLS_ADOPTED_DAYS_AGO, DEMO_PILOT_ENTITY, demoFirstBilledPeriod } from './demo-calendar.ts';
import { buildDemoEntities } from './demo-company.ts';
import { buildDemoGlAccounts, buildDemoGlDimensions } from './demo-ledger.ts';
import { buildDemoBillableMetrics } from './demo-metrics.ts';
import { buildDemoProducts } from './demo-products.ts';
import { buildDemoTaxCodes, buildDemoTaxJurisdictions } from './demo-tax.ts';
import { buildDemoUsers } from './demo-users.ts';
import { generateDemoContracts } from './generate-contracts.ts';
import { generateDemoCustomers } from './generate-customers.ts';
import { generateDemoCrmIds, generateDemoErpIds } from './generate-external-ids.ts';
import { generateDemoFxRates } from './generate-fx-rates.ts';
import { generateDemoSuppliers } from './generate-suppliers.ts';
import { generateDemoUsageEvents } from './generate-usage-events.ts';
import { planDemoContracts, type DemoContractPlan, type DemoCustomerRef } from './plan-demo-contracts.ts';
import { customerDefects, planContractDefects } from './plan-demo-defects.ts';
import { resolveSeedOptions, type SeedDemoDataOptions } from './seed-options.ts';
import { seedDemoControls } from './seed-demo-controls.ts';
import { mapItems, SeedWriter } from './seed-writer.ts';
import { writeBillableMetrics, writeContracts, writeExternalIds, writeUsageEvents } from './write-billing-stages.ts';
import {
  writeCustomers,
  writeFxRates,
  writeLedger,
  writeLegalEntities,
  writeProducts,
  writeSuppliers,
  writeTax,
  writeUsers,
} from './write-demo-stages.ts';

/** What {@link seedDemoData} wrote. */
export interface DemoSeedSummary {
  seed: number;
  legalEntities: number;
  glAccounts: number;
  glDimensions: number;
  glDimensionValues: number;
  taxJurisdictions: number;
  taxCodes: number;
  products: number;
  fxRates: number;
  users: number;
  customers: number;
  suppliers: number;
  billableMetrics: number;
  /** Customers' CRM account ids (external ids in system `crm`). */
  externalIds: number;
  contracts: number;
  contractLines: number;
  milestonesCompleted: number;
  usageEvents: number;
  /** The month the demo is ready to bill ({@link DEMO_BILLING_PERIOD}); the caller runs the bill run. */
  billingPeriod: string;
  /** The flaws planted in the data for the controls to find, by customer or contract number (see `plan-demo-defects.ts`). */
  defects: { taxIdTypos: string[]; poMissing: string[]; apiSpike: string[]; septemberTraining: string[] };
  /** Seeded with a past (`history`): bill it with `billDemoHistory` before the demo month. */
  history: boolean;
  /** The time of seeding, as ISO text: the history's clock counts back from it. */
  seededAt: string;
  auditRows: number;
}

// Tables the seed writes with unique codes; data in any of them means "not empty".
const SEEDED_TABLES: readonly (readonly [keyof Database, string])[] = [
  ['legalEntities', 'legal entities'],
  ['users', 'users'],
  ['customers', 'customers'],
  ['suppliers', 'suppliers'],
  ['glAccounts', 'GL accounts'],
  ['glDimensions', 'GL dimensions'],
  ['taxJurisdictions', 'tax jurisdictions'],
  ['taxCodes', 'tax codes'],
  ['products', 'products'],
  ['fxRates', 'FX rates'],
  ['billableMetrics', 'billable metrics'],
  ['externalIds', 'external ids'],
];

/** The months a plan has usage in: from its first month billed (or its start, if later) to the demo month. */
function usageMonths(plan: DemoContractPlan): number {
  const from = plan.startDate.slice(0, 7) > plan.firstBilledPeriod ? plan.startDate.slice(0, 7) : plan.firstBilledPeriod;
  const [y1, m1] = from.split('-').map(Number) as [number, number];
  const [y2, m2] = DEMO_BILLING_PERIOD.split('-').map(Number) as [number, number];
  return Math.max(0, (y2 - y1) * 12 + m2 - m1 + 1);
}

/** Serializes concurrent seeders (two `npm start` against one server); any constant works. */
const SEED_LOCK = 720_2001;

/** The kinds of data the database already holds (empty list: nothing the seed would write). */
async function existingData(db: Db): Promise<string[]> {
  const found: string[] = [];
  for (const [table, label] of SEEDED_TABLES) {
    const row = await db.selectFrom(table as 'users').select('id').limit(1).executeTakeFirst();
    if (row) found.push(label);
  }
  return found;
}

/**
 * True when the database holds no legal entities, users, customers, suppliers or
 * reference data of the kinds the seed writes: `npm start` seeds demo data only then.
 */
export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  return (await existingData(db)).length === 0;
}

function refuseUnlessEmpty(found: readonly string[]): void {
  if (found.length === 0) return;
  const listed = found.length > 3 ? `${found.slice(0, 3).join(', ')} and more` : found.join(', ');
  throw new AppError(
    'conflict',
    `demo data is only seeded into an empty database, and this one already has ${listed}; use a new data folder or database`,
    { extensions: { existing: found } },
  );
}

/**
 * Seeds a deterministic demo SaaS company ("Brightlane Software") into an empty database:
 * six legal entities with number series, chart of accounts and dimensions, tax
 * jurisdictions and codes, products, ECB-style FX rates, users for every role, and
 * `customers` customers and `suppliers` suppliers. Billing is ready to run: billable
 * metrics, a CRM account id per customer, contracts for most customers (monthly, quarterly
 * and prepaid annual plans, metered API calls and storage, services and milestones) that
 * started in the year before the demo's fixed "today", and a month of usage events for
 * {@link DEMO_BILLING_PERIOD}. The bill run itself is the caller's: it needs a tax engine,
 * which core does not choose. The same seed and counts give identical data (ids, names,
 * tax ids, IBANs, contracts, events); only timestamps and audit ids differ.
 *
 * The data has the flaws a real company's has, planted on purpose for the controls to find
 * (`plan-demo-defects.ts`): VAT ids with a typo, contracts missing the PO their customer
 * requires, and — with history — a runaway integration and a retired revenue account.
 * With the `history` option the company has a past — the pilot entity billed through
 * invoiceops from July, every entity from September — for `billDemoHistory` to bill through
 * the real pipeline on the clock of each moment, so the demo month has issued history,
 * exceptions, and approvals already past their SLA.
 *
 * Everything is written in ONE transaction, in chunked multi-row INSERTs with one audited
 * batch per chunk: an interrupted seed leaves the database empty (so it can simply be
 * run again) rather than half-seeded. A transaction-scoped advisory lock plus a re-check
 * make two concurrent seeders safe: the second one gets the `conflict`.
 *
 * @throws AppError `validation_failed` naming the option; `conflict` when the database
 *   already holds data (see {@link isDatabaseEmpty}).
 */
/** How long before seeding the demo's controls took effect (so documents of the last weeks fall under them). */
const DEMO_CONTROLS_HISTORY_MS = DEMO_CONTROLS_ADOPTED_DAYS_AGO * 86_400_000;

export async function seedDemoData(db: Db, options: SeedDemoDataOptions = {}): Promise<DemoSeedSummary> {
  const opts = resolveSeedOptions(options);
  // Cheap check first, so a refused seed does not pay for the password hash.
  refuseUnlessEmpty(await existingData(db));
  // scrypt is slow on purpose; one hash is shared by every human demo user.
  const passwordHash = await hashPassword(opts.password);

  const entities = buildDemoEntities(opts.seed);
  const accounts = buildDemoGlAccounts(opts.seed);
  const dimensions = buildDemoGlDimensions(opts.seed);
  const jurisdictions = buildDemoTaxJurisdictions(opts.seed);
  const taxCodes = buildDemoTaxCodes(opts.seed);
  const products = buildDemoProducts(opts.seed);
  const fxRates = generateDemoFxRates(opts.seed);
  const users = buildDemoUsers(opts.seed, new Map(entities.map((e) => [e.code, e.id])));
  const metrics = buildDemoBillableMetrics(opts.seed);
  const dimensionValues = dimensions.reduce((sum, d) => sum + d.values.length, 0);
  // Contracts and usage are added to the total once the customers they are planned from are written.
  const total = entities.length + accounts.length + dimensions.length + dimensionValues + jurisdictions.length
    + taxCodes.length + products.length + fxRates.length + users.length + opts.customers + opts.suppliers
    + metrics.length + opts.customers;

  return inTransaction(db, async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${SEED_LOCK})`.execute(trx);
    refuseUnlessEmpty(await existingData(trx));
    const now = new Date();
    const writer = new SeedWriter(trx, `demo data, seed ${opts.seed}`, total, opts.onProgress);
    await writeLegalEntities(writer, entities, now);
    await writeLedger(writer, accounts, dimensions, now);
    await writeTax(writer, jurisdictions, taxCodes, now);
    await writeProducts(writer, products, now);
    await writeFxRates(writer, fxRates, now);
    await writeUsers(writer, users, passwordHash, now);
    // The customers stream past; contracts and usage need only a few of their fields.
    const refs: DemoCustomerRef[] = [];
    const flawed = customerDefects(new Map(entities.map((e) => [e.id, e.country])));
    const customers = await writeCustomers(writer, mapItems(generateDemoCustomers(opts.seed, opts.customers, entities), (c) => {
      refs.push({ id: c.id, number: c.number, entityId: c.entityId, billingCurrency: c.billingCurrency, poRequired: c.poRequired, timeZone: c.timeZone, segment: c.segment, country: c.billingAddress.country });
      return flawed.apply(c);
    }), now);
    const suppliers = await writeSuppliers(writer, generateDemoSuppliers(opts.seed, opts.suppliers, entities), now);
    const billableMetrics = await writeBillableMetrics(writer, metrics, now);
    const crmIds = generateDemoCrmIds(opts.seed, refs.map((c) => c.id));
    const erpIds = generateDemoErpIds(opts.seed, { customerIds: refs.map((c) => c.id), productIds: products.map((p) => p.id) });
    writer.expect(erpIds.length);
    const externalIds = await writeExternalIds(writer, [...crmIds, ...erpIds], now);
    const entityCode = new Map(entities.map((e) => [e.id, e.code]));
    const plans = planDemoContracts(opts.seed, refs, (c) => demoFirstBilledPeriod(entityCode.get(c.entityId)!, opts.history));
    const pilotEntityId = opts.history ? entities.find((e) => e.code === DEMO_PILOT_ENTITY)!.id : null;
    const contractDefects = planContractDefects(plans, refs, pilotEntityId);
    writer.expect(plans.reduce((sum, p) => sum + 1 + usageMonths(p) * (p.usageEvents.api + p.usageEvents.storage + p.usageEvents.activeUsers), 0));
    const contracts = await writeContracts(writer, generateDemoContracts(opts.seed, plans, new Map(products.map((p) => [p.sku, p.id]))), now);
    const subjects = new Map(crmIds.map((x) => [x.objectId, x.externalId]));
    const usageEvents = await writeUsageEvents(writer, generateDemoUsageEvents(opts.seed, plans, subjects));
    // Rule pack and approval policy, drafted by one controller and published by the other.
    const controlsAudit = opts.controls ? await seedDemoControls(trx, new Date(now.getTime() - DEMO_CONTROLS_HISTORY_MS), now) : 0;
    return {
      seed: opts.seed,
      legalEntities: entities.length,
      glAccounts: accounts.length,
      glDimensions: dimensions.length,
      glDimensionValues: dimensionValues,
      taxJurisdictions: jurisdictions.length,
      taxCodes: taxCodes.length,
      products: products.length,
      fxRates: fxRates.length,
      users: users.length,
      customers,
      suppliers,
      billableMetrics,
      externalIds,
      contracts: contracts.contracts,
      contractLines: contracts.lines,
      milestonesCompleted: contracts.milestonesCompleted,
      usageEvents,
      billingPeriod: DEMO_BILLING_PERIOD,
      defects: { taxIdTypos: flawed.typos, ...contractDefects },
      history: opts.history,
      seededAt: now.toISOString(),
      auditRows: writer.auditRows + controlsAudit,
    };
  });
}

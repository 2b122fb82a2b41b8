import { sql, type Selectable } from 'kysely';
import type { ContractLinesTable, ContractsTable, CustomersTable, LegalEntitiesTable } from '../../db/schema.ts';
import type { Db } from '../../db/transaction.ts';
import { trimDecimal } from '../../shared/decimal-text.ts';
import { groupBy } from '../../shared/group-by.ts';
import { selectJsonRows } from '../../db/select-json-rows.ts';

/**
 * The columns billing reads, and no more: a bill run loads them for every customer (reading
 * whole customer and contract rows cost a run at 25,000 customers about 0.7 s more). The
 * bulk loads arrive as one JSON value each (`selectJsonRows`), since the embedded
 * database's client otherwise decodes each column of each row on its own.
 */
const CUSTOMER_COLUMNS = [
  'id', 'entityId', 'name', 'billingAddress', 'contacts', 'taxId', 'taxIdType', 'taxExempt', 'exemptionCertificateRef',
  'poRequired', 'segment', 'paymentTermsDays', 'timeZone', 'usageBilledUntil',
] as const satisfies readonly (keyof CustomersTable)[];
const CONTRACT_COLUMNS = [
  'id', 'customerId', 'number', 'currency', 'startDate', 'endDate', 'billingFrequency', 'billingTiming', 'alignment', 'billDay', 'poNumber', 'billedThrough',
] as const satisfies readonly (keyof ContractsTable)[];
const CONTRACT_LINE_COLUMNS = [
  'id', 'contractId', 'customerId', 'lineKey', 'productId', 'kind', 'metricCode', 'charge', 'quantity', 'startDate', 'endDate', 'amendmentId', 'createdAt',
] as const satisfies readonly (keyof ContractLinesTable)[];

/** How each column arrives (see `selectJsonRows`). */
const CUSTOMER_KINDS = {
  id: 'text', entityId: 'text', name: 'text', billingAddress: 'json', contacts: 'json', taxId: 'text', taxIdType: 'text', taxExempt: 'boolean',
  exemptionCertificateRef: 'text', poRequired: 'boolean', segment: 'text', paymentTermsDays: 'int', timeZone: 'text', usageBilledUntil: 'timestamp',
} as const;
const CONTRACT_KINDS = {
  id: 'text', customerId: 'text', number: 'text', currency: 'text', startDate: 'date', endDate: 'date', billingFrequency: 'text', billingTiming: 'text',
  alignment: 'text', billDay: 'int', poNumber: 'text', billedThrough: 'date',
} as const;
const CONTRACT_LINE_KINDS = {
  id: 'text', contractId: 'text', customerId: 'text', lineKey: 'text', productId: 'text', kind: 'text', metricCode: 'text', charge: 'json',
  quantity: 'numeric', startDate: 'date', endDate: 'date', amendmentId: 'text', createdAt: 'timestamp',
} as const;

/** Plain code-point order, as the database's ORDER BY under the C collation. */
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Everything the bill run needs about one customer, loaded for a chunk of customers at once. */
export interface CustomerBillingInputs {
  customer: Pick<Selectable<CustomersTable>, (typeof CUSTOMER_COLUMNS)[number]>;
  entity: Selectable<LegalEntitiesTable>;
  contracts: Pick<Selectable<ContractsTable>, (typeof CONTRACT_COLUMNS)[number]>[];
  versions: Pick<Selectable<ContractLinesTable>, (typeof CONTRACT_LINE_COLUMNS)[number]>[];
  /** Earlier invoice lines per contract line version (void invoices excluded). */
  billed: { contractLineId: string; kind: string; serviceStart: string | null; serviceEnd: string | null; amountMinor: bigint; quantity: string }[];
  milestones: { contractId: string; lineKey: string; milestoneKey: string; completedOn: string }[];
  /** Usage that arrived after its time was billed, per metric: [earliest, latest] per UTC day. */
  lateUsage: Map<string, { from: Date; to: Date }[]>;
  /** Live invoices already issued for the run's period, per currency. */
  invoicedCurrencies: Set<string>;
  /** Every month (`YYYY-MM`) the customer has a live invoice for: those months were billed. */
  invoicedPeriods: Set<string>;
}

/** `= ANY($1)`: one array parameter for a list of ids, however long. */
const anyOf = (ids: readonly string[]) => sql<string>`ANY(${sql.val(ids)}::text[])`;

/**
 * Loads billing inputs for `customerIds` in a handful of queries, each through an index
 * (by customer, or by contract once the contracts are known), so a chunk costs the same
 * however many invoices earlier chunks of the run wrote.
 */
export async function loadBillingInputs(db: Db, customerIds: string[], period: string, next: string): Promise<CustomerBillingInputs[]> {
  if (customerIds.length === 0) return [];
  const [customers, contracts, late, invoiced, billed] = await Promise.all([
    selectJsonRows<CustomerBillingInputs['customer']>(db, db.selectFrom('customers').select(CUSTOMER_COLUMNS).where('id', '=', anyOf(customerIds)), CUSTOMER_KINDS),
    selectJsonRows<CustomerBillingInputs['contracts'][number]>(
      db,
      db.selectFrom('contracts').select(CONTRACT_COLUMNS).where('customerId', '=', anyOf(customerIds)).where('startDate', '<', next),
      CONTRACT_KINDS,
    ).then((rows) => rows.sort((a, b) => compareText(a.startDate, b.startDate))),
    db
      .selectFrom('usageEvents')
      .select(['customerId', 'metricCode', (eb) => eb.fn.min('occurredAt').as('from'), (eb) => eb.fn.max('occurredAt').as('to')])
      .where('customerId', '=', anyOf(customerIds))
      .where('latePending', '=', true)
      .where('status', '=', 'accepted')
      .groupBy(['customerId', 'metricCode', sql`(occurred_at AT TIME ZONE 'UTC')::date`])
      .execute(),
    selectJsonRows<{ customerId: string; currency: string; billingPeriod: string | null }>(
      db,
      db
        .selectFrom('invoices')
        .select(['customerId', 'currency', 'billingPeriod'])
        .where('customerId', '=', anyOf(customerIds))
        .where('billingPeriod', 'is not', null)
        .where('kind', '=', 'invoice')
        .where('status', '<>', 'void'),
      { customerId: 'text', currency: 'text', billingPeriod: 'text' },
    ),
    selectJsonRows<{ contractLineId: string | null; kind: string; serviceStart: string | null; serviceEnd: string | null; amountMinor: bigint; quantity: string; customerId: string }>(
      db,
      db
        .selectFrom('invoices')
        .innerJoin('invoiceLines', 'invoiceLines.invoiceId', 'invoices.id')
        .select(['invoiceLines.contractLineId', 'invoiceLines.kind', 'invoiceLines.serviceStart', 'invoiceLines.serviceEnd', 'invoiceLines.amountMinor', 'invoiceLines.quantity', 'invoiceLines.customerId'])
        .where('invoices.customerId', '=', anyOf(customerIds))
        .where('invoices.status', '<>', 'void')
        .where('invoices.kind', '=', 'invoice')
        .where('invoiceLines.contractLineId', 'is not', null),
      { contractLineId: 'text', kind: 'text', serviceStart: 'date', serviceEnd: 'date', amountMinor: 'bigint', quantity: 'numeric', customerId: 'text' },
    ),
  ]);
  const contractIds = contracts.map((c) => c.id);
  const versions = contractIds.length
    ? (await selectJsonRows<CustomerBillingInputs['versions'][number]>(
        db,
        db.selectFrom('contractLines').select(CONTRACT_LINE_COLUMNS).where('contractId', '=', anyOf(contractIds)),
        CONTRACT_LINE_KINDS,
      )).sort((a, b) => compareText(a.lineKey, b.lineKey) || compareText(a.startDate, b.startDate))
    : [];
  // Only a milestone line's milestones can be completed (`completeMilestone`): most chunks have none to look up.
  const milestoneContracts = [...new Set(versions.filter((v) => v.kind === 'milestone').map((v) => v.contractId))];
  const milestones = milestoneContracts.length
    ? await selectJsonRows<{ contractId: string; customerId: string; lineKey: string; milestoneKey: string; completedOn: string }>(
        db,
        db
          .selectFrom('contractMilestones')
          .select(['contractId', 'customerId', 'lineKey', 'milestoneKey', 'completedOn'])
          .where('contractId', '=', anyOf(milestoneContracts))
          .where('invoiceId', 'is', null)
          .where('completedOn', '<', next),
        { contractId: 'text', customerId: 'text', lineKey: 'text', milestoneKey: 'text', completedOn: 'date' },
      )
    : [];
  const entityIds = [...new Set(customers.map((c) => c.entityId))];
  const entities = await db.selectFrom('legalEntities').selectAll().where('id', '=', anyOf(entityIds)).execute();
  const byCustomer = <T extends { customerId: string | null }>(rows: T[]) => groupBy(rows, (r) => r.customerId ?? '');
  const [contractsOf, versionsOf, billedOf, milestonesOf, lateOf, invoicedOf] = [byCustomer(contracts), byCustomer(versions), byCustomer(billed), byCustomer(milestones), byCustomer(late), byCustomer(invoiced)];
  const entityById = new Map(entities.map((e) => [e.id, e]));
  return customers.map((customer) => ({
    customer,
    entity: entityById.get(customer.entityId)!,
    contracts: contractsOf.get(customer.id),
    versions: versionsOf.get(customer.id),
    billed: billedOf
      .get(customer.id)
      .map((b) => ({ contractLineId: b.contractLineId!, kind: b.kind, serviceStart: b.serviceStart, serviceEnd: b.serviceEnd, amountMinor: b.amountMinor, quantity: trimDecimal(b.quantity) })),
    milestones: milestonesOf.get(customer.id),
    lateUsage: groupLateUsage(lateOf.get(customer.id)),
    invoicedCurrencies: new Set(invoicedOf.get(customer.id).filter((i) => i.billingPeriod === period).map((i) => i.currency)),
    invoicedPeriods: new Set(invoicedOf.get(customer.id).map((i) => i.billingPeriod!)),
  }));
}

function groupLateUsage(rows: { metricCode: string; from: unknown; to: unknown }[]): Map<string, { from: Date; to: Date }[]> {
  const map = new Map<string, { from: Date; to: Date }[]>();
  for (const r of rows) {
    const ranges = map.get(r.metricCode) ?? [];
    ranges.push({ from: new Date(r.from as string | Date), to: new Date(r.to as string | Date) });
    map.set(r.metricCode, ranges);
  }
  return map;
}

import type { Selectable } from 'kysely';
import type { ContractLinesTable, ContractsTable, CustomersTable, LegalEntitiesTable } from '../../db/schema.ts';
import type { Db } from '../../db/transaction.ts';
import { trimDecimal } from '../../shared/decimal-text.ts';

/** Everything the bill run needs about one customer, loaded for a chunk of customers at once. */
export interface CustomerBillingInputs {
  customer: Selectable<CustomersTable>;
  entity: Selectable<LegalEntitiesTable>;
  contracts: Selectable<ContractsTable>[];
  versions: Selectable<ContractLinesTable>[];
  /** Earlier invoice lines per contract line version (void invoices excluded). */
  billed: { contractLineId: string; kind: string; serviceStart: string | null; serviceEnd: string | null; amountMinor: bigint; quantity: string }[];
  milestones: { contractId: string; lineKey: string; milestoneKey: string; completedOn: string }[];
  /** Earliest occurrence of not-yet-billed usage per metric. */
  unbilledUsageSince: Map<string, Date>;
  /** Live invoices already issued for the run's period, per currency. */
  invoicedCurrencies: Set<string>;
  /** Every month (`YYYY-MM`) the customer has a live invoice for: those months were billed. */
  invoicedPeriods: Set<string>;
}

/** Loads billing inputs for `customerIds` in a handful of queries. */
export async function loadBillingInputs(db: Db, customerIds: string[], period: string, next: string): Promise<CustomerBillingInputs[]> {
  if (customerIds.length === 0) return [];
  const [customers, contracts, milestones, unbilled, invoiced] = await Promise.all([
    db.selectFrom('customers').selectAll().where('id', 'in', customerIds).execute(),
    db.selectFrom('contracts').selectAll().where('customerId', 'in', customerIds).where('startDate', '<', next).orderBy('startDate').execute(),
    db
      .selectFrom('contractMilestones')
      .select(['contractId', 'customerId', 'lineKey', 'milestoneKey', 'completedOn'])
      .where('customerId', 'in', customerIds)
      .where('invoiceId', 'is', null)
      .where('completedOn', '<', next)
      .execute(),
    db
      .selectFrom('usageEvents')
      .select(['customerId', 'metricCode', (eb) => eb.fn.min('occurredAt').as('since')])
      .where('customerId', 'in', customerIds)
      .where('invoiceId', 'is', null)
      .where('status', '=', 'accepted')
      .groupBy(['customerId', 'metricCode'])
      .execute(),
    db
      .selectFrom('invoices')
      .select(['customerId', 'currency', 'billingPeriod'])
      .where('customerId', 'in', customerIds)
      .where('billingPeriod', 'is not', null)
      .where('kind', '=', 'invoice')
      .where('status', '<>', 'void')
      .execute(),
  ]);
  const contractIds = contracts.map((c) => c.id);
  const versions = contractIds.length
    ? await db.selectFrom('contractLines').selectAll().where('contractId', 'in', contractIds).orderBy('lineKey').orderBy('startDate').execute()
    : [];
  const versionIds = versions.map((v) => v.id);
  const billed = versionIds.length
    ? await db
        .selectFrom('invoiceLines')
        .innerJoin('invoices', 'invoices.id', 'invoiceLines.invoiceId')
        .select(['invoiceLines.contractLineId', 'invoiceLines.kind', 'invoiceLines.serviceStart', 'invoiceLines.serviceEnd', 'invoiceLines.amountMinor', 'invoiceLines.quantity', 'invoiceLines.customerId'])
        .where('invoiceLines.contractLineId', 'in', versionIds)
        .where('invoices.status', '<>', 'void')
        .where('invoices.kind', '=', 'invoice')
        .execute()
    : [];
  const entityIds = [...new Set(customers.map((c) => c.entityId))];
  const entities = await db.selectFrom('legalEntities').selectAll().where('id', 'in', entityIds).execute();
  return customers.map((customer) => ({
    customer,
    entity: entities.find((e) => e.id === customer.entityId)!,
    contracts: contracts.filter((c) => c.customerId === customer.id),
    versions: versions.filter((v) => v.customerId === customer.id),
    billed: billed
      .filter((b) => b.customerId === customer.id)
      .map((b) => ({ contractLineId: b.contractLineId!, kind: b.kind, serviceStart: b.serviceStart, serviceEnd: b.serviceEnd, amountMinor: b.amountMinor, quantity: trimDecimal(b.quantity) })),
    milestones: milestones.filter((m) => m.customerId === customer.id),
    unbilledUsageSince: new Map(unbilled.filter((u) => u.customerId === customer.id).map((u) => [u.metricCode, new Date(u.since as unknown as string | Date)])),
    invoicedCurrencies: new Set(invoiced.filter((i) => i.customerId === customer.id && i.billingPeriod === period).map((i) => i.currency)),
    invoicedPeriods: new Set(invoiced.filter((i) => i.customerId === customer.id).map((i) => i.billingPeriod!)),
  }));
}

import {
  ALL_ENTITIES,
  SYSTEM_CONTEXT,
  billableMetricResource,
  createContract,
  createContractSchema,
  type Contract,
  type Db,
  type Row,
} from '@invoiceops/core';
import { createCustomer, createGlAccount, createLegalEntity, createProduct, createThrough, unique } from './factories.ts';

/** A billing set-up to hang contracts on: entity, customer, two products and a usage metric. */
export interface BillingFixture {
  entity: Row;
  customer: Row;
  seatProduct: Row;
  usageProduct: Row;
  metricCode: string;
}

export async function createBillingFixture(db: Db, customerOverrides: Record<string, unknown> = {}): Promise<BillingFixture> {
  const entity = await createLegalEntity(db);
  const customer = await createCustomer(db, entity.id, customerOverrides);
  const account = await createGlAccount(db, { type: 'revenue' });
  const seatProduct = await createProduct(db, account.code as string, { unit: 'seat' });
  const usageProduct = await createProduct(db, account.code as string, { unit: 'call' });
  const metricCode = unique('api.calls.').toLowerCase();
  await createThrough(db, billableMetricResource, { code: metricCode, name: 'API calls', aggregation: 'sum', unit: 'call' });
  return { entity, customer, seatProduct, usageProduct, metricCode };
}

/** A valid contract body: 10 seats at 30.00 monthly plus metered API calls; override anything. */
export function contractInput(f: BillingFixture, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    customerId: f.customer.id,
    number: unique('CTR-'),
    startDate: '2026-01-15',
    termMonths: 12,
    billingFrequency: 'monthly',
    billingTiming: 'in_advance',
    alignment: 'anniversary',
    renewalUpliftPercent: '5',
    lines: [
      { key: 'seats', productId: f.seatProduct.id, kind: 'recurring', charge: { model: 'per_unit', kind: 'recurring', params: { unitPrice: '30.00' } }, quantity: '10' },
      { key: 'api', productId: f.usageProduct.id, kind: 'usage', metricCode: f.metricCode, charge: { model: 'per_unit', params: { unitPrice: '0.0015' } } },
    ],
    ...overrides,
  };
}

export async function createTestContract(db: Db, f: BillingFixture, overrides: Record<string, unknown> = {}): Promise<Contract> {
  return createContract(db, SYSTEM_CONTEXT, createContractSchema.parse(contractInput(f, overrides)), ALL_ENTITIES);
}

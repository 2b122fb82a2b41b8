import {
  ALL_ENTITIES,
  SYSTEM_CONTEXT,
  createRecord,
  customerResource,
  externalIdResource,
  fxRateResource,
  glAccountResource,
  glDimensionResource,
  glDimensionValueResource,
  isAppError,
  legalEntityResource,
  productResource,
  supplierResource,
  taxCodeResource,
  taxJurisdictionResource,
  updateRecord,
  type AppError,
  type Db,
  type ResourceDefinition,
  type Row,
} from '@invoiceops/core';

let counter = 0;
/** A short unique suffix so tests sharing one database do not collide. */
export function unique(prefix = ''): string {
  counter += 1;
  return `${prefix}${process.pid.toString(36)}${counter.toString(36)}${Math.random().toString(36).slice(2, 6)}`.toUpperCase();
}

/** A valid German legal entity body; override any field. */
export function legalEntityInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    code: unique('DE'),
    legalName: 'Invoiceops Test GmbH',
    country: 'DE',
    functionalCurrency: 'EUR',
    taxRegistrations: [{ country: 'DE', type: 'eu_vat', number: 'DE136695976' }],
    address: { line1: 'Friedrichstraße 1', city: 'Berlin', postalCode: '10117', country: 'DE' },
    timeZone: 'Europe/Berlin',
    roundingMode: 'half_up',
    active: true,
    ...overrides,
  };
}

/** A valid customer body for `entityId`; override any field. */
export function customerInput(entityId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    entityId,
    number: unique('C'),
    name: 'Acme Analytics SAS',
    billingCurrency: 'EUR',
    taxId: 'FR40303265045',
    taxExempt: false,
    poRequired: false,
    paymentTermsDays: 30,
    billingAddress: { line1: '1 rue de Rivoli', city: 'Paris', postalCode: '75001', country: 'FR' },
    contacts: [{ name: 'Ada Martin', email: 'ap@acme.example' }],
    timeZone: 'Europe/Paris',
    segment: 'mid_market',
    active: true,
    ...overrides,
  };
}

export async function createLegalEntity(db: Db, overrides: Record<string, unknown> = {}): Promise<Row> {
  const data = legalEntityResource.createSchema.parse(legalEntityInput(overrides)) as Record<string, unknown>;
  return createRecord(db, SYSTEM_CONTEXT, legalEntityResource, { data, scope: ALL_ENTITIES });
}

export async function createCustomer(db: Db, entityId: string, overrides: Record<string, unknown> = {}): Promise<Row> {
  const data = customerResource.createSchema.parse(customerInput(entityId, overrides)) as Record<string, unknown>;
  return createRecord(db, SYSTEM_CONTEXT, customerResource, { data, scope: ALL_ENTITIES });
}

// ---------------------------------------------------------------------------------------
// Reference and master data beyond entities and customers
// ---------------------------------------------------------------------------------------

/** A German IBAN and the matching Commerzbank BIC, valid by checksum. */
export const TEST_IBAN = 'DE89370400440532013000';
export const TEST_BIC = 'COBADEFFXXX';

/** Parses `input` with the resource's create schema and creates it as the system actor. */
export async function createThrough(db: Db, resource: ResourceDefinition, input: Record<string, unknown>): Promise<Row> {
  const data = resource.createSchema.parse(input) as Record<string, unknown>;
  return createRecord(db, SYSTEM_CONTEXT, resource, { data, scope: ALL_ENTITIES });
}

/** A valid GL account body (an expense account unless `type` is given). */
export function glAccountInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { code: unique('6'), name: 'Software subscriptions', type: 'expense', active: true, ...overrides };
}

export function createGlAccount(db: Db, overrides: Record<string, unknown> = {}): Promise<Row> {
  return createThrough(db, glAccountResource, glAccountInput(overrides));
}

/** A valid product body; `revenueAccountCode` must name a revenue account. */
export function productInput(revenueAccountCode: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { sku: unique('SKU-'), name: 'Analytics seat', unit: 'seat', revenueAccountCode, taxCategory: 'saas', active: true, ...overrides };
}

export function createProduct(db: Db, revenueAccountCode: string, overrides: Record<string, unknown> = {}): Promise<Row> {
  return createThrough(db, productResource, productInput(revenueAccountCode, overrides));
}

/** A valid GL dimension body with a unique lower-case code. */
export function glDimensionInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { code: unique('cost_center_').toLowerCase(), name: 'Cost center', requiredFor: ['vendor_bill'], active: true, ...overrides };
}

export function createGlDimension(db: Db, overrides: Record<string, unknown> = {}): Promise<Row> {
  return createThrough(db, glDimensionResource, glDimensionInput(overrides));
}

/** A valid value body for the dimension `dimensionCode`. */
export function glDimensionValueInput(dimensionCode: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { dimensionCode, code: unique('CC-'), name: 'Platform engineering', active: true, ...overrides };
}

export function createGlDimensionValue(db: Db, dimensionCode: string, overrides: Record<string, unknown> = {}): Promise<Row> {
  return createThrough(db, glDimensionValueResource, glDimensionValueInput(dimensionCode, overrides));
}

/** A valid tax jurisdiction body (Germany unless overridden). */
export function taxJurisdictionInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { code: unique('DE-'), name: 'Germany', country: 'DE', region: null, ...overrides };
}

export function createTaxJurisdiction(db: Db, overrides: Record<string, unknown> = {}): Promise<Row> {
  return createThrough(db, taxJurisdictionResource, taxJurisdictionInput(overrides));
}

/** A valid standard-rated 19 % tax code body in `jurisdictionCode`, open-ended from 2021. */
export function taxCodeInput(jurisdictionCode: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    code: unique('VAT-STD-'),
    jurisdictionCode,
    name: 'VAT standard rate',
    rate: '19',
    vatCategory: 'S',
    taxCategory: 'standard',
    validFrom: '2021-01-01',
    validTo: null,
    ...overrides,
  };
}

export function createTaxCode(db: Db, jurisdictionCode: string, overrides: Record<string, unknown> = {}): Promise<Row> {
  return createThrough(db, taxCodeResource, taxCodeInput(jurisdictionCode, overrides));
}

/** A valid FX rate body, EUR→USD from the ECB unless overridden. */
export function fxRateInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { baseCurrency: 'EUR', quoteCurrency: 'USD', rate: '1.0850', effectiveDate: '2026-01-02', source: 'ecb', ...overrides };
}

export function createFxRate(db: Db, overrides: Record<string, unknown> = {}): Promise<Row> {
  return createThrough(db, fxRateResource, fxRateInput(overrides));
}

/** A valid German supplier body serving `entityIds`, with a bank account and no default coding. */
export function supplierInput(entityIds: string[], overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    entityIds,
    number: unique('S'),
    name: 'Cloudhost GmbH',
    country: 'DE',
    taxId: 'DE136695976',
    bankAccount: { iban: TEST_IBAN, bic: TEST_BIC, accountName: 'Cloudhost GmbH' },
    paymentTermsDays: 30,
    defaultCoding: null,
    active: true,
    ...overrides,
  };
}

export function createSupplier(db: Db, entityIds: string[], overrides: Record<string, unknown> = {}): Promise<Row> {
  return createThrough(db, supplierResource, supplierInput(entityIds, overrides));
}

/** A valid external id body mapping `objectId` (of `objectType`) in the CRM. */
export function externalIdInput(objectType: string, objectId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { system: 'crm', objectType, externalId: unique('0015g00000'), objectId, ...overrides };
}

export function createExternalId(db: Db, objectType: string, objectId: string, overrides: Record<string, unknown> = {}): Promise<Row> {
  return createThrough(db, externalIdResource, externalIdInput(objectType, objectId, overrides));
}

/** Parses `patch` with the resource's update schema and applies it as the system actor. */
export async function updateThrough(db: Db, resource: ResourceDefinition, id: string, patch: Record<string, unknown>): Promise<Row> {
  const parsed = resource.updateSchema.parse(patch) as Record<string, unknown>;
  return updateRecord(db, SYSTEM_CONTEXT, resource, { id, patch: parsed, scope: ALL_ENTITIES });
}

/**
 * The AppError a promise rejects with; fails the test when it resolves instead (so an
 * assertion on the error can never pass by accident).
 */
export async function appErrorOf(promise: Promise<unknown>): Promise<AppError> {
  const outcome = await promise.then(
    (value) => ({ resolved: true as const, value }),
    (error: unknown) => ({ resolved: false as const, error }),
  );
  if (outcome.resolved) throw new Error(`expected an AppError, but the call succeeded with ${JSON.stringify(outcome.value)}`);
  if (!isAppError(outcome.error)) throw outcome.error;
  return outcome.error;
}

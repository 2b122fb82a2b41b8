import {
  ALL_ENTITIES,
  SYSTEM_CONTEXT,
  createRecord,
  customerResource,
  legalEntityResource,
  type Db,
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

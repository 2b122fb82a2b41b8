import { sql } from 'kysely';
import type { PostalAddress } from '../../db/schema.ts';
import { ID_PREFIX } from '../../shared/ids.ts';
import { checkCurrencyActive, checkEntities, checkTaxId } from '../reference-checks.ts';
import type { ResourceDefinition, Row } from '../resource.ts';
import { timestamps } from '../row-helpers.ts';
import {
  createCustomerSchema,
  customerSchema,
  listCustomersQuery,
  updateCustomerSchema,
  type Customer,
} from './customer-schemas.ts';

/** Customers: billed by one legal entity, in one currency, in their own time zone. */
export const customerResource: ResourceDefinition = {
  path: 'customers',
  objectType: 'customer',
  label: 'customer',
  table: 'customers',
  idPrefix: ID_PREFIX.customer,
  permissions: { read: 'customers:read', write: 'customers:write' },
  entityIdsOf: (row) => [row.entityId as string],
  scopeColumn: { column: 'entity_id', kind: 'single' },
  createSchema: createCustomerSchema,
  updateSchema: updateCustomerSchema,
  outputSchema: customerSchema,
  listQuery: listCustomersQuery,
  uniqueFields: { customers_entity_id_number_key: 'number' },
  toColumns: (input) => ({ ...input }),
  toOutput: (row: Row): Customer => ({
    id: row.id,
    entityId: row.entityId as string,
    number: row.number as string,
    name: row.name as string,
    billingCurrency: row.billingCurrency as string,
    taxId: (row.taxId as string | null) ?? null,
    taxIdType: (row.taxIdType as string | null) ?? null,
    taxExempt: row.taxExempt as boolean,
    exemptionCertificateRef: (row.exemptionCertificateRef as string | null) ?? null,
    poRequired: row.poRequired as boolean,
    paymentTermsDays: row.paymentTermsDays as number,
    billingAddress: row.billingAddress as Customer['billingAddress'],
    contacts: row.contacts as Customer['contacts'],
    timeZone: row.timeZone as string,
    segment: row.segment as string,
    active: row.active as boolean,
    version: row.version,
    ...timestamps(row),
  }),
  check: async (trx, row) => {
    const issues = [
      ...(await checkEntities(trx, [row.entityId as string], '/entityId')),
      ...(await checkCurrencyActive(trx, row.billingCurrency as string, '/billingCurrency')),
      ...checkTaxId(row, (row.billingAddress as PostalAddress).country),
    ];
    if (row.taxExempt && !row.exemptionCertificateRef) {
      issues.push({ path: '/exemptionCertificateRef', message: 'is required when taxExempt is true', code: 'required' });
    }
    return issues;
  },
  applyFilters: (qb, query) => {
    let q = qb;
    if (query.entityId) q = q.where(sql.ref('entity_id'), '=', query.entityId as string);
    if (query.segment) q = q.where(sql.ref('segment'), '=', query.segment as string);
    if (query.active) q = q.where(sql.ref('active'), '=', query.active === 'true');
    if (query.ids) q = q.where(sql.ref('id'), 'in', String(query.ids).split(','));
    if (query.q) {
      const pattern = `%${String(query.q).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q = q.where((eb) => eb.or([eb(sql.ref('name'), 'ilike', pattern), eb(sql.ref('number'), 'ilike', pattern)]));
    }
    return q;
  },
};

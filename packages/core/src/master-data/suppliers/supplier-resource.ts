import { sql } from 'kysely';
import type { BankAccount, DefaultCoding } from '../../db/schema.ts';
import { ID_PREFIX } from '../../shared/ids.ts';
import { isNewOrChanged } from '../changed-fields.ts';
import { whereActive, whereEquals, whereTextMatches } from '../list-filters.ts';
import { checkEntities, checkTaxId } from '../reference-checks.ts';
import type { ResourceDefinition, Row } from '../resource.ts';
import { timestamps } from '../row-helpers.ts';
import { checkBankAccount, checkDefaultCoding } from './supplier-checks.ts';
import {
  createSupplierSchema,
  listSuppliersQuery,
  supplierSchema,
  updateSupplierSchema,
  type Supplier,
} from './supplier-schemas.ts';

/**
 * Suppliers: one record per vendor, shared by the entities it serves (a group buys from
 * the same cloud provider in several countries). Entity scope is that list: a clerk sees
 * a supplier when it serves one of their entities, and changes it only when it serves
 * only entities they may write to.
 */
export const supplierResource: ResourceDefinition = {
  path: 'suppliers',
  objectType: 'supplier',
  label: 'supplier',
  table: 'suppliers',
  idPrefix: ID_PREFIX.supplier,
  permissions: { read: 'suppliers:read', write: 'suppliers:write' },
  entityIdsOf: (row) => row.entityIds as string[],
  scopeColumn: { column: 'entity_ids', kind: 'array' },
  createSchema: createSupplierSchema,
  updateSchema: updateSupplierSchema,
  outputSchema: supplierSchema,
  listQuery: listSuppliersQuery,
  uniqueFields: { suppliers_number_key: 'number' },
  // The same entity listed twice means nothing more; keep the first occurrence's order.
  toColumns: (input) => (Array.isArray(input.entityIds) ? { ...input, entityIds: [...new Set(input.entityIds as string[])] } : { ...input }),
  toOutput: (row: Row): Supplier => ({
    id: row.id,
    entityIds: row.entityIds as string[],
    number: row.number as string,
    name: row.name as string,
    country: row.country as string,
    taxId: (row.taxId as string | null) ?? null,
    taxIdType: (row.taxIdType as string | null) ?? null,
    bankAccount: (row.bankAccount as BankAccount | null) ?? null,
    paymentTermsDays: row.paymentTermsDays as number,
    defaultCoding: (row.defaultCoding as Supplier['defaultCoding']) ?? null,
    active: row.active as boolean,
    version: row.version,
    ...timestamps(row),
  }),
  check: async (trx, row, existing) => {
    const issues = [...checkTaxId(row, row.country as string)];
    if (isNewOrChanged(row, existing, 'entityIds')) issues.push(...(await checkEntities(trx, row.entityIds as string[], '/entityIds')));
    const bank = row.bankAccount as BankAccount | null | undefined;
    if (bank && isNewOrChanged(row, existing, 'bankAccount')) {
      const result = checkBankAccount(bank);
      row.bankAccount = result.normalized;
      issues.push(...result.issues);
    }
    const coding = row.defaultCoding as DefaultCoding | null | undefined;
    if (coding && isNewOrChanged(row, existing, 'defaultCoding')) issues.push(...(await checkDefaultCoding(trx, coding)));
    return issues;
  },
  applyFilters: (qb, query) => {
    let q = whereActive(whereEquals(qb, query, { country: 'country' }), query);
    // @> keeps the GIN index on entity_ids usable (= ANY would not).
    if (query.entityId) q = q.where(sql<boolean>`${sql.ref('entity_ids')} @> ARRAY[${query.entityId as string}]::text[]`);
    return whereTextMatches(q, query.q, ['name', 'number']);
  },
};

import type { Database } from '../../db/schema.ts';
import type { Trx } from '../../db/transaction.ts';
import type { FieldIssue } from '../../errors/app-error.ts';
import { ID_PREFIX } from '../../shared/ids.ts';
import { isNewOrChanged } from '../changed-fields.ts';
import { whereEquals } from '../list-filters.ts';
import type { ResourceDefinition, Row } from '../resource.ts';
import { timestamps } from '../row-helpers.ts';
import {
  createExternalIdSchema,
  externalIdSchema,
  listExternalIdsQuery,
  updateExternalIdSchema,
  type ExternalIdMapping,
  type ExternalObjectType,
} from './external-id-schemas.ts';

/** Object type → its table, for the types that have one yet. */
export const OBJECT_TABLES: Partial<Record<ExternalObjectType, keyof Database & string>> = {
  legal_entity: 'legalEntities',
  customer: 'customers',
  supplier: 'suppliers',
  product: 'products',
  gl_account: 'glAccounts',
  gl_dimension_value: 'glDimensionValues',
  tax_code: 'taxCodes',
};

async function checkObjectExists(trx: Trx, objectType: ExternalObjectType, objectId: string): Promise<FieldIssue[]> {
  const table = OBJECT_TABLES[objectType];
  if (!table) return []; // documents without a table yet: nothing to check against
  const found = await trx
    .selectFrom(table)
    .select('id')
    .where('id', '=', objectId as never)
    .executeTakeFirst();
  return found ? [] : [{ path: '/objectId', message: `${objectType} ${objectId} does not exist`, code: 'reference' }];
}

/**
 * Cross-system identity: which id another system (CRM, billing, an ERP) uses for one of
 * our objects. One mapping per object and system, and one object per external id.
 */
export const externalIdResource: ResourceDefinition = {
  path: 'external-ids',
  objectType: 'external_id',
  label: 'external id',
  table: 'externalIds',
  idPrefix: ID_PREFIX.externalId,
  permissions: { read: 'external-ids:read', write: 'external-ids:write' },
  entityIdsOf: () => null,
  createSchema: createExternalIdSchema,
  updateSchema: updateExternalIdSchema,
  outputSchema: externalIdSchema,
  listQuery: listExternalIdsQuery,
  uniqueFields: {
    external_ids_system_object_type_external_id_key: 'externalId',
    external_ids_system_object_type_object_id_key: 'objectId',
  },
  immutable: ['system', 'objectType'],
  toColumns: (input) => ({ ...input }),
  toOutput: (row: Row): ExternalIdMapping => ({
    id: row.id,
    system: row.system as string,
    objectType: row.objectType as ExternalObjectType,
    externalId: row.externalId as string,
    objectId: row.objectId as string,
    version: row.version,
    ...timestamps(row),
  }),
  check: async (trx, row, existing) =>
    isNewOrChanged(row, existing, 'objectId')
      ? checkObjectExists(trx, row.objectType as ExternalObjectType, row.objectId as string)
      : [],
  applyFilters: (qb, query) =>
    whereEquals(qb, query, { system: 'system', objectType: 'object_type', externalId: 'external_id', objectId: 'object_id' }),
};

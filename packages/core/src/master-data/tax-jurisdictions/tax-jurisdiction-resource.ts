import { ID_PREFIX } from '../../shared/ids.ts';
import { whereEquals, whereTextMatches } from '../list-filters.ts';
import type { ResourceDefinition, Row } from '../resource.ts';
import { timestamps } from '../row-helpers.ts';
import {
  createTaxJurisdictionSchema,
  listTaxJurisdictionsQuery,
  taxJurisdictionSchema,
  updateTaxJurisdictionSchema,
  type TaxJurisdiction,
} from './tax-jurisdiction-schemas.ts';

/** Where a tax applies: a country, or a region or city inside it. Global. */
export const taxJurisdictionResource: ResourceDefinition = {
  path: 'tax-jurisdictions',
  objectType: 'tax_jurisdiction',
  label: 'tax jurisdiction',
  table: 'taxJurisdictions',
  idPrefix: ID_PREFIX.taxJurisdiction,
  permissions: { read: 'reference:read', write: 'reference:write' },
  entityIdsOf: () => null,
  createSchema: createTaxJurisdictionSchema,
  updateSchema: updateTaxJurisdictionSchema,
  outputSchema: taxJurisdictionSchema,
  listQuery: listTaxJurisdictionsQuery,
  uniqueFields: { tax_jurisdictions_code_key: 'code' },
  immutable: ['code'],
  toColumns: (input) => ({ ...input }),
  toOutput: (row: Row): TaxJurisdiction => ({
    id: row.id,
    code: row.code as string,
    name: row.name as string,
    country: row.country as string,
    region: (row.region as string | null) ?? null,
    version: row.version,
    ...timestamps(row),
  }),
  applyFilters: (qb, query) => whereTextMatches(whereEquals(qb, query, { country: 'country' }), query.q, ['code', 'name']),
};

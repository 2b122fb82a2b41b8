import { ID_PREFIX } from '../../shared/ids.ts';
import { checkAccountType } from '../gl-accounts/check-account-type.ts';
import { isNewOrChanged } from '../changed-fields.ts';
import { whereActive, whereEquals, whereTextMatches } from '../list-filters.ts';
import type { ResourceDefinition, Row } from '../resource.ts';
import { timestamps } from '../row-helpers.ts';
import {
  createProductSchema,
  listProductsQuery,
  productSchema,
  updateProductSchema,
  type Product,
} from './product-schemas.ts';

/** The product catalog: what invoice lines sell, and where their revenue posts. */
export const productResource: ResourceDefinition = {
  path: 'products',
  objectType: 'product',
  label: 'product',
  table: 'products',
  idPrefix: ID_PREFIX.product,
  permissions: { read: 'reference:read', write: 'reference:write' },
  entityIdsOf: () => null,
  createSchema: createProductSchema,
  updateSchema: updateProductSchema,
  outputSchema: productSchema,
  listQuery: listProductsQuery,
  uniqueFields: { products_sku_key: 'sku' },
  immutable: ['sku'],
  toColumns: (input) => ({ ...input }),
  toOutput: (row: Row): Product => ({
    id: row.id,
    sku: row.sku as string,
    name: row.name as string,
    description: (row.description as string | null) ?? null,
    unit: row.unit as string,
    revenueAccountCode: row.revenueAccountCode as string,
    taxCategory: row.taxCategory as string,
    active: row.active as boolean,
    version: row.version,
    ...timestamps(row),
  }),
  // Sales must land on a revenue account: an expense or balance-sheet account here would
  // misstate revenue on every invoice that sells the product.
  check: async (trx, row, existing) =>
    isNewOrChanged(row, existing, 'revenueAccountCode')
      ? checkAccountType(trx, row.revenueAccountCode as string, '/revenueAccountCode', ['revenue'])
      : [],
  applyFilters: (qb, query) => {
    const filtered = whereEquals(qb, query, { taxCategory: 'tax_category', revenueAccountCode: 'revenue_account_code' });
    return whereTextMatches(whereActive(filtered, query), query.q, ['sku', 'name']);
  },
};

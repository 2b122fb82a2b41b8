import type { Trx } from '../../db/transaction.ts';
import type { FieldIssue } from '../../errors/app-error.ts';
import { ID_PREFIX } from '../../shared/ids.ts';
import { isNewOrChanged } from '../changed-fields.ts';
import { whereActive, whereEquals, whereTextMatches } from '../list-filters.ts';
import type { ResourceDefinition, Row } from '../resource.ts';
import { timestamps } from '../row-helpers.ts';
import {
  createGlDimensionValueSchema,
  glDimensionValueSchema,
  listGlDimensionValuesQuery,
  updateGlDimensionValueSchema,
  type GlDimensionValue,
} from './gl-dimension-value-schemas.ts';

async function checkDimension(trx: Trx, code: string): Promise<FieldIssue[]> {
  const found = await trx.selectFrom('glDimensions').select('id').where('code', '=', code).executeTakeFirst();
  return found ? [] : [{ path: '/dimensionCode', message: `GL dimension ${code} does not exist`, code: 'reference' }];
}

async function checkOwner(trx: Trx, userId: string | null): Promise<FieldIssue[]> {
  if (userId === null || userId === undefined) return [];
  const user = await trx.selectFrom('users').select('active').where('id', '=', userId).executeTakeFirst();
  if (!user) return [{ path: '/ownerUserId', message: `user ${userId} does not exist`, code: 'reference' }];
  if (!user.active) return [{ path: '/ownerUserId', message: `user ${userId} is inactive`, code: 'inactive' }];
  return [];
}

/** Values of a GL dimension (cost center CC-100, region EMEA, …), unique per dimension. */
export const glDimensionValueResource: ResourceDefinition = {
  path: 'gl-dimension-values',
  objectType: 'gl_dimension_value',
  label: 'GL dimension value',
  table: 'glDimensionValues',
  idPrefix: ID_PREFIX.glDimensionValue,
  permissions: { read: 'reference:read', write: 'reference:write' },
  entityIdsOf: () => null,
  createSchema: createGlDimensionValueSchema,
  updateSchema: updateGlDimensionValueSchema,
  outputSchema: glDimensionValueSchema,
  listQuery: listGlDimensionValuesQuery,
  uniqueFields: { gl_dimension_values_dimension_code_code_key: 'code' },
  immutable: ['dimensionCode', 'code'],
  toColumns: (input) => ({ ...input }),
  toOutput: (row: Row): GlDimensionValue => ({
    id: row.id,
    dimensionCode: row.dimensionCode as string,
    code: row.code as string,
    name: row.name as string,
    ownerUserId: (row.ownerUserId as string | null) ?? null,
    active: row.active as boolean,
    version: row.version,
    ...timestamps(row),
  }),
  check: async (trx, row, existing) => [
    ...(existing ? [] : await checkDimension(trx, row.dimensionCode as string)),
    ...(isNewOrChanged(row, existing, 'ownerUserId') ? await checkOwner(trx, (row.ownerUserId as string | null) ?? null) : []),
  ],
  applyFilters: (qb, query) => {
    const filtered = whereEquals(qb, query, { dimensionCode: 'dimension_code', ownerUserId: 'owner_user_id' });
    return whereTextMatches(whereActive(filtered, query), query.q, ['code', 'name']);
  },
};

import { ID_PREFIX } from '../../shared/ids.ts';
import { whereActive, whereEquals, whereTextMatches } from '../list-filters.ts';
import type { ResourceDefinition, Row } from '../resource.ts';
import { timestamps } from '../row-helpers.ts';
import {
  createGlAccountSchema,
  glAccountSchema,
  listGlAccountsQuery,
  updateGlAccountSchema,
  type GlAccount,
} from './gl-account-schemas.ts';

/** The chart of accounts: global reference data shared by every entity. */
export const glAccountResource: ResourceDefinition = {
  path: 'gl-accounts',
  objectType: 'gl_account',
  label: 'GL account',
  table: 'glAccounts',
  idPrefix: ID_PREFIX.glAccount,
  permissions: { read: 'reference:read', write: 'reference:write' },
  entityIdsOf: () => null,
  createSchema: createGlAccountSchema,
  updateSchema: updateGlAccountSchema,
  outputSchema: glAccountSchema,
  listQuery: listGlAccountsQuery,
  uniqueFields: { gl_accounts_code_key: 'code' },
  immutable: ['code', 'type'],
  toColumns: (input) => ({ ...input }),
  toOutput: (row: Row): GlAccount => ({
    id: row.id,
    code: row.code as string,
    name: row.name as string,
    type: row.type as GlAccount['type'],
    active: row.active as boolean,
    version: row.version,
    ...timestamps(row),
  }),
  applyFilters: (qb, query) =>
    whereTextMatches(whereActive(whereEquals(qb, query, { type: 'type' }), query), query.q, ['code', 'name']),
};

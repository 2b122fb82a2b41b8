import { sql } from 'kysely';
import { ID_PREFIX } from '../../shared/ids.ts';
import { whereActive, whereTextMatches } from '../list-filters.ts';
import type { ResourceDefinition, Row } from '../resource.ts';
import { timestamps } from '../row-helpers.ts';
import {
  createGlDimensionSchema,
  glDimensionSchema,
  listGlDimensionsQuery,
  updateGlDimensionSchema,
  type GlDimension,
} from './gl-dimension-schemas.ts';

/** Accounting dimensions (department, cost center, …): configurable, global. */
export const glDimensionResource: ResourceDefinition = {
  path: 'gl-dimensions',
  objectType: 'gl_dimension',
  label: 'GL dimension',
  table: 'glDimensions',
  idPrefix: ID_PREFIX.glDimension,
  permissions: { read: 'reference:read', write: 'reference:write' },
  entityIdsOf: () => null,
  createSchema: createGlDimensionSchema,
  updateSchema: updateGlDimensionSchema,
  outputSchema: glDimensionSchema,
  listQuery: listGlDimensionsQuery,
  uniqueFields: { gl_dimensions_code_key: 'code' },
  immutable: ['code'],
  toColumns: (input) => ({ ...input }),
  toOutput: (row: Row): GlDimension => ({
    id: row.id,
    code: row.code as string,
    name: row.name as string,
    requiredFor: row.requiredFor as string[],
    active: row.active as boolean,
    version: row.version,
    ...timestamps(row),
  }),
  applyFilters: (qb, query) => {
    let q = whereActive(qb, query);
    if (query.requiredFor) q = q.where(sql<boolean>`${query.requiredFor as string} = ANY(${sql.ref('required_for')})`);
    return whereTextMatches(q, query.q, ['code', 'name']);
  },
};

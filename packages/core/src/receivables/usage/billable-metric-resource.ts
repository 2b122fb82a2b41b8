import { whereActive, whereEquals, whereTextMatches } from '../../master-data/list-filters.ts';
import type { ResourceDefinition, Row } from '../../master-data/resource.ts';
import { timestamps } from '../../master-data/row-helpers.ts';
import { ID_PREFIX } from '../../shared/ids.ts';
import {
  billableMetricSchema,
  createBillableMetricSchema,
  listBillableMetricsQuery,
  updateBillableMetricSchema,
  type BillableMetric,
} from './billable-metric-schemas.ts';

/**
 * Billable metrics: what usage events count and how. The code is the CloudEvents `type`
 * of the events; code and aggregation are fixed once created, since invoices already
 * rated with them must stay explainable.
 */
export const billableMetricResource: ResourceDefinition = {
  path: 'billable-metrics',
  objectType: 'billable_metric',
  label: 'billable metric',
  table: 'billableMetrics',
  idPrefix: ID_PREFIX.billableMetric,
  permissions: { read: 'reference:read', write: 'reference:write' },
  entityIdsOf: () => null,
  createSchema: createBillableMetricSchema,
  updateSchema: updateBillableMetricSchema,
  outputSchema: billableMetricSchema,
  listQuery: listBillableMetricsQuery,
  uniqueFields: { billable_metrics_code_key: 'code' },
  immutable: ['code', 'aggregation'],
  toColumns: (input) => ({ ...input }),
  toOutput: (row: Row): BillableMetric => ({
    id: row.id,
    code: row.code as string,
    name: row.name as string,
    aggregation: row.aggregation as BillableMetric['aggregation'],
    property: (row.property as string | null) ?? null,
    unit: row.unit as string,
    active: row.active as boolean,
    version: row.version,
    ...timestamps(row),
  }),
  check: async (_trx, row) => {
    if (row.aggregation === 'unique_count' && !row.property) {
      return [{ path: '/property', message: 'is required for unique_count (the property whose distinct values are counted)', code: 'required' }];
    }
    return [];
  },
  applyFilters: (qb, query) =>
    whereTextMatches(whereActive(whereEquals(qb, query, { aggregation: 'aggregation' }), query), query.q, ['code', 'name']),
};
